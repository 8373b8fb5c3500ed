package web_test

import (
	"context"
	"html/template"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/vigie-sante/vigie"
)

func TestModeration(t *testing.T) {
	as := smallUnitServer(t) // 14 respondents, each with a comment
	cons := as.signedIn(t, consultantEmail)
	base := "/admin/campaigns/" + as.Campaign.ID

	// Only after closing.
	p := cons.get(base + "/comments")
	wantStatus(t, p, http.StatusConflict)
	wantContains(t, p, "une fois la campagne close")
	if strings.Contains(p.Body, "Service 1 n°") {
		t.Fatalf("comments shown before closing")
	}

	wantRedirect(t, cons.post(base+"/close", confirmed), base)
	p = cons.get(base + "/comments")
	wantStatus(t, p, http.StatusOK)
	// Every unit is under the threshold of 10: the comments come with the
	// whole campaign, never with a unit.
	if n := strings.Count(p.Body, `<article class="comment`); n != 14 {
		t.Fatalf("%d comments shown, want 14", n)
	}
	if strings.Contains(p.Body, "Direction B · questionnaire") || !strings.Contains(p.Body, "Toute la campagne") {
		t.Errorf("a comment is shown with a unit under the threshold")
	}
	if regexp.MustCompile(`20\d\d-\d\d|W\d\d`).MatchString(p.Body) {
		t.Errorf("the moderation page shows a date")
	}

	list, err := as.Store.CommentsForModeration(context.Background(), as.Campaign.ID, 0)
	if err != nil || len(list) != 14 {
		t.Fatalf("CommentsForModeration: %d, %v", len(list), err)
	}
	byText := map[string]vigie.Comment{}
	for _, c := range list {
		byText[c.Original] = c
	}
	pub, red, rej := byText["Service 2 n°1"], byText["Direction B n°3"], byText["Service 1 n°2"]
	wantRedirect(t, cons.post(base+"/comments/"+pub.ID, url.Values{"action": {"publish"}}), base+"/comments?done=publish&n=1#list")
	wantRedirect(t, cons.post(base+"/comments/"+red.ID, url.Values{"action": {"redact"}, "text": {"Direction B […]"}}), base+"/comments?done=redact&n=1#list")
	wantRedirect(t, cons.post(base+"/comments/"+rej.ID, url.Values{"action": {"reject"}}), base+"/comments?done=reject&n=1#list")
	p = cons.post(base+"/comments/"+pub.ID, url.Values{"action": {"redact"}, "text": {"Un texte bien plus long que l'original"}})
	wantStatus(t, p, http.StatusBadRequest)
	wantContains(t, p, "ne figure pas ainsi dans le commentaire")
	for _, a := range []string{"comment.publish", "comment.redact", "comment.reject"} {
		as.wantAudit(t, consultantEmail+" "+a)
	}

	// The viewer reads the published comments with the results, and
	// cannot reach the moderation.
	view := as.signedIn(t, viewerEmail)
	wantStatus(t, view.get(base+"/comments"), http.StatusForbidden)
	p = view.get(base + "/results/charge-et-soutien")
	wantStatus(t, p, http.StatusOK)
	wantContains(t, p, "Service 2 n°1", "Direction B […] — Toute la campagne")
	for _, hidden := range []string{"Direction B n°3", "Service 1 n°2", "Service 1 n°1"} {
		if strings.Contains(p.Body, hidden) {
			t.Errorf("viewer sees unpublished or unredacted comment %q", hidden)
		}
	}
}

