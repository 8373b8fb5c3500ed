package web_test

import (
	"fmt"
	"strings"
	"testing"
)

func TestProbeResults(t *testing.T) {
	as := MustNewAdminServer(t)
	as.submitN(t, 3, []string{"Direction B"}, "")
	b := as.signedIn(t, consultantEmail)
	p := b.get("/admin/campaigns/" + as.Campaign.ID + "/results/charge-et-soutien")
	i := strings.Index(p.Body, "<h1>")
	fmt.Println(p.Body[i : i+400])
	p = b.get("/api/v1/campaigns/" + as.Campaign.ID + "/results?questionnaire=charge-et-soutien")
	fmt.Println(p.Body[:min(600, len(p.Body))])
	p = b.get("/admin/campaigns/" + as.Campaign.ID)
	i = strings.Index(p.Body, "h-part")
	fmt.Println(p.Body[i : i+1500])
}
