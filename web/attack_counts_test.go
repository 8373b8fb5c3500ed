package web_test

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/questionnaires"
)

// Attack 4 of issue 9, against the real server: a viewer with results
// access reads participation and the results of every questionnaire of a
// closed campaign through the API, and subtracts counts across them.
// Before issue 9 participation hid Siège to protect two people who gave no
// unit and answered only sens-du-travail, while the results of
// reconnaissance (which those two did not answer) published Siège = 8:
// 35 − 14 − 11 − 8 = 2 isolated them, and comparing the segment counts of
// the two questionnaires then gave their categories.

// countRespondent is one generated respondent: their unit ("" for none),
// category and the questionnaires they answered.
type countRespondent struct {
	unit     string
	category string
	answered []string
}

// countOutput is one published output as the attacker reads it: the
// groups it lists, the counts it publishes (by group id), and for the
// test alone, whom it counts.
type countOutput struct {
	name   string
	groups []string
	shown  map[string]int
	counts func(r countRespondent) bool
}

// countCampaign submits the respondents of attack 4 through the API to a
// campaign with units DirA, DirB, Siège and a segment métier, closes it,
// and returns the server with the respondents.
func countCampaign(t *testing.T) (*adminServer, []countRespondent) {
	t.Helper()
	as := MustNewAdminServer(t, withAccess(vigie.AccessLink), withSpec(func(s *vigie.CampaignSpec) {
		s.Questionnaires = []string{"reconnaissance", "sens-du-travail"}
		s.Units = []vigie.UnitSpec{{Path: []string{"DirA"}, Headcount: 15}, {Path: []string{"DirB"}, Headcount: 12}, {Path: []string{"Siège"}, Headcount: 10}}
		s.Segments = []vigie.Segment{{ID: "metier", Label: map[string]string{"fr": "Métier"}, Categories: []string{"Soin", "Administratif", "Technique"}}}
		s.MinGroupSize = 5
	}))
	rng := rand.New(rand.NewPCG(4, 35))
	cats := []string{"Soin", "Administratif", "Technique"}
	var people []countRespondent
	for _, u := range []struct {
		name string
		n    int
	}{{"DirA", 14}, {"DirB", 11}, {"Siège", 8}} {
		for range u.n {
			people = append(people, countRespondent{unit: u.name, category: cats[rng.IntN(len(cats))], answered: []string{"reconnaissance", "sens-du-travail"}})
		}
	}
	// The two the attacker is after: no unit, sens-du-travail only, in
	// two different categories.
	people = append(people,
		countRespondent{category: "Administratif", answered: []string{"sens-du-travail"}},
		countRespondent{category: "Technique", answered: []string{"sens-du-travail"}})

	for i, p := range people {
		answers := map[string]map[string]int{}
		for _, qid := range p.answered {
			q, _ := questionnaires.BuiltinByID(qid)
			answers[qid] = map[string]int{}
			for _, it := range q.Items() {
				answers[qid][it.ID] = it.Scale.Min + rng.IntN(it.Scale.Max-it.Scale.Min+1)
			}
		}
		body, err := json.Marshal(map[string]any{"unit": p.unit, "segments": map[string]string{"metier": p.category}, "answers": answers})
		if err != nil {
			t.Fatal(err)
		}
		b := as.browser(t)
		b.addr = fmt.Sprintf("198.51.100.%d:4000", i+1)
		wantStatus(t, b.postJSON(responsesPath(as.testServer), string(body)), http.StatusCreated)
	}
	as.closeCampaign(t)
	return as, people
}

// readOutputs fetches, as a viewer, participation and the results of
// every questionnaire.
func readOutputs(t *testing.T, as *adminServer, qids []string) []countOutput {
	t.Helper()
	_, token := as.token(t, as.Viewer)
	base := "/api/v1/campaigns/" + as.Campaign.ID

	p := as.api(t, token, http.MethodGet, base+"/participation", "")
	wantStatus(t, p, http.StatusOK)
	var part struct {
		Units []struct {
			Unit        []string `json:"unit"`
			Respondents *int     `json:"respondents"`
		} `json:"units"`
	}
	decode(t, p, &part)
	outs := []countOutput{{name: "participation", shown: map[string]int{}, counts: func(countRespondent) bool { return true }}}
	for _, u := range part.Units {
		id := "unit:" + strings.Join(u.Unit, "/")
		outs[0].groups = append(outs[0].groups, id)
		if u.Respondents != nil {
			outs[0].shown[id] = *u.Respondents
		}
	}

	for _, qid := range qids {
		p := as.api(t, token, http.MethodGet, base+"/results?questionnaire="+url.QueryEscape(qid), "")
		wantStatus(t, p, http.StatusOK)
		var res struct {
			Groups []struct {
				ID          string `json:"id"`
				Suppressed  bool   `json:"suppressed"`
				Respondents int    `json:"respondents"`
			} `json:"groups"`
		}
		decode(t, p, &res)
		out := countOutput{name: qid, shown: map[string]int{}, counts: func(r countRespondent) bool { return slices.Contains(r.answered, qid) }}
		for _, g := range res.Groups {
			out.groups = append(out.groups, g.ID)
			if !g.Suppressed {
				out.shown[g.ID] = g.Respondents
			}
		}
		outs = append(outs, out)
	}
	return outs
}

