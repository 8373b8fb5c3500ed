package reports

import (
	"fmt"
	"io"
	"strings"

	"codeberg.org/go-pdf/fpdf"

	"github.com/vigie-sante/vigie/internal/locale"
)

// The AIPD (analyse d'impact relative à la protection des données, RGPD
// art. 35) follows the structure of CNIL's PIA method: context, fundamental
// principles, risks, validation. Vigie fills what the campaign says and
// what the software does; what only the controller knows (hosting,
// processors, the DPO's opinion, the final risk levels) is marked « À
// COMPLÉTER » on a shaded background, so that nobody signs a pre-filled
// document unread.

// aipdBlock is one element of the document.
type aipdBlock struct {
	kind string // "h1", "h2", "p", "item" or "todo"
	text string
}

// AIPDPDF writes the pre-filled impact assessment of a campaign, in
// p.Lang (French by default; the texts are the catalogue's "aipd.*").
func AIPDPDF(w io.Writer, p *Processing) error {
	lang := p.lang()
	t := func(key string, args ...any) string { return fmt.Sprintf(locale.T(lang, "aipd."+key), args...) }
	txt := func(s string) string {
		if lang == "fr" {
			return frenchTypography(s)
		}
		return s
	}
	f := processingDocument(p, lang, t("doc_title", p.Campaign), t("footer", p.Campaign))
	f.SetFont(fontFamily, "B", 17)
	f.MultiCell(contentW-52, 8, txt(t("heading")), "", "L", false)
	f.SetFont(fontFamily, "", 11)
	f.MultiCell(contentW, 6, txt(p.Campaign+" · "+p.Organisation), "", "L", false)
	f.SetFont(fontFamily, "", 9)
	f.SetTextColor(90, 90, 90)
	f.MultiCell(contentW, 4.6, txt(t("intro", dateWords(lang, p.GeneratedAt))), "", "L", false)
	f.SetTextColor(0, 0, 0)
	for _, b := range aipdBlocks(p) {
		writeAIPDBlock(f, b, txt)
	}
	if err := f.Output(w); err != nil {
		return fmt.Errorf("reports: aipd: write: %w", err)
	}
	return nil
}

// lang is the AIPD's language: "en", or "fr" for anything else.
func (p *Processing) lang() string {
	if p.Lang == "en" {
		return "en"
	}
	return "fr"
}

// processingDocument starts a data-protection document of p (the AIPD,
// the record): its properties, a footer with the document, the campaign,
// the firm that runs the survey and the page, and the first page with the
// consultant's logo on the right (the title beside it must leave it
// 52 mm).
func processingDocument(p *Processing, lang, title, footer string) *fpdf.Fpdf {
	txt := func(s string) string {
		if lang == "fr" {
			return frenchTypography(s)
		}
		return s
	}
	f := newDocument(lang, 16, 18)
	f.SetTitle(txt(title), true)
	f.SetAuthor(p.Controller, true)
	f.SetCreator(strings.TrimSpace("Vigie "+versionShown(p.Version)), true)
	if !p.GeneratedAt.IsZero() {
		f.SetCreationDate(p.GeneratedAt)
		f.SetModificationDate(p.GeneratedAt)
	}
	f.SetFooterFunc(func() {
		f.SetY(-13)
		f.SetFont(fontFamily, "", 7.5)
		f.SetTextColor(90, 90, 90)
		left := footer
		if p.ConductedBy != "" {
			left += " · " + fmt.Sprintf(tr(lang, "footer_conducted_by"), clause(p.ConductedBy))
		}
		f.CellFormat(contentW-20, 4, fitText(f, txt(left), contentW-20), "", 0, "L", false, 0, "")
		f.CellFormat(20, 4, fmt.Sprintf(locale.T(lang, "aipd.page"), f.PageNo()), "", 0, "R", false, 0, "")
		f.SetTextColor(0, 0, 0)
	})
	f.AddPage()
	drawLogo(f, p.Logo, pageW-marginRight-50, 10, 50, 16, true)
	return f
}

// writeAIPDBlock draws one block.
func writeAIPDBlock(f *fpdf.Fpdf, b aipdBlock, txt func(string) string) {
	text := txt(b.text)
	switch b.kind {
	case "h1":
		f.Ln(5)
		f.SetFont(fontFamily, "B", 13.5)
		f.MultiCell(contentW, 7, text, "", "L", false)
	case "h2":
		f.Ln(2)
		f.SetFont(fontFamily, "B", 11)
		f.MultiCell(contentW, 6, text, "", "L", false)
	case "item":
		f.SetFont(fontFamily, "", 9.6)
		f.SetX(marginLeft + 4)
		f.MultiCell(contentW-4, 4.7, "• "+text, "", "L", false)
	case "todo":
		f.Ln(1)
		f.SetFont(fontFamily, "B", 9.6)
		f.SetFillColor(235, 235, 235)
		f.MultiCell(contentW, 5, text, "1", "L", true)
		f.Ln(1)
	default:
		f.SetFont(fontFamily, "", 9.6)
		f.MultiCell(contentW, 4.7, text, "", "L", false)
		f.Ln(0.8)
	}
}

