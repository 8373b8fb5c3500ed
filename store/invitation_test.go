package store_test

import (
	"context"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/store"
	"github.com/vigie-sante/vigie/store/storetest"
)

// invitationRows counts a campaign's invitation marks and keys, read
// behind the store's back.
func invitationRows(tb testing.TB, s *store.Store, campaignID string) (marks, keys int) {
	tb.Helper()
	db := rawDB(tb, s.Path())
	if err := db.QueryRow(`SELECT count(*) FROM invitations WHERE campaign_id = ?`, campaignID).Scan(&marks); err != nil {
		tb.Fatal(err)
	}
	if err := db.QueryRow(`SELECT count(*) FROM invitation_keys WHERE campaign_id = ?`, campaignID).Scan(&keys); err != nil {
		tb.Fatal(err)
	}
	return marks, keys
}

func TestInvite(t *testing.T) {
	ctx := context.Background()
	s := MustOpenStore(t)
	c := MustOpenCampaign(t, s, nil)

	code, err := s.Invite(ctx, c.ID, "alice@client.test", []string{"Direction A", "Service 1"})
	if err != nil {
		t.Fatal(err)
	}
	if unit, err := s.CheckCode(ctx, c.ID, code); err != nil || strings.Join(unit, "/") != "Direction A/Service 1" {
		t.Fatalf("CheckCode = %v, %v; want Direction A/Service 1", unit, err)
	}

	t.Run("ErrAlreadyInvited", func(t *testing.T) {
		for _, again := range []string{"alice@client.test", "  Alice@Client.TEST "} {
			if _, err := s.Invite(ctx, c.ID, again, nil); err != store.ErrAlreadyInvited {
				t.Fatalf("Invite(%q) again = %v, want ErrAlreadyInvited", again, err)
			}
		}
		if total, _, _ := s.CodeCounts(ctx, c.ID); total != 1 {
			t.Fatalf("%d codes, want 1: a refused invitation creates none", total)
		}
	})

	t.Run("UninviteDeletesCodeAndMark", func(t *testing.T) {
		code, err := s.Invite(ctx, c.ID, "bob@client.test", nil)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Uninvite(ctx, c.ID, "bob@client.test", code); err != nil {
			t.Fatal(err)
		}
		if _, err := s.CheckCode(ctx, c.ID, code); vigie.ErrorCode(err) != vigie.EFORBIDDEN {
			t.Fatalf("CheckCode of an uninvited code = %v, want it unknown", err)
		}
		// Bob can be invited again, once.
		if _, err := s.Invite(ctx, c.ID, "bob@client.test", nil); err != nil {
			t.Fatalf("Invite after Uninvite: %v", err)
		}
		if n, err := s.InvitedCount(ctx, c.ID); err != nil || n != 2 {
			t.Fatalf("InvitedCount = %d, %v; want 2", n, err)
		}
	})

	t.Run("ErrCampaign", func(t *testing.T) {
		_, err := s.Invite(ctx, c.ID, "carole@client.test", []string{"Direction Z"})
		wantCode(t, err, vigie.EINVALID)
		_, err = s.Invite(ctx, "c_nope", "carole@client.test", nil)
		wantCode(t, err, vigie.ENOTFOUND)
		link := testSpec()
		link.Access = vigie.AccessLink
		_, err = s.Invite(ctx, MustCreateCampaign(t, s, link).ID, "carole@client.test", nil)
		wantCode(t, err, vigie.EINVALID)
		if n, _ := s.InvitedCount(ctx, c.ID); n != 2 {
			t.Fatalf("InvitedCount = %d after refused invitations, want still 2", n)
		}
	})

	t.Run("NoAddressStored", func(t *testing.T) {
		if cols := tableColumns(t, s.Path(), "invitations"); !slices.Equal(cols, []string{"campaign_id", "hash"}) {
			t.Errorf("invitations columns = %v: a mark is a keyed hash, nothing more", cols)
		}
		if storetest.Postgres() {
			return
		}
		data, err := os.ReadFile(s.Path())
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(strings.ToLower(string(data)), "client.test") {
			t.Error("an address is in the database file")
		}
	})

	t.Run("ErasedAtClosing", func(t *testing.T) {
		if marks, keys := invitationRows(t, s, c.ID); marks != 2 || keys != 1 {
			t.Fatalf("%d marks and %d keys before closing, want 2 and 1", marks, keys)
		}
		if err := s.CloseCampaign(ctx, c.ID, now); err != nil {
			t.Fatal(err)
		}
		if marks, keys := invitationRows(t, s, c.ID); marks != 0 || keys != 0 {
			t.Fatalf("%d marks and %d keys after closing, want none", marks, keys)
		}
		_, err := s.Invite(ctx, c.ID, "dan@client.test", nil)
		wantCode(t, err, vigie.ECONFLICT)
		if marks, keys := invitationRows(t, s, c.ID); marks != 0 || keys != 0 {
			t.Fatalf("an invitation refused after closing left %d marks and %d keys", marks, keys)
		}
		// A code whose mail failed after closing is still deleted.
		if err := s.Uninvite(ctx, c.ID, "alice@client.test", code); err != nil {
			t.Fatalf("Uninvite after closing: %v", err)
		}
	})

	t.Run("ErasedWithADeletedDraft", func(t *testing.T) {
		d := MustCreateCampaign(t, s, nil)
		if _, err := s.Invite(ctx, d.ID, "erin@client.test", nil); err != nil {
			t.Fatal(err)
		}
		if _, err := s.DeleteCampaign(ctx, d.ID, "", now); err != nil {
			t.Fatal(err)
		}
		if marks, keys := invitationRows(t, s, d.ID); marks != 0 || keys != 0 {
			t.Fatalf("%d marks and %d keys after deletion, want none", marks, keys)
		}
	})
}