// inGroup reports whether r belongs to a group, by its id.
func inGroup(r countRespondent, id string) bool {
	switch {
	case id == "all":
		return true
	case id == "unit:(non renseigné)":
		return r.unit == ""
	case strings.HasPrefix(id, "unit:"):
		return r.unit == strings.TrimPrefix(id, "unit:")
	case strings.HasPrefix(id, "segment:metier="):
		return r.category == strings.TrimPrefix(id, "segment:metier=")
	}
	panic("unknown group " + id)
}

// truthIn counts the people an output counts in a group.
func truthIn(people []countRespondent, o countOutput, id string) int {
	n := 0
	for _, r := range people {
		if o.counts(r) && inGroup(r, id) {
			n++
		}
	}
	return n
}

func TestCountsAcrossOutputsAttack(t *testing.T) {
	as, people := countCampaign(t)
	outs := readOutputs(t, as, []string{"reconnaissance", "sens-du-travail"})
	const k = 5

	// Everyone hidden anywhere is hidden everywhere: no output publishes
	// a group that another hides while someone is in it.
	t.Run("SameGroupsHiddenEverywhere", func(t *testing.T) {
		for _, hider := range outs {
			for _, id := range hider.groups {
				if _, shown := hider.shown[id]; shown || truthIn(people, hider, id) == 0 {
					continue
				}
				for _, o := range outs {
					if n, shown := o.shown[id]; shown {
						t.Errorf("%s hides %s (%d people there) but %s publishes it (%d); want it hidden in every output",
							hider.name, id, truthIn(people, hider, id), o.name, n)
					}
				}
			}
		}
		// The case of the attack.
		for _, o := range outs {
			if n, shown := o.shown["unit:Siège"]; shown {
				t.Errorf("%s publishes Siège = %d; want it hidden, as participation must hide it to protect the two people with no unit", o.name, n)
			}
		}
	})

	// The whole taken from one output, the members from any output that
	// publishes them (each member from each output in turn): what is left
	// is what the attacker takes for the hidden groups of the partition.
	// It must never be their true size when that is 1 to k−1, in the
	// respondents of either output.
	t.Run("NoSubtractionIsolatesAHiddenGroup", func(t *testing.T) {
		tries := 0
		for _, part := range [][]string{
			{"all", "unit:DirA", "unit:DirB", "unit:Siège", "unit:(non renseigné)"},
			{"all", "segment:metier=Soin", "segment:metier=Administratif", "segment:metier=Technique", "segment:metier=(non renseigné)"},
		} {
			whole, members := part[0], part[1:]
			total := 0
			for _, wo := range outs {
				w, ok := wo.shown[whole]
				if whole == "all" && wo.name == "participation" {
					w, ok = 0, true // participation gives no total: the sum of its units, if all are shown
					for _, m := range members {
						n, shown := wo.shown[m]
						ok = ok && shown
						w += n
					}
				}
				if !ok {
					continue
				}
				// Each member taken from one of the outputs that publish it
				// (or from none).
				var walk func(i, left int, from []string)
				walk = func(i, left int, from []string) {
					if i == len(members) {
						tries++
						if left < 1 || left >= k {
							return
						}
						for _, o := range outs {
							hidden := 0
							for j, m := range members {
								if from[j] == "" {
									hidden += truthIn(people, o, m)
								}
							}
							if hidden == left {
								t.Errorf("%s %s (%d) minus %v from %v leaves %d: the true number of %s's respondents in the groups not subtracted",
									wo.name, whole, w, members, from, left, o.name)
							}
						}
						return
					}
					walk(i+1, left, append(slices.Clip(from), ""))
					for _, mo := range outs {
						if n, shown := mo.shown[members[i]]; shown {
							walk(i+1, left-n, append(slices.Clip(from), mo.name))
						}
					}
				}
				walk(0, w, nil)
				total++
			}
			if total == 0 {
				t.Errorf("no output publishes %s: the attack did not run", whole)
			}
		}
		t.Logf("%d subtractions tried", tries)
	})

	// What comparing the two questionnaires' counts group by group still
	// shows: the number of people who answered sens-du-travail but not
	// reconnaissance in each published group. It is what publishing each
	// questionnaire's respondents per group says by construction; the
	// attack needed it to name the hidden group those people are in, which
	// the subtests above rule out.
	t.Run("QuestionnaireDifferences", func(t *testing.T) {
		recon, sens := outs[1], outs[2]
		for _, id := range sens.groups {
			a, okA := sens.shown[id]
			b, okB := recon.shown[id]
			if okA && okB {
				t.Logf("%s: sens-du-travail %d − reconnaissance %d = %d", id, a, b, a-b)
			}
		}
		for _, id := range []string{"unit:Siège", "unit:(non renseigné)"} {
			if _, shown := sens.shown[id]; shown {
				t.Errorf("sens-du-travail publishes %s: the difference would place the two in it", id)
			}
		}
	})
}
