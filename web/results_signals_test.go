package web_test

import (
	"context"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/questionnaires"
)

// signalsServer is a closed campaign with strategies-defensives and
// reconnaissance: 12 respondents in Direction A/Service 1 and 20 in
// Direction B, whose answers give every level, a marked denial and a
// high ethical suffering.
func signalsServer(t *testing.T) *adminServer {
	t.Helper()
	as := MustNewAdminServer(t, withSpec(func(s *vigie.CampaignSpec) {
		s.Questionnaires = append(s.Questionnaires, "strategies-defensives", "reconnaissance")
	}))
	ctx := context.Background()
	qs := map[string]*questionnaires.Questionnaire{}
	for _, id := range []string{"strategies-defensives", "reconnaissance"} {
		qs[id], _ = questionnaires.BuiltinByID(id)
	}
	codes := as.MustCodes(t, 32)
	for i, code := range codes {
		unit := []string{"Direction B"}
		if i < 12 {
			unit = []string{"Direction A", "Service 1"}
		}
		answers := map[string]map[string]int{}
		for id, q := range qs {
			a := map[string]int{}
			for j, it := range q.Items() {
				v := 1 + (i+j)%5
				if d := it.Dimension; d == "deni" || d == "souffrance-ethique" {
					v = 5 // marked, unfavourable
					if it.Reverse {
						v = 1
					}
				}
				a[it.ID] = v
			}
			answers[id] = a
		}
		r := &vigie.Response{CampaignID: as.Campaign.ID, Unit: unit, Segments: map[string]string{"metier": "Assistant social"}, Answers: answers}
		if err := as.Store.SubmitResponse(ctx, as.Campaign.ID, code, r, now); err != nil {
			t.Fatalf("SubmitResponse: %v", err)
		}
	}
	as.closeCampaign(t)
	return as
}

var (
	signalWords  = []string{"signal faible", "à discuter", "marqué"}
	levelWordsFR = []string{"favorable", "intermédiaire", "défavorable"}
	favourableRe = regexp.MustCompile(`(?i)favorable|va bien`)
	tdRe         = regexp.MustCompile(`<td(?: class="([^"]*)")?[^>]*>(.*?)</td>`)
	lvlRe        = regexp.MustCompile(`<span class="lvl">([^<]*)</span>`)
)

// The results page names a defensive strategy's levels as signals, in
// the reports' words, in the heat map, the priorities, the charts and the
// legend; ethical suffering, a work situation, keeps the levels.
func TestResultsDefensiveStrategiesReadAsSignals(t *testing.T) {
	as := signalsServer(t)
	q, _ := questionnaires.BuiltinByID("strategies-defensives")
	p := as.signedIn(t, viewerEmail).get("/admin/campaigns/" + as.Campaign.ID + "/results/strategies-defensives")
	wantStatus(t, p, http.StatusOK)
	body := strings.ReplaceAll(p.Body, "&nbsp;", " ")

	t.Run("HeatMapCells", func(t *testing.T) {
		_, heat, _ := strings.Cut(body, `<table class="heatmap">`)
		heat, _, _ = strings.Cut(heat, "</table>")
		rows := regexp.MustCompile(`(?s)<tr><th scope="row">.*?</tr>`).FindAllString(heat, -1)
		if len(rows) < 3 {
			t.Fatalf("%d heat map rows, want everyone and the units", len(rows))
		}
		seen := 0
		for _, row := range rows {
			cells := tdRe.FindAllStringSubmatch(row, -1)
			if len(cells) != 1+len(q.Dimensions) {
				t.Fatalf("row has %d cells, want n + %d dimensions: %s", len(cells), len(q.Dimensions), row)
			}
			for i, d := range q.Dimensions {
				class, cell := cells[1+i][1], cells[1+i][2]
				if class == "suppressed" {
					continue
				}
				seen++
				lvl := lvlRe.FindStringSubmatch(cell)
				words, prefix := levelWordsFR, ""
				if d.Signal() {
					words, prefix = signalWords, "signal-"
				}
				if lvl == nil || !slices.Contains(words, lvl[1]) || !strings.HasPrefix(class, prefix) || (prefix == "" && strings.HasPrefix(class, "signal-")) {
					t.Errorf("%s: cell class %q, level %v; want the %q words", d.ID, class, lvl, words)
				}
			}
		}
		if seen == 0 {
			t.Fatal("no published cell")
		}
	})

	t.Run("Priorities", func(t *testing.T) {
		_, prio, _ := strings.Cut(body, `id="priorities"`)
		prio, _, _ = strings.Cut(prio, "</table>")
		rows := regexp.MustCompile(`(?s)<tr><th scope="row">.*?</tr>`).FindAllString(prio, -1)
		var deni, ethics bool
		for _, row := range rows {
			for _, d := range q.Dimensions {
				if !strings.Contains(row, "<td>"+d.Title["fr"]+"</td>") {
					continue
				}
				deni = deni || d.ID == "deni"
				ethics = ethics || d.ID == "souffrance-ethique"
				if d.Signal() && (favourableRe.MatchString(row) || !strings.Contains(row, "signal pour : Exigences émotionnelles") && d.ID == "deni") {
					t.Errorf("priority of a defensive strategy reads as a level or lacks its family: %s", row)
				}
				if !d.Signal() && !strings.Contains(row, ">défavorable<") {
					t.Errorf("souffrance-ethique priority = %s, want « défavorable »", row)
				}
			}
		}
		if !deni || !ethics {
			t.Errorf("priorities have deni %v, souffrance-ethique %v; want both", deni, ethics)
		}
	})

	t.Run("NoLevelWordNextToASignal", func(t *testing.T) {
		// After each defensive strategy's title, up to the next tag or
		// full stop (a chart's description, a header, a reliability row).
		for _, d := range q.Dimensions {
			if !d.Signal() {
				continue
			}
			title := d.Title["fr"]
			for rest := body; ; {
				i := strings.Index(rest, title)
				if i < 0 {
					break
				}
				rest = rest[i+len(title):]
				end := strings.IndexAny(rest, "<.")
				if end < 0 {
					end = len(rest)
				}
				if favourableRe.MatchString(rest[:end]) {
					t.Errorf("%q followed by %q", title, rest[:end])
				}
			}
		}
		for _, w := range []string{"plus haut = signal plus marqué", "signal faible</strong>", "<strong>favorable</strong>", "(élevé = signal marqué)"} {
			if !strings.Contains(body, w) {
				t.Errorf("page lacks %q", w)
			}
		}
	})
}

// The effort/reward ratio's threshold is labelled as Siegrist's, with its
// limits, under the indicators' table.
func TestResultsBorrowedThreshold(t *testing.T) {
	as := signalsServer(t)
	p := as.signedIn(t, viewerEmail).get("/admin/campaigns/" + as.Campaign.ID + "/results/reconnaissance")
	wantStatus(t, p, http.StatusOK)
	wantContains(t, p, "Seuil emprunté : la valeur 1 est le seuil du modèle de Siegrist")
}
