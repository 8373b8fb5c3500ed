package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/store"
	"github.com/vigie-sante/vigie/store/storetest"
)

// now is a fixed instant: Tuesday of ISO week 2027-W05.
var now = time.Date(2027, 2, 2, 14, 37, 12, 0, time.UTC)

const nowWeek = "2027-W05"

// TestMain runs every test on SQLite, then on PostgreSQL when
// VIGIE_TEST_POSTGRES is set (see storetest).
func TestMain(m *testing.M) { storetest.Main(m) }

// MustOpenStore opens a store on a fresh database (a file under
// t.TempDir(), or a PostgreSQL database on the second pass) and closes it
// at the end of the test.
func MustOpenStore(tb testing.TB) *store.Store {
	tb.Helper()
	s, err := store.Open(storetest.DB(tb))
	if err != nil {
		tb.Fatalf("Open: %v", err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

// testSpec is a valid campaign description with two questionnaires, a small
// unit tree and one segment.
func testSpec() *vigie.CampaignSpec {
	return &vigie.CampaignSpec{
		Title:          "Baromètre 2027",
		Organisation:   "Service social régional",
		Questionnaires: []string{"sens-du-travail", "reconnaissance"},
		Units: []vigie.UnitSpec{
			{Path: []string{"Direction A", "Service 1"}, Headcount: 12},
			{Path: []string{"Direction A", "Service 2"}, Headcount: 7},
			{Path: []string{"Direction B"}, Headcount: 20},
		},
		Segments: []vigie.Segment{{
			ID:         "metier",
			Label:      map[string]string{"fr": "Métier", "en": "Job"},
			Categories: []string{"Assistant social", "Encadrement", "Administratif"},
		}},
		Languages: []string{"fr", "en"},
	}
}

// MustCreateCampaign creates a draft campaign from spec (testSpec when nil).
func MustCreateCampaign(tb testing.TB, s *store.Store, spec *vigie.CampaignSpec) *vigie.Campaign {
	tb.Helper()
	if spec == nil {
		spec = testSpec()
	}
	c, err := s.CreateCampaign(context.Background(), spec)
	if err != nil {
		tb.Fatalf("CreateCampaign: %v", err)
	}
	return c
}

// MustOpenCampaign creates and opens a campaign from spec (testSpec when nil).
func MustOpenCampaign(tb testing.TB, s *store.Store, spec *vigie.CampaignSpec) *vigie.Campaign {
	tb.Helper()
	c := MustCreateCampaign(tb, s, spec)
	if err := s.OpenCampaign(context.Background(), c.ID, now); err != nil {
		tb.Fatalf("OpenCampaign: %v", err)
	}
	return c
}

// MustGenerateCodes generates n codes without a unit.
func MustGenerateCodes(tb testing.TB, s *store.Store, campaignID string, n int) []string {
	tb.Helper()
	codes, err := s.GenerateCodes(context.Background(), campaignID, n, nil)
	if err != nil {
		tb.Fatalf("GenerateCodes: %v", err)
	}
	return codes
}

// validResponse answers two items of each questionnaire.
func validResponse() *vigie.Response {
	return &vigie.Response{
		Unit:     []string{"Direction A", "Service 2"},
		Segments: map[string]string{"metier": "Encadrement"},
		Answers: map[string]map[string]int{
			"sens-du-travail": {"us1": 4, "us2": 5},
			"reconnaissance":  {"eff1": 3},
		},
		Comments: map[string]string{"reconnaissance": "  Trop de dossiers.  "},
	}
}

// wantCode fails unless err is a domain error with the given code.
func wantCode(tb testing.TB, err error, code string) {
	tb.Helper()
	if got := vigie.ErrorCode(err); got != code {
		tb.Fatalf("error code = %q (%v), want %q", got, err, code)
	}
}
