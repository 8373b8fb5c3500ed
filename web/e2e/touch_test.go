package e2e_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/questionnaires"
)

// TestEmployeeByTouch answers a campaign in open-link mode (no code) on
// an emulated phone with JavaScript off, with taps only: on the answers'
// labels, which must be targets of at least 24 px, and on the buttons.
func TestEmployeeByTouch(t *testing.T) {
	s := newSite(t)
	q, _ := questionnaires.BuiltinByID("strategies-defensives")
	c := s.createCampaign(t, "Baromètre 2027", []string{q.ID}, vigie.StateOpen,
		func(spec *vigie.CampaignSpec) { spec.Access = vigie.AccessLink })

	ctx := newTab(t)
	do(t, ctx, "phone with a touch screen", chromedp.EmulateViewport(phoneWidth, 800, chromedp.EmulateMobile, chromedp.EmulateTouch))
	// Without JavaScript: every step must work with plain form posts.
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatalf("disable JavaScript: %v", err)
	}
	s.open(t, ctx, "/r/"+c.Slug)
	tapAndLoad(t, ctx, `form[action$="/start"] button`)
	for range 20 {
		path := s.path(t, ctx)
		switch {
		case strings.HasSuffix(path, "/review"):
			tapAndLoad(t, ctx, `form[action$="/submit"] button`)
			wantText(t, ctx, "Vos réponses ont été enregistrées.")
			if n, err := s.Store.ResponseCount(t.Context(), c.ID); err != nil || n != 1 {
				t.Fatalf("ResponseCount = %d, %v; want 1", n, err)
			}
			return
		case strings.Contains(path, "/comment/"):
			tapAndLoad(t, ctx, `.stepnav button`)
		default:
			if strings.HasSuffix(path, "/unit") && !eval[bool](t, ctx, `document.querySelector("[data-filter-for]").hidden`) {
				t.Errorf("the unit filter, shown by vigie.js, is visible: JavaScript ran")
			}
			// One choice per question: the second for each group, tapped on
			// its label.
			groups := eval[[]string](t, ctx, `[...new Set([...document.querySelectorAll("main input[type=radio]")].map(r => r.name))]`)
			if len(groups) == 0 {
				t.Fatalf("page %s has no question: %s", path, bodyText(t, ctx))
			}
			for _, name := range groups {
				id := eval[string](t, ctx, fmt.Sprintf(`[...document.getElementsByName(%q)][1].id`, name))
				label := fmt.Sprintf(`label[for=%q]`, id)
				if h := eval[float64](t, ctx, fmt.Sprintf(`document.querySelector(%q).closest("li").getBoundingClientRect().height`, label)); h < 24 {
					t.Errorf("%s: the choice %s is %.0f px high, want at least 24", path, label, h)
				}
				do(t, ctx, "tap "+label, chromedp.Tap(chromedp.CSS(label)))
				if !eval[bool](t, ctx, fmt.Sprintf(`document.getElementById(%q).checked`, id)) {
					t.Fatalf("%s: tapping %s did not check %s", path, label, id)
				}
			}
			tapAndLoad(t, ctx, `.stepnav button`)
		}
	}
	t.Fatalf("no review page after 20 screens")
}

// tapAndLoad taps the element and waits for the next page.
func tapAndLoad(t *testing.T, ctx context.Context, sel string) {
	t.Helper()
	_, err := chromedp.Run(ctx, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.Tap(chromedp.CSS(sel))))
	if err != nil {
		t.Fatalf("tap %s and wait for the next page: %v (at %s)", sel, err, location(ctx))
	}
}