// TestModerationKeepsTheirWords checks the moderation form: no decision
// is pre-selected, a redaction that adds, changes or silently cuts words
// is refused with the page shown again as the consultant left it, and one
// that only cuts, marking each cut, is published.
func TestModerationKeepsTheirWords(t *testing.T) {
	as := smallUnitServer(t)
	as.closeCampaign(t)
	cons := as.signedIn(t, consultantEmail)
	base := "/admin/campaigns/" + as.Campaign.ID

	p := cons.get(base + "/comments")
	wantStatus(t, p, http.StatusOK)
	if strings.Contains(p.Body, " checked") {
		t.Fatalf("a decision is pre-selected on the moderation page")
	}
	wantContains(t, p, "mettez « […] » à la place de chaque passage retiré")
	checkAccessible(t, p)

	list, err := as.Store.CommentsForModeration(context.Background(), as.Campaign.ID, 0)
	if err != nil || len(list) == 0 {
		t.Fatalf("CommentsForModeration: %d, %v", len(list), err)
	}
	cm := list[0] // e.g. "Service 1 n°4"
	number := cm.Original[strings.LastIndex(cm.Original, " ")+1:]

	for _, tt := range []struct {
		name, action, text, want string
	}{
		{"NoDecision", "", "", "Choisissez une décision pour ce commentaire"},
		{"InventedWords", "redact", "Un collègue […] " + number, "ne figure pas ainsi dans le commentaire"},
		{"CutWithoutMarker", "redact", number, "Le début du commentaire a été retiré"},
		{"Unchanged", "redact", cm.Original, "identique à l&#39;original"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := cons.post(base+"/comments/"+cm.ID, url.Values{"action": {tt.action}, "text": {tt.text}})
			wantStatus(t, p, http.StatusBadRequest)
			wantContains(t, p, tt.want, "Une décision n&#39;a pas été appliquée")
			// The refused comment shows the consultant's text and choice.
			i := strings.Index(p.Body, "/comments/"+cm.ID+`"`)
			if i < 0 {
				t.Fatalf("the refused comment is not on the page")
			}
			form := p.Body[i:]
			form = form[:strings.Index(form, "</form>")]
			if tt.text != "" && !strings.Contains(form, ">"+template.HTMLEscapeString(tt.text)+"</textarea>") {
				t.Errorf("the text typed is not kept:\n%s", form)
			}
			if checked := strings.Contains(form, `value="redact" checked`); checked != (tt.action == "redact") {
				t.Errorf("redact checked = %v, want %v", checked, tt.action == "redact")
			}
			if n := strings.Count(p.Body, " checked"); n > 1 {
				t.Errorf("%d decisions checked, want only the refused one's", n)
			}
			checkAccessible(t, p)
		})
	}
	if got, _ := as.Store.PublishedComments(context.Background(), as.Campaign.ID, ""); len(got) != 0 {
		t.Fatalf("refused decisions published %v", got)
	}

	wantRedirect(t, cons.post(base+"/comments/"+cm.ID, url.Values{"action": {"redact"}, "text": {"[…] " + number}}), base+"/comments?done=redact&n=1#list")
	got, _ := as.Store.PublishedComments(context.Background(), as.Campaign.ID, "")
	if len(got) != 1 || got[0].Text != "[…] "+number || !got[0].Redacted {
		t.Fatalf("published = %+v, want the redaction", got)
	}
}

func TestModerationFilterAndBulk(t *testing.T) {
	as := smallUnitServer(t) // 14 respondents, each with a comment
	cons := as.signedIn(t, consultantEmail)
	base := "/admin/campaigns/" + as.Campaign.ID
	wantRedirect(t, cons.post(base+"/close", confirmed), base)
	list, err := as.Store.CommentsForModeration(context.Background(), as.Campaign.ID, 0)
	if err != nil || len(list) != 14 {
		t.Fatalf("CommentsForModeration: %d, %v", len(list), err)
	}

	t.Run("NothingSelected", func(t *testing.T) {
		p := cons.post(base+"/comments", url.Values{"action": {"publish"}})
		wantStatus(t, p, http.StatusBadRequest)
		wantContains(t, p, "Aucun commentaire sélectionné")
	})
	t.Run("NoDecision", func(t *testing.T) {
		p := cons.post(base+"/comments", url.Values{"cid": {list[0].ID}})
		wantStatus(t, p, http.StatusBadRequest)
		wantContains(t, p, "Choisissez")
	})

	form := url.Values{"action": {"publish"}, "cid": {list[0].ID, list[1].ID, list[2].ID}, "status": {"pending"}, "reviewed": {"1"}}
	wantRedirect(t, cons.post(base+"/comments", form), base+"/comments?done=publish&n=3&status=pending#list")
	form = url.Values{"action": {"reject"}, "cid": {list[3].ID}}
	wantRedirect(t, cons.post(base+"/comments", form), base+"/comments?done=reject&n=1#list")

	count := func(query string) int {
		t.Helper()
		p := cons.get(base + "/comments" + query)
		wantStatus(t, p, http.StatusOK)
		return strings.Count(p.Body, `<article class="comment`)
	}
	for _, c := range []struct {
		query string
		want  int
	}{
		{"", 14}, {"?status=pending", 10}, {"?status=published", 3}, {"?status=rejected", 1},
		{"?qid=charge-et-soutien", 14}, {"?qid=climat", 0}, {"?status=published&qid=charge-et-soutien", 3},
	} {
		if got := count(c.query); got != c.want {
			t.Errorf("comments%s: %d shown, want %d", c.query, got, c.want)
		}
	}
	wantContains(t, cons.get(base+"/comments?qid=climat"), "Aucun commentaire ne correspond à ce filtre")
	n := 0
	for _, a := range as.auditActions(t) {
		if a == consultantEmail+" comment.publish" {
			n++
		}
	}
	if n != 3 {
		t.Errorf("%d comment.publish entries in the audit log, want 3", n)
	}
	// The decision comes after the text, and none is pre-selected.
	p := cons.get(base + "/comments?status=pending")
	if strings.Index(p.Body, `class="comment-text"`) > strings.Index(p.Body, `id="a-0-p"`) {
		t.Errorf("moderation page: the decision comes before the comment text")
	}
	if strings.Contains(p.Body, " checked") {
		t.Errorf("moderation page: a decision is pre-selected")
	}
}

