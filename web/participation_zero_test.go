package web_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/vigie-sante/vigie"
)

// A unit nobody answered in reads exactly as a unit where 1 to k-1 did,
// on the page and in the API, open and closed (issue 19): a word of its
// own for 0 would change when the first member of a small unit answers,
// and say who just took part.
func TestNobodyReadsAsBelowK(t *testing.T) {
	as := MustNewAdminServer(t, withSpec(func(s *vigie.CampaignSpec) {
		s.Units = append(s.Units,
			vigie.UnitSpec{Path: []string{"Direction C"}, Headcount: 6},
			vigie.UnitSpec{Path: []string{"Direction D"}, Headcount: 6},
			vigie.UnitSpec{Path: []string{"Direction E"}, Headcount: 6})
	}))
	as.submitN(t, 6, []string{"Direction A", "Service 1"}, "")
	as.submitN(t, 6, []string{"Direction B"}, "")
	as.submitN(t, 1, []string{"Direction D"}, "") // 1 to k-1
	as.submitN(t, 4, []string{"Direction E"}, "") // so that no subtraction gives D away
	b := as.signedIn(t, consultantEmail)
	_, token := as.token(t, as.Viewer)

	// sameRows fails unless the rows of Direction C (nobody) and
	// Direction D (one person) on the page at path read the same.
	sameRows := func(stage, path string) {
		t.Helper()
		p := b.get(path)
		wantStatus(t, p, http.StatusOK)
		none, one := rowOf(t, p.Body, "Direction C"), rowOf(t, p.Body, "Direction D")
		if strings.ReplaceAll(none, "Direction C", "Direction X") != strings.ReplaceAll(one, "Direction D", "Direction X") {
			t.Errorf("%s %s: nobody reads\n%s\none person reads\n%s", stage, path, none, one)
		}
		if !strings.Contains(none, "moins de 5 réponses") && !strings.Contains(none, "Moins de 5 réponses") {
			t.Errorf("%s %s: Direction C = %s, want « moins de 5 réponses »", stage, path, none)
		}
	}
	// sameJSON fails unless the API's objects for both units (in the list
	// under key) are the same but for the unit's name.
	sameJSON := func(stage, path, key string) {
		t.Helper()
		api := as.api(t, token, http.MethodGet, path, "")
		wantStatus(t, api, http.StatusOK)
		var body map[string]json.RawMessage
		decode(t, api, &body)
		var list []map[string]any
		if err := json.Unmarshal(body[key], &list); err != nil {
			t.Fatalf("%s %s: %s is not a list of objects: %v", stage, path, key, err)
		}
		objects := map[string]string{}
		for _, o := range list {
			var name string
			if id, ok := o["id"].(string); ok { // results: "unit:Direction C"
				name = strings.TrimPrefix(id, "unit:")
				delete(o, "id")
				delete(o, "label")
			} else if unit, ok := o["unit"].([]any); ok { // participation: ["Direction C"]
				name = fmt.Sprint(unit...)
				delete(o, "unit")
			}
			text, err := json.Marshal(o)
			if err != nil {
				t.Fatal(err)
			}
			objects[name] = string(text)
		}
		none, one := objects["Direction C"], objects["Direction D"]
		if none == "" || none != one {
			t.Errorf("%s %s: nobody reads %s, one person reads %s", stage, path, none, one)
		}
		if strings.Contains(api.Body, "no_respondents") || strings.Contains(api.Body, "no_answer") {
			t.Errorf("%s %s: the API still tells nobody from fewer than k: %s", stage, path, api.Body)
		}
	}

	campaign := "/admin/campaigns/" + as.Campaign.ID
	participation := "/api/v1/campaigns/" + as.Campaign.ID + "/participation"
	sameRows("open", campaign)
	sameJSON("open", participation, "units")

	as.closeCampaign(t)
	sameRows("closed", campaign)
	sameJSON("closed", participation, "units")
	sameRows("closed", campaign+"/results/charge-et-soutien")
	sameJSON("closed", "/api/v1/campaigns/"+as.Campaign.ID+"/results?questionnaire=charge-et-soutien", "groups")
}
