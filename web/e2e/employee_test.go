package e2e_test

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/questionnaires"
)

// employeeComment is what the employee types in the comment box.
const employeeComment = "Trop de dossiers en même temps."

// TestEmployeeKeyboardOnly answers a campaign with the keyboard alone
// (Tab, Space, arrow keys, Enter: no click), leaves halfway, resumes with
// the code in another tab of the same browser (the draft's key is in its
// cookie), submits, and cannot submit twice. Every
// page passes axe-core and fits 320 px; a focused radio shows its focus.
func TestEmployeeKeyboardOnly(t *testing.T) {
	s := newSite(t)
	q, ok := questionnaires.BuiltinByID("sens-du-travail")
	if !ok {
		t.Fatal("no built-in questionnaire sens-du-travail")
	}
	c := s.createCampaign(t, "Baromètre 2027", []string{q.ID}, vigie.StateOpen)
	code := s.codes(t, c.ID, 1)[0]
	welcome := "/r/" + c.Slug
	emp := &employee{t: t, s: s, q: q, welcome: welcome, want: map[string]int{}}

	// First visit: the welcome page, the code, the unit, the segments and
	// two screens of items.
	first := newTab(t)
	ctx := first
	if st := s.open(t, ctx, welcome); st != 200 {
		t.Fatalf("GET %s: status %d, want 200", welcome, st)
	}
	auditEmployeePage(t, ctx, "welcome")
	screenshot(t, ctx, "welcome-phone.png", phoneWidth)
	screenshot(t, ctx, "welcome-desktop.png", desktopWidth)

	// The language switch, by keyboard too: English, then back to French.
	tabTo(t, ctx, `.langs a[hreflang=en]`)
	pressAndLoad(t, ctx, kb.Enter)
	if lang := eval[string](t, ctx, `document.documentElement.lang`); lang != "en" {
		t.Errorf("after the switch to English the page's lang is %q, want en", lang)
	}
	wantText(t, ctx, "Your anonymity")
	auditEmployeePage(t, ctx, "welcome (English)")
	tabTo(t, ctx, `.langs a[hreflang=fr]`)
	pressAndLoad(t, ctx, kb.Enter)
	wantText(t, ctx, "Votre anonymat")
	emp.enterCode(ctx, strings.ToLower(code)) // codes are case-insensitive

	emp.wantPath(ctx, welcome+"/unit")
	auditEmployeePage(t, ctx, "unit")
	units := eval[[]string](t, ctx, `[...document.querySelectorAll("input[name=unit]")].map(r => r.value)`)
	i := slices.Index(units, "Direction A/Service 2")
	if i < 0 {
		t.Fatalf("unit page offers %q, not Direction A/Service 2", units)
	}
	tabTo(t, ctx, `input[name=unit]`)
	chooseFocusedRadio(t, ctx, i)
	continueByKeyboard(t, ctx)

	emp.wantPath(ctx, welcome+"/segments")
	auditEmployeePage(t, ctx, "segments")
	// Continue without answering: the page says what is missing, in text
	// announced to screen readers, next to the question.
	continueByKeyboard(t, ctx)
	emp.wantPath(ctx, welcome+"/segments")
	wantText(t, ctx, "Choisissez une réponse")
	if !exists(t, ctx, `[role=alert]`) || !exists(t, ctx, `#seg-0[aria-describedby="seg-0-error"]`) {
		t.Errorf("the missing answer is not announced (role=alert) nor tied to its question (aria-describedby)")
	}
	auditEmployeePage(t, ctx, "segments with a missing answer")
	tabTo(t, ctx, `#seg-0 input[type=radio]`)
	chooseFocusedRadio(t, ctx, 1) // Encadrement
	continueByKeyboard(t, ctx)

	emp.wantPath(ctx, emp.dimPath(welcome, 0))
	auditEmployeePage(t, ctx, "items")
	emp.checkSmallScreen(ctx)
	screenshot(t, ctx, "items-phone.png", phoneWidth)
	emp.answerDimension(ctx, 0)
	emp.answerDimension(ctx, 1)

	// Second visit, in a new tab of the same browser: the code resumes at
	// the first screen not answered yet. (In another browser it would not:
	// the draft opens only with the key kept in this browser's cookie; see
	// web/respond_draft_test.go.)
	ctx = newTabSameBrowser(t, first)
	s.open(t, ctx, welcome)
	emp.enterCode(ctx, code)
	emp.wantPath(ctx, emp.dimPath(welcome, 2))
	for d := 2; d < len(q.Dimensions); d++ {
		emp.answerDimension(ctx, d)
	}

	emp.wantPath(ctx, welcome+"/comment/"+q.ID)
	auditEmployeePage(t, ctx, "comment")
	tabTo(t, ctx, `#comment`)
	press(t, ctx, employeeComment)
	continueByKeyboard(t, ctx)

	emp.wantPath(ctx, welcome+"/review")
	auditEmployeePage(t, ctx, "review")
	screenshot(t, ctx, "review-phone.png", phoneWidth)
	if body := bodyText(t, ctx); strings.Contains(body, "À compléter") {
		t.Fatalf("review page says a step is incomplete:\n%s", body)
	}
	// The same review page in a second tab, as a person who opened two.
	other, closeOther := chromedp.NewContext(ctx)
	defer closeOther()
	s.open(t, other, welcome+"/review")

	tabTo(t, ctx, `form[action$="/submit"] button[type=submit]`)
	pressAndLoad(t, ctx, kb.Enter)
	emp.wantPath(ctx, welcome+"/thanks")
	auditEmployeePage(t, ctx, "thanks")
	wantText(t, ctx, "Vos réponses ont été enregistrées.")

	// Sending again from the second tab is refused with a message.
	tabTo(t, other, `form[action$="/submit"] button[type=submit]`)
	pressAndLoad(t, other, kb.Enter)
	wantText(t, other, "Vos réponses ont déjà été enregistrées.")
	auditEmployeePage(t, other, "error (already submitted)")
	closeOther()

	// The same code in another browser: refused with a message.
	ctx = newTab(t)
	s.open(t, ctx, welcome)
	emp.enterCode(ctx, code)
	emp.wantPath(ctx, welcome+"/code")
	wantText(t, ctx, "Ce code a déjà servi\u00a0: vos réponses ont déjà été enregistrées.")
	if !exists(t, ctx, `#code[aria-invalid=true]`) {
		t.Errorf("the refused code field is not marked aria-invalid")
	}
	auditEmployeePage(t, ctx, "welcome with a used code")

	// An unknown campaign: the error page.
	if st := s.open(t, ctx, "/r/nexistepas"); st != 404 {
		t.Errorf("GET /r/nexistepas: status %d, want 404", st)
	}
	auditEmployeePage(t, ctx, "error (not found)")

	emp.checkStored()
}