// TestModerationFlags checks that comments that may name someone come
// first with the reason, that a group publication holding one is refused
// until the consultant says they reread them, and that decisions come
// back to the same filters, place and a message.
func TestModerationFlags(t *testing.T) {
	as := smallUnitServer(t) // "Direction B n°k" comments carry a capital inside a sentence
	as.closeCampaign(t)
	cons := as.signedIn(t, consultantEmail)
	base := "/admin/campaigns/" + as.Campaign.ID
	list, err := as.Store.CommentsForModeration(context.Background(), as.Campaign.ID, 0)
	if err != nil || len(list) != 14 {
		t.Fatalf("CommentsForModeration: %d, %v", len(list), err)
	}
	var flagged, plain []vigie.Comment
	for _, c := range list {
		if strings.HasPrefix(c.Original, "Direction B") {
			flagged = append(flagged, c)
		} else {
			plain = append(plain, c)
		}
	}

	p := cons.get(base + "/comments")
	wantStatus(t, p, http.StatusOK)
	wantContains(t, p, "dont 6\u00a0signalés en tête de liste", "« B » : majuscule au milieu d&#39;une phrase", "J’ai relu les commentaires signalés",
		"Charge de travail et soutien") // the questionnaire by its title
	if strings.Contains(p.Body, "· charge-et-soutien ·") {
		t.Errorf("a comment names its questionnaire by id")
	}
	first := strings.Index(p.Body, `<article class="comment"`)
	if last := strings.LastIndex(p.Body, `<article class="comment flagged"`); first < 0 || last < 0 || last > first {
		t.Errorf("flagged comments do not all come first (last flagged at %d, first plain at %d)", last, first)
	}
	checkAccessible(t, p)

	t.Run("BulkPublishNeedsReview", func(t *testing.T) {
		form := url.Values{"action": {"publish"}, "cid": {flagged[0].ID, plain[0].ID}, "unit": {"Toute la campagne"}}
		p := cons.post(base+"/comments", form)
		wantStatus(t, p, http.StatusBadRequest)
		wantContains(t, p, "Rien n&#39;a été publié : 1\u00a0commentaire sélectionné est signalé")
		if n := strings.Count(p.Body, `form="bulk" checked`); n != 2 {
			t.Errorf("%d comments still selected, want the 2 posted", n)
		}
		if got, _ := as.Store.PublishedComments(context.Background(), as.Campaign.ID, ""); len(got) != 0 {
			t.Fatalf("refused bulk publication published %d comments", len(got))
		}
		form.Set("reviewed", "1")
		loc := wantRedirect(t, cons.post(base+"/comments", form), "#list")
		if !strings.Contains(loc, "done=publish") || !strings.Contains(loc, "n=2") || !strings.Contains(loc, "unit=Toute+la+campagne") {
			t.Errorf("redirect to %q, want the filters, the decision and the count", loc)
		}
		loc, _, _ = strings.Cut(loc, "#") // a browser keeps the fragment
		wantContains(t, cons.get(loc), "2\u00a0commentaires publiés tels quels.")
	})
	t.Run("RejectNeedsNoReview", func(t *testing.T) {
		wantRedirect(t, cons.post(base+"/comments", url.Values{"action": {"reject"}, "cid": {flagged[1].ID}}), "done=reject&n=1#list")
	})
	t.Run("SingleDecisionComesBackToTheNextComment", func(t *testing.T) {
		loc := wantRedirect(t, cons.post(base+"/comments/"+plain[1].ID, url.Values{"action": {"reject"}, "status": {"pending"}, "next": {"c-" + plain[2].ID}}),
			"#c-"+plain[2].ID)
		if !strings.Contains(loc, "status=pending") {
			t.Errorf("redirect to %q loses the filter", loc)
		}
		// An anchor the page did not make is not echoed.
		wantRedirect(t, cons.post(base+"/comments/"+plain[1].ID, url.Values{"action": {"reject"}, "next": {"x\"><script>"}}), "#list")
	})
	t.Run("SelectAllShown", func(t *testing.T) {
		p := cons.get(base + "/comments?q=direction+b&select=all")
		wantStatus(t, p, http.StatusOK)
		if n, checked := strings.Count(p.Body, `<article class="comment`), strings.Count(p.Body, `form="bulk" checked`); n != 6 || checked != 6 {
			t.Errorf("search « direction b » with select=all: %d shown, %d checked; want 6 and 6", n, checked)
		}
	})
	t.Run("UnitFilter", func(t *testing.T) {
		for unit, want := range map[string]int{"Toute la campagne": 14, "Direction A": 0} {
			p := cons.get(base + "/comments?unit=" + url.QueryEscape(unit))
			if n := strings.Count(p.Body, `<article class="comment`); n != want {
				t.Errorf("unit %q: %d shown, want %d", unit, n, want)
			}
		}
	})
}
