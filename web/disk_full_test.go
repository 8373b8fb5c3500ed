package web_test

import (
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/vigie-sante/vigie/store/storetest"
)

// TestDiskFull fills the disk under the SQLite file for real (a tmpfs).
// An employee's submission used to answer 500 "erreur interne", and the
// retry "code déjà utilisé" with no explanation: the page now says 503,
// that the answers may have been recorded and what to do, and when the
// code turns out used afterwards, that the earlier attempt most likely
// went through. The API says the same in its terms. The failing
// compaction shows in /healthz and on the campaign page; an archive
// without room for its rewrite is refused, naming the space needed.
func TestDiskFull(t *testing.T) {
	if storetest.Postgres() {
		t.Skip("fills the disk under a SQLite file")
	}
	dir := storetest.SmallDisk(t, 8<<20)
	path := filepath.Join(dir, "vigie.db")
	as := MustNewAdminServer(t, withDB(path))
	slug := as.Campaign.Slug
	codes := as.MustCodes(t, 10000) // a file larger than what one write needs
	br := as.browser(t)
	answerFirstScreens(t, br, slug, codes[0])
	walk(t, br, "/r/"+slug+"/q/charge-et-soutien/soutien")
	consultant := as.signedIn(t, consultantEmail)

	disk := storetest.FillDisk(t, dir)
	t.Run("SubmitPage", func(t *testing.T) {
		p := br.post("/r/"+slug+"/submit", url.Values{})
		wantStatus(t, p, http.StatusServiceUnavailable)
		wantContains(t, p, "L’envoi de vos réponses n’a pas pu être confirmé", "Elles ont peut-être été enregistrées malgré tout")
		if p.Header.Get("Retry-After") == "" {
			t.Error("503 without Retry-After")
		}
		if n := as.responseCount(t); n != 0 {
			t.Fatalf("%d responses, want 0 (the disk is full)", n)
		}
	})
	t.Run("SubmitAPI", func(t *testing.T) {
		p := as.browser(t).postJSON(responsesPath(as.testServer), validBody(codes[1]))
		wantStatus(t, p, http.StatusServiceUnavailable)
		wantContains(t, p, "La réponse n’a pas pu être confirmée", "409")
	})
	// Room for small writes (the campaign page writes its participation
	// snapshot), not for the rewrite of the whole file.
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	disk.Leave(info.Size() / 2)
	t.Run("CompactionFailureShown", func(t *testing.T) {
		deadline := time.Now().Add(20 * time.Second)
		var health struct {
			Status     string
			Compaction struct {
				Status   string
				DiskFull bool `json:"disk_full"`
			}
		}
		for {
			p := br.get("/healthz")
			wantStatus(t, p, http.StatusOK)
			decode(t, p, &health)
			if health.Compaction.Status == "failing" {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("/healthz = %s 20 s after the disk filled, want the compaction failing", p.Body)
			}
			time.Sleep(20 * time.Millisecond)
		}
		if !health.Compaction.DiskFull {
			t.Errorf("/healthz does not say the disk is full: %+v", health)
		}
		p := consultant.get("/admin/campaigns/" + as.Campaign.ID)
		wantStatus(t, p, http.StatusOK)
		wantContains(t, p, `id="rewrite-notice"`, "La réécriture du fichier de la base échoue", "le disque du serveur est plein")
	})

	disk.Free()
	// The first attempt went through after all, as when PostgreSQL
	// commits and the acknowledgement is lost: the code is used.
	p := as.browser(t).postJSON(responsesPath(as.testServer), validBody(codes[0]))
	wantStatus(t, p, http.StatusCreated)
	t.Run("CodeAgain", func(t *testing.T) {
		p := br.post("/r/"+slug+"/code", url.Values{"code": {codes[0]}})
		wantStatus(t, p, http.StatusConflict)
		wantContains(t, p, "Votre envoi précédent a été interrompu par une panne, mais il a sans doute abouti")
		// Another browser knows nothing of the outage.
		p = as.browser(t).post("/r/"+slug+"/code", url.Values{"code": {codes[0]}})
		wantStatus(t, p, http.StatusConflict)
		wantContains(t, p, "Ce code a déjà servi")
	})
	t.Run("SubmitAgain", func(t *testing.T) {
		p := br.post("/r/"+slug+"/submit", url.Values{})
		wantStatus(t, p, http.StatusConflict)
		wantContains(t, p, "Votre envoi précédent a été interrompu par une panne, mais il a sans doute abouti")
		if n := as.responseCount(t); n != 1 {
			t.Fatalf("%d responses, want 1", n)
		}
	})

	as.closeCampaign(t)
	disk = storetest.FillDisk(t, dir)
	disk.Leave(info.Size() / 2)
	t.Run("ArchiveRefused", func(t *testing.T) {
		p := consultant.post("/admin/campaigns/"+as.Campaign.ID+"/archive", url.Values{"confirm": {"1"}})
		wantStatus(t, p, http.StatusServiceUnavailable)
		wantContains(t, p, "Espace disque insuffisant pour archiver cette campagne", "disponibles", "libérez de la place sur le serveur")
		_, token := as.token(t, as.Consultant)
		p = as.api(t, token, http.MethodPost, "/api/v1/campaigns/"+as.Campaign.ID+"/archive", "")
		wantStatus(t, p, http.StatusServiceUnavailable)
		wantContains(t, p, "Espace disque insuffisant")
		if n := as.responseCount(t); n != 1 {
			t.Fatalf("%d responses, want 1 (nothing erased)", n)
		}
	})
	disk.Free()
	t.Run("ArchiveWithRoom", func(t *testing.T) {
		p := consultant.post("/admin/campaigns/"+as.Campaign.ID+"/archive", url.Values{"confirm": {"1"}})
		wantRedirect(t, p, "/admin/campaigns/"+as.Campaign.ID)
	})
}
