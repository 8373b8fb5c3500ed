package reports_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/vigie-sante/vigie/reports"
)

// awkward names: a company form after a comma, an organisation without an
// article, typed sentences that end with their own full stop.
var (
	awkwardController = "Clinique des Tilleuls, SAS"
	awkwardOrg        = "Service social régional"
	awkwardBy         = "Cabinet Dyadesens, à la demande du CSE et de la direction."
	awkwardPurpose    = "Faire le point sur la charge de travail..."
	awkwardDPO        = "dpo@tilleuls.example."
	awkwardBasis      = "obligation légale (article L. 4121-1 du code du travail)."
)

func awkwardProcessing() *reports.Processing {
	return &reports.Processing{ID: "c_test", Campaign: "Baromètre 2027", Organisation: awkwardOrg, Controller: awkwardController,
		DPOContact: awkwardDPO, LegalBasis: awkwardBasis, ConductedBy: awkwardBy, Purpose: awkwardPurpose, State: "ouverte",
		Headcount: 180, MinGroupSize: 5, CommentMinGroupSize: 10, Codes: true, RetentionDays: 365, Languages: []string{"fr"},
		GeneratedAt: time.Date(2027, 1, 4, 9, 0, 0, 0, time.UTC)}
}

// wantGoodFrench checks a document's text for the phrases that read wrong
// with such names.
func wantGoodFrench(t *testing.T, doc, text string, want ...string) {
	t.Helper()
	text = strings.Join(strings.Fields(normalise(text)), " ")
	for _, bad := range []string{"..", ". .", "est Clinique", "de Service social", "agents de Service", "par Vigie", "Vigie ne garde", "propres à Vigie"} {
		if i := strings.Index(text, bad); i >= 0 {
			t.Errorf("%s says %q: …%s…", doc, bad, text[max(0, i-60):min(len(text), i+40)])
		}
	}
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("%s lacks %q:\n%s", doc, w, text)
		}
	}
}

func TestGDPRDocumentsReadRightWithAwkwardNames(t *testing.T) {
	p := awkwardProcessing()
	n := &reports.Notice{Lang: "fr", Title: p.Campaign, Organisation: awkwardOrg, Controller: awkwardController, ConductedBy: awkwardBy,
		Purpose: awkwardPurpose, LegalBasis: awkwardBasis, DPOContact: awkwardDPO, MinGroupSize: 5, CommentMinGroupSize: 10, RetentionDays: 365}
	var notice []string
	for _, s := range n.Sections() {
		notice = append(notice, s.Heading)
		notice = append(notice, s.Paragraphs...)
	}
	wantGoodFrench(t, "notice", strings.Join(notice, "\n"),
		"Responsable du traitement des données : Clinique des Tilleuls, SAS.",
		"Enquête menée par : Cabinet Dyadesens, à la demande du CSE et de la direction.",
		"Faire le point sur la charge de travail…",
		"contactez le délégué à la protection des données (dpo@tilleuls.example)")

	n.DPOContact = ""
	var rights string
	for _, s := range n.Sections() {
		rights += strings.Join(s.Paragraphs, " ")
	}
	wantGoodFrench(t, "notice without DPO", rights, "contactez le responsable du traitement (Clinique des Tilleuls, SAS)")

	requirePoppler(t)
	for _, doc := range []struct {
		name   string
		render func(*bytes.Buffer) error
		want   []string
	}{
		{"AIPD", func(b *bytes.Buffer) error { return reports.AIPDPDF(b, p) }, []string{
			"Responsable du traitement : Clinique des Tilleuls, SAS.",
			"le personnel (salariés et agents) de l'organisation cliente, Service social régional, invité à répondre",
			"Délégué à la protection des données : dpo@tilleuls.example.",
			"Enquête menée par Cabinet Dyadesens"}},
		{"registre", func(b *bytes.Buffer) error { return reports.RecordPDF(b, p) }, []string{
			"Registre des activités de traitement",
			"Personnel (salariés et agents) de l'organisation cliente : Service social régional (effectif déclaré : 180 personnes)",
			"Aucun par le logiciel d'enquête"}},
		{"notice PDF", func(b *bytes.Buffer) error { n.DPOContact = awkwardDPO; return reports.NoticePDF(b, n) }, []string{
			"Responsable du traitement des données : Clinique des Tilleuls, SAS."}},
	} {
		t.Run(doc.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := doc.render(&buf); err != nil {
				t.Fatal(err)
			}
			wantGoodFrench(t, doc.name, strings.Join(pdfPages(t, buf.Bytes()), "\n"), doc.want...)
		})
	}
}

// TestNoticeQRCode pins the notice's QR code: drawn when the notice has a
// web address (as many dark squares as a QR code of it has), with the
// address written beside it for whoever cannot scan.
func TestNoticeQRCode(t *testing.T) {
	requirePoppler(t)
	n := &reports.Notice{Lang: "fr", Title: "Baromètre 2027", Organisation: awkwardOrg, Controller: awkwardController,
		LegalBasis: awkwardBasis, MinGroupSize: 5, CommentMinGroupSize: 10, RetentionDays: 365,
		URL: "https://enquete.example/r/barometre-2027"}
	render := func() []byte {
		var buf bytes.Buffer
		if err := reports.NoticePDF(&buf, n); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	without := reports.PDFFilledRects(t, render())
	n.NoticeURL = "https://enquete.example/r/barometre-2027/notice?lang=fr"
	pdf := render()
	if got, want := reports.PDFFilledRects(t, pdf)-without, reports.QRRuns(n.NoticeURL); got != want {
		t.Errorf("notice with a QR code has %d more filled rectangles, want %d (the runs of the QR code of %s)", got, want, n.NoticeURL)
	}
	text := strings.Join(strings.Fields(normalise(strings.Join(pdfPages(t, pdf), " "))), " ")
	if !strings.Contains(text, "Cette notice en ligne : "+n.NoticeURL) {
		t.Errorf("notice lacks its address beside the QR code:\n%s", text)
	}
}