// auditEmployeePage runs axe-core on an employee's page and checks that
// it needs no sideways scrolling at 320 px (WCAG 1.4.10, reflow).
func auditEmployeePage(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	audit(t, ctx, name)
	do(t, ctx, "320 px viewport", viewport(320))
	if w := eval[int](t, ctx, `document.documentElement.scrollWidth`); w > 320 {
		t.Errorf("%s: at 320 px the page is %d px wide: it scrolls sideways", name, w)
	}
	do(t, ctx, "reset viewport", chromedp.ResetViewport())
}

// employee is the respondent of TestEmployeeKeyboardOnly and what it
// answered so far.
type employee struct {
	t       *testing.T
	s       *site
	q       *questionnaires.Questionnaire
	welcome string         // the campaign's entry path
	n       int            // items answered so far, across screens
	want    map[string]int // item id -> value (declined items absent)
}

// enterCode types the access code on the welcome page and sends it.
func (e *employee) enterCode(ctx context.Context, code string) {
	e.t.Helper()
	tabTo(e.t, ctx, `#code`)
	press(e.t, ctx, code)
	pressAndLoad(e.t, ctx, kb.Enter)
}

// wantPath fails unless the tab shows the page at path.
func (e *employee) wantPath(ctx context.Context, path string) {
	e.t.Helper()
	if got := e.s.path(e.t, ctx); got != path {
		e.t.Fatalf("page %s, want %s; it shows:\n%s", got, path, bodyText(e.t, ctx))
	}
}

