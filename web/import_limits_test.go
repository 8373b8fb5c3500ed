package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/vigie-sante/vigie/sheet/sheettest"
)

// TestImportsOfTheXFDWorkbook posts the workbook of issue 24 to both
// back-office imports: each refuses it, naming the row limit, after
// allocating less than 50 MB in all (the upload's parsing included).
func TestImportsOfTheXFDWorkbook(t *testing.T) {
	srv := startSMTP(t)
	as := MustNewAdminServer(t, withMailer(t, srv, true))
	b := as.signedIn(t, consultantEmail)
	data := string(sheettest.XFDWorkbook(t, 12_000))
	t.Logf("workbook: %d bytes", len(data))
	for _, tt := range []struct {
		name, path, field string
		fields            url.Values
		want              string
	}{
		{"Units", "/admin/campaigns", "units_file", func() url.Values { f := campaignFields(); f.Set("units", ""); return f }(),
			"le fichier a plus de 5\u202f001 lignes remplies : au plus 5\u202f000 unités"},
		{"Invitations", "/admin/campaigns/" + as.Campaign.ID + "/invitations", "file", url.Values{"kind": {"invite"}},
			"Le fichier a plus de 2\u202f001 lignes remplies : au plus 2\u202f000 adresses par envoi"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			body, ctype := multipartBody(t, tt.fields, map[string][2]string{tt.field: {"liste.xlsx", data}})
			var p *page
			total := sheettest.Allocated(func() { p = b.do(http.MethodPost, tt.path, body, ctype) })
			t.Logf("%.1f MB allocated", float64(total)/(1<<20))
			wantStatus(t, p, http.StatusBadRequest)
			wantContains(t, p, strings.ReplaceAll(tt.want, "'", "&#39;"))
			if total > 50<<20 {
				t.Errorf("%.1f MB allocated, want under 50 MB", float64(total)/(1<<20))
			}
		})
	}
	if n := srv.Sessions(); n != 0 {
		t.Fatalf("%d SMTP sessions, want none", n)
	}
}
