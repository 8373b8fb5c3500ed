package store_test

import (
	"context"
	"slices"
	"testing"

	"github.com/vigie-sante/vigie"
)

func TestGrants(t *testing.T) {
	ctx := context.Background()
	s := MustOpenStore(t)
	c1, c2 := MustCreateCampaign(t, s, nil), MustCreateCampaign(t, s, nil)
	consultant := MustCreateUser(t, s, "conseil@example.fr", vigie.RoleConsultant)
	viewer := MustCreateUser(t, s, "cse@example.fr", vigie.RoleViewer)
	other := MustCreateUser(t, s, "drh@example.fr", vigie.RoleViewer)

	if err := s.GrantCampaign(ctx, viewer.ID, c1.ID); err != nil {
		t.Fatalf("GrantCampaign: %v", err)
	}
	if err := s.GrantCampaign(ctx, viewer.ID, c1.ID); err != nil {
		t.Fatalf("granting twice: %v", err)
	}
	if got, err := s.GrantedCampaigns(ctx, viewer.ID); err != nil || !slices.Equal(got, []string{c1.ID}) {
		t.Fatalf("GrantedCampaigns = %v, %v; want [%s]", got, err, c1.ID)
	}
	if got, err := s.CampaignViewers(ctx, c1.ID); err != nil || len(got) != 1 || got[0].ID != viewer.ID {
		t.Fatalf("CampaignViewers = %+v, %v; want the viewer", got, err)
	}

	t.Run("CanReadMatrix", func(t *testing.T) {
		for _, tc := range []struct {
			name     string
			user     *vigie.User
			campaign string
			want     bool
		}{
			{"Anonymous", nil, c1.ID, false},
			{"ConsultantAny", consultant, c1.ID, true},
			{"ConsultantOther", consultant, c2.ID, true},
			{"ViewerGranted", viewer, c1.ID, true},
			{"ViewerNotGranted", viewer, c2.ID, false},
			{"OtherViewer", other, c1.ID, false},
			{"UnknownRole", &vigie.User{ID: viewer.ID, Role: "admin"}, c1.ID, false},
		} {
			t.Run(tc.name, func(t *testing.T) {
				if got, err := s.CanRead(ctx, tc.user, tc.campaign); err != nil || got != tc.want {
					t.Fatalf("CanRead = %v, %v; want %v", got, err, tc.want)
				}
			})
		}
	})
	t.Run("Errors", func(t *testing.T) {
		wantCode(t, s.GrantCampaign(ctx, consultant.ID, c1.ID), vigie.EINVALID)
		wantCode(t, s.GrantCampaign(ctx, "u_nobody", c1.ID), vigie.ENOTFOUND)
		wantCode(t, s.GrantCampaign(ctx, viewer.ID, "c_nothing"), vigie.ENOTFOUND)
		wantCode(t, s.RevokeGrant(ctx, viewer.ID, c2.ID), vigie.ENOTFOUND)
	})
	t.Run("Revoke", func(t *testing.T) {
		if err := s.RevokeGrant(ctx, viewer.ID, c1.ID); err != nil {
			t.Fatalf("RevokeGrant: %v", err)
		}
		if ok, _ := s.CanRead(ctx, viewer, c1.ID); ok {
			t.Fatal("viewer still reads the campaign after revocation")
		}
		if got, _ := s.GrantedCampaigns(ctx, viewer.ID); len(got) != 0 {
			t.Fatalf("GrantedCampaigns after revocation = %v", got)
		}
	})
}