// dimPath is the address of the screen of the d-th dimension.
func (e *employee) dimPath(welcome string, d int) string {
	return welcome + "/q/" + e.q.ID + "/" + e.q.Dimensions[d].ID
}

// answerDimension answers the d-th dimension's screen by keyboard: for
// each item, Tab into its radio group and pick a choice (every sixth
// item "Je préfère ne pas répondre"), then Enter on "Continuer".
func (e *employee) answerDimension(ctx context.Context, d int) {
	e.t.Helper()
	dim := e.q.Dimensions[d]
	e.wantPath(ctx, e.dimPath(e.welcome, d))
	if n := eval[int](e.t, ctx, `document.querySelectorAll("fieldset.question").length`); n != len(dim.Items) {
		e.t.Fatalf("screen %s has %d questions, want %d", dim.ID, n, len(dim.Items))
	}
	for i, it := range dim.Items {
		choice := e.n % 6 // 0–4: the scale's values; 5: declined
		e.n++
		tabTo(e.t, ctx, fmt.Sprintf(`#q-%d input[type=radio]`, i))
		chooseFocusedRadio(e.t, ctx, choice)
		checked := eval[string](e.t, ctx, fmt.Sprintf(`(document.querySelector("#q-%d input:checked") || {}).value || ""`, i))
		want := "na"
		if choice < 5 {
			want = fmt.Sprint(it.Scale.Min + choice)
			e.want[it.ID] = it.Scale.Min + choice
		}
		if checked != want {
			e.t.Fatalf("item %s: checked %q after the keys, want %q", it.ID, checked, want)
		}
	}
	continueByKeyboard(e.t, ctx)
}

// checkSmallScreen checks the items screen at 320 px: no horizontal
// scrolling, and a visible outline around a radio focused by keyboard.
func (e *employee) checkSmallScreen(ctx context.Context) {
	e.t.Helper()
	do(e.t, ctx, "320 px viewport", viewport(320))
	defer do(e.t, ctx, "reset viewport", chromedp.ResetViewport())
	if w := eval[int](e.t, ctx, `document.documentElement.scrollWidth`); w > 320 {
		e.t.Errorf("at 320 px the page is %d px wide: it scrolls horizontally", w)
	}
	tabTo(e.t, ctx, `#q-0 input[type=radio]`)
	outline := eval[string](e.t, ctx, `(s => s.outlineStyle + " " + s.outlineWidth)(getComputedStyle(document.activeElement))`)
	if strings.HasPrefix(outline, "none") || strings.HasSuffix(outline, " 0px") {
		e.t.Errorf("focused radio has no visible outline (outline %q)", outline)
	}
	// Start the screen again from the top, as a person who just arrived.
	do(e.t, ctx, "reload", chromedp.Reload())
}

// checkStored checks the store holds exactly the answers typed.
func (e *employee) checkStored() {
	e.t.Helper()
	var got []*vigie.Response
	campaigns, err := e.s.Store.Campaigns(context.Background())
	if err != nil || len(campaigns) != 1 {
		e.t.Fatalf("Campaigns: %d, %v", len(campaigns), err)
	}
	err = e.s.Store.EachResponse(context.Background(), campaigns[0].ID, func(r *vigie.Response) error {
		got = append(got, r)
		return nil
	})
	if err != nil {
		e.t.Fatalf("EachResponse: %v", err)
	}
	if len(got) != 1 {
		e.t.Fatalf("%d responses stored, want 1", len(got))
	}
	r := got[0]
	if !slices.Equal(r.Unit, []string{"Direction A", "Service 2"}) {
		e.t.Errorf("unit %q, want Direction A/Service 2", r.Unit)
	}
	if r.Segments["metier"] != "Encadrement" {
		e.t.Errorf("segments %v, want metier=Encadrement", r.Segments)
	}
	if !maps.Equal(r.Answers[e.q.ID], e.want) {
		e.t.Errorf("answers\n got %v\nwant %v", r.Answers[e.q.ID], e.want)
	}
	if r.Comments[e.q.ID] != employeeComment {
		e.t.Errorf("comment %q, want %q", r.Comments[e.q.ID], employeeComment)
	}
}
