package reports

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/internal/locale"
)

// Notice is the information notice employees read before answering
// (RGPD art. 13; CNIL, délibération 2025-028): who runs the survey and
// why, that answering is optional, what is and is not recorded, how
// results are published, how long raw answers are kept, their rights and
// whom to contact. The web page and the PDF for notice boards show the
// same text, from Sections.
type Notice struct {
	Lang                string // "fr" (default) or "en"
	Title               string // the campaign's title
	Organisation        string // the client organisation
	Controller          string // the organisation responsible for the processing
	ConductedBy         string // who runs the survey, in Lang; "" when not said
	Purpose             string // why, in Lang; "" when not said
	LegalBasis          string
	DPOContact          string // "" when not said: the controller is the contact
	MinGroupSize        int
	CommentMinGroupSize int
	RetentionDays       int
	RetentionEnd        string // the day in words once closed, else ""
	Codes               bool   // access by single-use codes
	// Portfolio is whether the organisation's overall results feed the
	// consultant's anonymous reference across client organisations
	// (store.FeedsPortfolio; docs/scoring.md section 7).
	Portfolio   bool
	URL         string      // the survey's address, printed on the PDF
	NoticeURL   string      // this notice's web address, as a QR code on the PDF; "" for none
	Logo        *vigie.Logo // the consultant's, at the top of the PDF; nil for none
	GeneratedAt time.Time
}

// NoticeSection is one heading of the notice and its paragraphs.
type NoticeSection struct {
	Heading    string
	Paragraphs []string
}

// Sections returns the text of the notice in its language, from the
// catalogue (internal/locale, "notice.*").
func (n *Notice) Sections() []NoticeSection {
	lang := n.lang()
	t := func(key string, args ...any) string {
		s := locale.T(lang, "notice."+key)
		if len(args) > 0 {
			s = fmt.Sprintf(s, args...)
		}
		return s
	}
	who := []string{t("who.controller", sentence(n.Controller))}
	if n.ConductedBy != "" {
		who = append(who, t("who.conducted_by", sentence(n.ConductedBy)))
	}
	if n.Purpose != "" {
		who = append(who, sentence(n.Purpose))
	} else {
		who = append(who, t("who.purpose_default"))
	}
	who = append(who, t("who.legal_basis", sentence(n.LegalBasis)))
	code := t("never.link")
	if n.Codes {
		code = t("never.codes")
	}
	day := ""
	if n.RetentionEnd != "" {
		day = t("keep.day", n.RetentionEnd)
	}
	contact := t("rights.controller", clause(n.Controller))
	if n.DPOContact != "" {
		contact = t("rights.dpo", clause(n.DPOContact))
	}
	limits := tr(lang, "limits_instruments")
	if lang == "fr" {
		limits = strings.ReplaceAll(limits, "'", "’") // the report's sentence, with this notice's apostrophes
	}
	secs := []NoticeSection{
		{t("who.h"), who},
		{t("optional.h"), []string{t("optional.p")}},
		{t("recorded.h"), []string{t("recorded.p")}},
		{t("never.h"), []string{t("never.p", code)}},
		{t("published.h"), []string{t("published.k", n.MinGroupSize), t("published.comments", n.CommentMinGroupSize), limits, n.portfolio(lang)}},
		{t("keep.h"), []string{t("keep.p", n.RetentionDays, day)}},
		{t("rights.h"), []string{t("rights.p", contact)}},
		{t("access.h"), []string{t("access.p")}},
	}
	if lang == "fr" {
		// The web page shows these as they are: give them the no-break
		// spaces the PDF gets from its own pass, so no line starts with « : ».
		for i := range secs {
			secs[i].Heading = frenchTypography(secs[i].Heading)
			for j := range secs[i].Paragraphs {
				secs[i].Paragraphs[j] = frenchTypography(secs[i].Paragraphs[j])
			}
		}
	}
	return secs
}