// aipdBlocks writes the document's content from the campaign's facts.
func aipdBlocks(p *Processing) []aipdBlock {
	lang := p.lang()
	t := func(key string, args ...any) string { return fmt.Sprintf(locale.T(lang, key), args...) }
	var out []aipdBlock
	add := func(kind, key string, args ...any) {
		out = append(out, aipdBlock{kind, t("aipd."+key, args...)})
	}
	todo := func(key string) { out = append(out, aipdBlock{"todo", t("aipd.to_complete", t("aipd."+key))}) }

	add("h1", "context.h")
	add("h2", "context.presentation_h")
	add("item", "context.processing", p.Campaign, p.State)
	add("item", "context.controller", sentence(p.Controller))
	if p.ConductedBy != "" {
		add("item", "context.conducted_by", sentence(p.ConductedBy))
	}
	purpose := t("aipd.context.purpose_default")
	if p.Purpose != "" {
		purpose = p.Purpose
	}
	add("item", "context.purpose", sentence(purpose))
	out = append(out, aipdBlock{"item", t("notice.who.legal_basis", sentence(p.LegalBasis))})
	if p.DPOContact != "" {
		add("item", "context.dpo", sentence(p.DPOContact))
	} else {
		todo("context.todo_dpo")
	}
	todo("context.todo_processors")

	add("h2", "data.h")
	headcount := t("aipd.data.headcount_unknown")
	if p.Headcount > 0 {
		headcount = t("aipd.data.headcount", p.Headcount)
	}
	add("p", "data.people", clause(p.Organisation), headcount)
	segments := ""
	if len(p.Segments) > 0 {
		segments = t("aipd.data.segments", strings.Join(p.Segments, " ; "))
	}
	add("p", "data.collected", segments)
	for _, q := range p.Questionnaires {
		c := ""
		if q.Comment {
			c = t("aipd.data.with_comment")
		}
		add("item", "data.questionnaire", q.Title, c, strings.Join(q.Themes, ", "))
	}
	add("p", "data.sensitive")
	if len(p.Units) > 0 {
		var units []string
		for _, u := range p.Units {
			if u.Headcount > 0 {
				units = append(units, fmt.Sprintf("%s (%d)", u.Path, u.Headcount))
			} else {
				units = append(units, u.Path)
			}
		}
		add("p", "data.units", strings.Join(units, " ; "))
	}
	access := t("aipd.data.access_codes")
	if !p.Codes {
		access = t("aipd.data.access_link")
	}
	retention := ""
	switch {
	case p.ArchivedAt != "":
		retention = t("aipd.data.archived_on", p.ArchivedAt)
	case p.RetentionEnd != "":
		retention = t("aipd.data.retention_end", p.RetentionEnd)
	}
	add("p", "data.lifecycle", access, p.RetentionDays, retention)
	add("p", "data.supports")
	todo("data.todo_hosting")

	add("h1", "principles.h")
	add("h2", "principles.necessity_h")
	add("item", "principles.purpose")
	add("item", "principles.minimisation")
	add("item", "principles.accuracy", tr(lang, "limits_instruments"))
	add("item", "principles.retention", p.RetentionDays)
	add("h2", "principles.rights_h")
	add("item", "principles.information", strings.Join(p.Languages, ", "), p.MinGroupSize)
	add("item", "principles.optional")
	add("item", "principles.access")
	add("item", "principles.transfers")
	todo("principles.todo_contracts")

	add("h1", "risks.h")
	add("p", "risks.existing")
	for _, m := range []string{
		t("aipd.risks.measure_k", p.MinGroupSize),
		t("aipd.risks.measure_comments", p.CommentMinGroupSize),
		t("aipd.risks.measure_closing"),
		t("aipd.risks.measure_history"),
		t("aipd.risks.measure_accounts"),
		t("aipd.risks.measure_archiving", p.RetentionDays),
	} {
		out = append(out, aipdBlock{"item", m + "."})
	}
	if small := p.SmallUnits(); len(small) > 0 {
		var names []string
		for _, u := range small {
			names = append(names, fmt.Sprintf("%s (%d)", u.Path, u.Headcount))
		}
		add("p", "risks.small_units", p.MinGroupSize, strings.Join(names, " ; "))
	}
	likelihood := "likelihood_codes"
	if !p.Codes {
		likelihood = "likelihood_link" // a person can answer twice
	}
	for i, r := range []struct{ risk, likelihood string }{{"access", "likelihood"}, {"change", likelihood}, {"loss", "likelihood"}} {
		k := "aipd." + r.risk + "."
		out = append(out, aipdBlock{"h2", fmt.Sprintf("3.%d %s", i+1, t(k+"name"))})
		add("item", "risks.impacts", t(k+"impacts"))
		add("item", "risks.threats", t(k+"threats"))
		add("item", "risks.sources", t(k+"sources"))
		add("item", "risks.estimate", t(k+"gravity"), t(k+r.likelihood))
		todo("risks.todo_validate")
	}

	add("h1", "validation.h")
	todo("validation.todo_plan")
	todo("validation.todo_dpo")
	todo("validation.todo_cse")
	todo("validation.todo_decision")
	return out
}
