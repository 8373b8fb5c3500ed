package e2e_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/questionnaires"
)

// TestMeetingPages walks the pages a consultant uses with a committee
// (issue 21): moderation of comments that name people, the DUERP table
// edited in place and frozen, the action plan, the campaign page's
// sections and the heat map, each audited by axe-core at 390 and 1280 px.
func TestMeetingPages(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	q, _ := questionnaires.BuiltinByID("reconnaissance") // six dimensions
	c := s.createCampaign(t, "Baromètre 2027", []string{q.ID}, vigie.StateOpen)
	comments := []string{
		"Notre cheffe de service, Mme Durand, ne voit que les tableaux de bord.",
		"Depuis mon retour de congé à Lens en mars, rien n'a changé.",
		"Trop de réunions, pas assez de temps pour les dossiers.",
		"On se sent peu écoutés quand on signale un problème.",
	}
	for i, code := range s.codes(t, c.ID, 14) {
		unit := []string{"Direction A/Service 1", "Direction A/Service 2"}[i%2]
		if i >= 12 {
			unit = "Direction B/Service 3"
		}
		s.submitAPI(t, c.ID, code, unit, q, around(2+i%3, i), comments[i%len(comments)])
	}
	if err := s.Store.CloseCampaign(ctx, c.ID, time.Now()); err != nil {
		t.Fatalf("CloseCampaign: %v", err)
	}
	base := "/admin/campaigns/" + c.ID

	t.Run("Moderation", func(t *testing.T) {
		tab := newTab(t)
		s.login(t, tab, consultantEmail)
		s.open(t, tab, base+"/comments")
		auditWidths(t, tab, "moderation with flags")
		screenshot(t, tab, "moderation-flags-desktop.png", desktopWidth)
		screenshot(t, tab, "moderation-flags-phone.png", phoneWidth)
		first := eval[string](t, tab, `document.querySelector("#list article").className + " " + document.querySelector("#list article").innerText`)
		if !strings.Contains(first, "flagged") || !strings.Contains(first, "Signalé") {
			t.Errorf("the first comment is not a flagged one: %q", first)
		}
		// Select every comment shown, publish: refused until reviewed.
		clickAndLoad(t, tab, `a[href*="select=all"]`)
		if n := eval[int](t, tab, `[...document.querySelectorAll('input[form=bulk][name=cid]')].filter(b => !b.checked).length`); n != 0 {
			t.Errorf("%d comments left unchecked after « Sélectionner les … commentaires affichés »", n)
		}
		do(t, tab, "choose publish", chromedp.Click(chromedp.ID("bulk-p")))
		clickAndLoad(t, tab, `#bulk button[type=submit]`)
		wantText(t, tab, "Rien n'a été publié")
		do(t, tab, "confirm the review", chromedp.Click(chromedp.ID("bulk-reviewed")), chromedp.Click(chromedp.ID("bulk-p")))
		clickAndLoad(t, tab, `#bulk button[type=submit]`)
		wantText(t, tab, "publiés tels quels")
		if !strings.Contains(s.path(t, tab), "done=publish") {
			t.Errorf("after the group decision: %s, want the same page with its notice", s.path(t, tab))
		}
	})

	t.Run("DUERP", func(t *testing.T) {
		tab := newTab(t)
		s.login(t, tab, consultantEmail)
		s.open(t, tab, base+"/duerp")
		auditWidths(t, tab, "DUERP page")
		screenshot(t, tab, "duerp-desktop.png", desktopWidth)
		screenshot(t, tab, "duerp-phone.png", phoneWidth)
		// Saved in place: the page is not reloaded (the marker survives)
		// and says so on the row.
		do(t, tab, "type measures",
			chromedp.Evaluate[chromedp.Void](`window.__stay = 1`),
			chromedp.SetValue(chromedp.ID("m-2"), "Entretiens annuels"),
			chromedp.Click(chromedp.CSS(`#r-2 button[type=submit]`)),
		)
		saved := eval[bool](t, tab, `new Promise(done => {
			const out = document.querySelector("#r-2 [data-inplace-status]");
			const check = () => { if (out.textContent === "Enregistré.") done(true); };
			new MutationObserver(check).observe(out, {childList: true, characterData: true, subtree: true});
			check();
		})`)
		if !saved || !eval[bool](t, tab, `window.__stay === 1`) {
			t.Errorf("saving a row reloaded the page or said nothing (saved = %v)", saved)
		}
		d, err := s.Store.DUERP(ctx, c.ID, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		if d.Rows[2].Measures != "Entretiens annuels" {
			t.Errorf("row 2 measures = %q, want those typed", d.Rows[2].Measures)
		}
		s.open(t, tab, base+"/duerp")
		do(t, tab, "confirm the freeze", chromedp.Click(chromedp.ID("freeze-confirm")))
		clickAndLoad(t, tab, `form[action$="/duerp/versions"] button[type=submit]`)
		wantText(t, tab, "Version 1 figée.")
		wantText(t, tab, "Rien n’a changé depuis la version 1")
	})

	t.Run("Actions", func(t *testing.T) {
		tab := newTab(t)
		s.login(t, tab, consultantEmail)
		s.open(t, tab, base+"/actions?unit=Direction+A%2FService+1&dimension=reconnaissance%2F"+q.Dimensions[0].ID+"&title=Temps+d%27%C3%A9change")
		do(t, tab, "fill the action", chromedp.SendKeys(chromedp.ID("new-owner"), "Responsable de service"), chromedp.SetValue(chromedp.ID("new-due"), "2027-06-30"))
		clickAndLoad(t, tab, `form[action$="/actions"] button[type=submit]`)
		wantText(t, tab, "30\u00a0juin\u00a02027")
		auditWidths(t, tab, "action plan")
		screenshot(t, tab, "actions-desktop.png", desktopWidth)
		screenshot(t, tab, "actions-phone.png", phoneWidth)
		clickAndLoad(t, tab, `table.actions a[href*="edit="]`)
		auditWidths(t, tab, "action plan, editing")
		// The browser refuses to delete until the box is ticked.
		if eval[bool](t, tab, `document.getElementById("del-confirm").checkValidity()`) {
			t.Errorf("the deletion's confirmation box is not required")
		}
		do(t, tab, "tick the deletion box", chromedp.Click(chromedp.ID("del-confirm")))
		clickAndLoad(t, tab, `form[action$="/delete"] button[type=submit]`)
		wantText(t, tab, "Aucune action pour l’instant.")
	})

	t.Run("CampaignAndHeatMap", func(t *testing.T) {
		tab := newTab(t)
		s.login(t, tab, consultantEmail)
		s.open(t, tab, base)
		auditWidths(t, tab, "campaign page in sections")
		screenshot(t, tab, "campaign-sections-desktop.png", desktopWidth)
		if !exists(t, tab, `section.danger-zone button.danger`) {
			t.Errorf("« Supprimer » is not in a danger zone")
		}
		s.open(t, tab, base+"/results/"+q.ID)
		for _, w := range []int64{desktopWidth, phoneWidth} {
			do(t, tab, "viewport", viewport(w))
			// Each row's unit cell lines up with the row's figures.
			off := eval[float64](t, tab, `Math.max(0, ...[...document.querySelector("table.heatmap").tBodies[0].rows].map(tr => {
				const a = tr.cells[0].getBoundingClientRect(), b = tr.cells[1].getBoundingClientRect();
				return Math.abs(a.top - b.top) + Math.abs(a.height - b.height);
			}))`)
			if off > 1 {
				t.Errorf("at %d px the unit column is misaligned with its rows by %.1f px", w, off)
			}
			if w == desktopWidth {
				if fits := eval[bool](t, tab, `(b => b.scrollWidth <= b.clientWidth + 1)(document.querySelector("table.heatmap").parentElement)`); !fits {
					t.Errorf("at 1280 px the six dimensions of %s do not all fit: %s", q.ID, eval[string](t, tab, `(b => b.scrollWidth + " > " + b.clientWidth + ": " + [...document.querySelector("table.heatmap").tHead.rows[0].cells].map(c => Math.round(c.getBoundingClientRect().width)).join(","))(document.querySelector("table.heatmap").parentElement)`))
				}
			}
		}
		do(t, tab, "reset viewport", chromedp.ResetViewport())
		screenshot(t, tab, "heatmap-sections-desktop.png", desktopWidth)
		screenshot(t, tab, "heatmap-sections-phone.png", phoneWidth)
	})
}