// lang is the notice's language: "en", or "fr" for anything else.
func (n *Notice) lang() string {
	if n.Lang == "en" {
		return "en"
	}
	return "fr"
}

// portfolio says whether the results feed an anonymous reference.
func (n *Notice) portfolio(lang string) string {
	if n.Portfolio {
		return locale.T(lang, "notice.published.portfolio")
	}
	return locale.T(lang, "notice.published.no_portfolio")
}

// NoticePDF writes the notice as an A4 page (or two) to pin on a notice
// board, with the survey's address.
func NoticePDF(w io.Writer, n *Notice) error {
	lang := n.lang()
	txt := func(s string) string {
		if lang == "fr" {
			return frenchTypography(s)
		}
		return s
	}
	f := newDocument(lang, 16, 16)
	heading := locale.T(lang, "notice.title")
	f.SetTitle(txt(heading+" – "+n.Title), true)
	f.SetAuthor(txt(n.Controller), true)
	f.SetCreator("Vigie", true)
	if !n.GeneratedAt.IsZero() {
		f.SetCreationDate(n.GeneratedAt)
		f.SetModificationDate(n.GeneratedAt)
	}
	f.AddPage()
	// The poster's head: the consultant's logo, and on the right a QR
	// code to this notice on the web, for whoever reads it on the board.
	textW := contentW
	if n.NoticeURL != "" {
		const qr = 30.0
		x, y := pageW-marginRight-qr, 12.0
		if err := drawQR(f, n.NoticeURL, x, y, qr); err != nil {
			return fmt.Errorf("reports: notice: %w", err)
		}
		f.SetFont(fontFamily, "", 6.5)
		f.SetTextColor(90, 90, 90)
		f.SetXY(x-4, y+qr)
		f.CellFormat(qr+8, 3, txt(locale.T(lang, "notice.online")), "", 0, "C", false, 0, "")
		f.SetTextColor(0, 0, 0)
		f.SetXY(marginLeft, 16)
		textW = contentW - qr - 6
	}
	if h := 14.0; n.Logo != nil {
		drawLogo(f, n.Logo, marginLeft, 12, 50, h, false)
		f.SetXY(marginLeft, 12+h+3)
	}
	f.SetFont(fontFamily, "", 9)
	f.SetTextColor(90, 90, 90)
	f.MultiCell(textW, 4.5, txt(heading+" · "+n.Organisation), "", "L", false)
	f.SetTextColor(0, 0, 0)
	f.SetFont(fontFamily, "B", 17)
	f.MultiCell(textW, 8, txt(n.Title), "", "L", false)
	if n.URL != "" {
		f.SetFont(fontFamily, "", 10)
		f.MultiCell(textW, 5.5, txt(fmt.Sprintf(locale.T(lang, "notice.answer_at"), n.URL)), "", "L", false)
	}
	if n.NoticeURL != "" {
		f.SetFont(fontFamily, "", 8)
		f.SetTextColor(90, 90, 90)
		f.MultiCell(textW, 4.5, txt(fmt.Sprintf(locale.T(lang, "notice.online_at"), n.NoticeURL)), "", "L", false)
		f.SetTextColor(0, 0, 0)
	}
	if n.NoticeURL != "" {
		// The sections start below the QR code.
		f.SetY(max(f.GetY(), 50))
	}
	for _, s := range n.Sections() {
		f.Ln(3)
		f.SetFont(fontFamily, "B", 11.5)
		f.MultiCell(contentW, 6, txt(s.Heading), "", "L", false)
		f.SetFont(fontFamily, "", 9.8)
		for _, p := range s.Paragraphs {
			f.MultiCell(contentW, 4.8, txt(p), "", "L", false)
			f.Ln(1)
		}
	}
	if err := f.Output(w); err != nil {
		return fmt.Errorf("reports: notice: write: %w", err)
	}
	return nil
}
