package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/dossier"
	"github.com/vigie-sante/vigie/questionnaires"
	"github.com/vigie-sante/vigie/reports"
	"github.com/vigie-sante/vigie/scoring"
	"github.com/vigie-sante/vigie/store"
)

// reportRequest is a checked `vigie report` command line.
type reportRequest struct {
	campaign      string // campaign mode
	questionnaire string // offline mode, with responses
	responses     string
	format        string // "pdf" or "xlsx"
	duerp         bool   // the campaign's DUERP instead of its report
	audience      dossier.Audience
	lang          string
	itemAnnex     bool
	short         bool // the committee's short PDF report
	k             int
	organisation  string
	title         string
	conductedBy   string      // offline: who ran the survey
	logo          *vigie.Logo // --logo, checked; nil for the campaign's own or none
	out           string
	db            string
	progress      *progress
	previous      *previousFlags
	reference     string // --reference: a file of reference values
}

// runReport writes a campaign's report, or the report of a responses file
// collected elsewhere (paper questionnaires typed into a spreadsheet), as
// a PDF or an Excel workbook.
func runReport(args []string, stdout, stderr io.Writer) error {
	req, err := parseReportArgs(args, stderr)
	if err != nil {
		return err
	}
	if req.duerp {
		return runDUERPReport(req)
	}
	var r *dossier.Report
	var audit func() error
	if req.campaign != "" {
		s, err := openStore(req.db)
		if err != nil {
			return err
		}
		defer s.Close()
		ctx := context.Background()
		req.progress.step("Calcul des résultats de la campagne…")
		r, err = s.Report(ctx, req.campaign, store.ReportOptions{
			Audience: req.audience, Lang: req.lang, IncludeItemAnnex: req.itemAnnex, Short: req.short,
			Version: Version, Now: time.Now(),
		})
		if err != nil {
			req.progress.clear()
			return userError(err)
		}
		if req.logo != nil {
			r.Logo = req.logo
		}
		if err := addAttachedReferences(ctx, s, r); err != nil {
			req.progress.clear()
			return userError(err)
		}
		audit = func() error {
			return s.Audit(ctx, cliActor, "report.export", req.campaign, req.format+" "+string(req.audience)+" "+req.lang)
		}
	} else {
		r, err = offlineReport(req, stderr)
		if err != nil {
			req.progress.clear()
			return err
		}
	}

	if err := addReferenceFile(r, req.reference); err != nil {
		req.progress.clear()
		return err
	}
	render := reports.PDF
	if req.format == "xlsx" {
		render = reports.XLSX
	}
	req.progress.step(fmt.Sprintf("Écriture du rapport %s…", strings.ToUpper(req.format)))
	size, err := writeAtomic(req.out, func(w io.Writer) error { return render(w, r) }, audit)
	req.progress.clear()
	if err != nil {
		return err
	}
	req.progress.done(fmt.Sprintf("Rapport écrit : %s (%s)", req.out, formatSize(size)))
	return nil
}

// parseReportArgs reads and checks the command line: every mistake in it
// is a usage error, found before anything is read or written.
func parseReportArgs(args []string, stderr io.Writer) (*reportRequest, error) {
	fs := newFlagSet("report", stderr)
	campaign := fs.String("campaign", "", "identifiant de la campagne (rapport d'une campagne de la base)")
	qArg := fs.String("questionnaire", "", "hors campagne : identifiant d'un questionnaire intégré, ou fichier YAML de questionnaire")
	responses := fs.String("responses", "", "hors campagne : fichier de réponses .csv (séparateur , ou ;) ou .xlsx (première feuille)")
	format := fs.String("format", "", "pdf ou xlsx (par défaut : d'après l'extension de --out)")
	audience := fs.String("audience", string(dossier.AudienceConsultant), "consultant (tout) ou committee (les agrégats, pour les instances)")
	lang := fs.String("lang", "fr", "langue du rapport : fr ou en")
	noAnnex := fs.Bool("no-item-annex", false, "sans l'annexe des réponses question par question")
	short := fs.Bool("short", false, "PDF : la version courte pour les instances (l'essentiel, la participation, les cartes des unités, les priorités, la méthode)")
	k := fs.Int("min-group-size", scoring.DefaultMinGroupSize, "hors campagne : taille minimale des groupes publiés (au moins 3)")
	organisation := fs.String("organisation", "", "hors campagne : nom de l'organisation, sur la couverture")
	title := fs.String("title", "", "hors campagne : titre du rapport (par défaut : celui du questionnaire)")
	conductedBy := fs.String("conducted-by", "", "hors campagne : qui a mené l'enquête (votre cabinet), sur la couverture et en pied de page")
	logo := fs.String("logo", "", "logo PNG ou JPEG sur la couverture et en en-tête du PDF (pour une campagne : à la place du sien)")
	out := fs.String("out", "", "fichier à écrire (.pdf ou .xlsx)")
	duerp := fs.Bool("duerp", false, "avec --campaign : le document unique (DUERP) de la campagne au lieu du rapport")
	db := dbFlag(fs)
	previous := addPreviousFlags(fs)
	reference := addReferenceFlag(fs)
	if err := parseFlags(fs, args); err != nil {
		return nil, err
	}
	if err := previous.check(); err != nil {
		return nil, err
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })

	req := &reportRequest{
		campaign: *campaign, questionnaire: *qArg, responses: *responses,
		audience: dossier.Audience(*audience), lang: *lang, itemAnnex: !*noAnnex, short: *short, k: *k,
		organisation: *organisation, title: *title, conductedBy: *conductedBy, out: *out, db: *db,
		progress: newProgress(stderr), previous: previous, duerp: *duerp, reference: *reference,
	}
	switch {
	case fs.NArg() > 0:
		return nil, usagef("argument inattendu « %s »", fs.Arg(0))
	case *campaign != "" && *responses != "":
		return nil, usagef("--campaign et --responses s'excluent : le rapport porte sur une campagne de la base, ou sur un fichier de réponses")
	case *campaign == "" && *responses == "":
		return nil, usagef("--campaign ID, ou --questionnaire et --responses pour un fichier de réponses, est obligatoire")
	case *out == "":
		return nil, usagef("--out est obligatoire : le fichier à écrire (.pdf ou .xlsx)")
	case *duerp && *campaign == "":
		return nil, usagef("--duerp ne sert qu'avec --campaign : le document unique est celui d'une campagne de la base")
	case *duerp && (set["audience"] || set["lang"] || set["no-item-annex"]):
		return nil, usagef("--duerp : le document unique est en français et le même pour tous ; --audience, --lang et --no-item-annex n'y servent pas")
	}
	if *campaign != "" {
		for _, name := range []string{"questionnaire", "min-group-size", "organisation", "title", "conducted-by", "previous"} {
			if set[name] {
				return nil, usagef("--%s ne sert qu'avec --responses : pour une campagne, ces réglages sont ceux de la campagne", name)
			}
		}
	} else {
		switch {
		case *qArg == "":
			return nil, usagef("--questionnaire est obligatoire avec --responses")
		case set["db"]:
			return nil, usagef("--db ne sert qu'avec --campaign")
		case *k < scoring.MinimumMinGroupSize:
			return nil, usagef("--min-group-size vaut %d : il doit valoir au moins %d, sinon des personnes pourraient être reconnues", *k, scoring.MinimumMinGroupSize)
		}
	}
	switch req.audience {
	case dossier.AudienceConsultant, dossier.AudienceCommittee:
	default:
		return nil, usagef("--audience « %s » inconnu : consultant ou committee", *audience)
	}
	if *lang != "fr" && *lang != "en" {
		return nil, usagef("--lang « %s » inconnue : fr ou en", *lang)
	}
	var err error
	if req.format, err = reportFormat(*format, *out); err != nil {
		return nil, err
	}
	if req.short && req.format != "pdf" {
		return nil, usagef("--short ne sert qu'au rapport PDF")
	}
	if *logo != "" {
		if req.format != "pdf" {
			return nil, usagef("--logo ne sert qu'au rapport PDF")
		}
		if req.logo, err = readLogo(*logo); err != nil {
			return nil, err
		}
	}
	return req, nil
}

// readLogo reads and checks the file of --logo, with the same rules as
// the back office's upload.
func readLogo(path string) (*vigie.Logo, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("--logo : %s ne s'ouvre pas : %w", path, err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, vigie.MaxLogoBytes+1))
	if err != nil {
		return nil, fmt.Errorf("--logo : %s ne se lit pas : %w", path, err)
	}
	l, err := vigie.CheckLogo(data)
	if err != nil {
		return nil, fmt.Errorf("--logo : %s : %s", path, vigie.ErrorMessage(err))
	}
	return l, nil
}

// reportFormat decides the format from --format and the extension of
// --out, which must agree: a PDF named rapport.xlsx would only mislead.
func reportFormat(format, out string) (string, error) {
	ext := strings.TrimPrefix(strings.ToLower(filepath.Ext(out)), ".")
	switch format {
	case "":
		if ext == "pdf" || ext == "xlsx" {
			return ext, nil
		}
		return "", usagef("format inconnu pour « %s » : nommez le fichier .pdf ou .xlsx, ou précisez --format pdf|xlsx", out)
	case "pdf", "xlsx":
		if ext != "" && ext != format {
			return "", usagef("--format %s ne correspond pas à l'extension de « %s » : nommez le fichier .%s", format, out, format)
		}
		return format, nil
	}
	return "", usagef("--format « %s » inconnu : pdf ou xlsx", format)
}

// offlineReport builds a report from a responses file: the result of the
// scoring engine and participation from the file's unit counts (no
// headcounts: the file has none). Like a campaign's, it has no row per
// person (issue 19): the consultant already holds the file itself.
func offlineReport(req *reportRequest, stderr io.Writer) (*dossier.Report, error) {
	q, err := questionnaires.Resolve(req.questionnaire)
	if err != nil {
		return nil, errors.New(userMessage(err))
	}
	f, warnings, err := openResponseFile(q, req.responses)
	for _, w := range warnings {
		req.progress.clear()
		fmt.Fprintf(stderr, "vigie report : %s : attention : %s\n", req.responses, w)
	}
	if err != nil {
		return nil, fmt.Errorf("%s : %s", req.responses, userMessage(err))
	}
	defer f.Close()
	opts := scoring.Options{MinGroupSize: req.k, Segments: f.Segments()}
	sc, err := scoring.New(q, opts)
	if err != nil {
		return nil, errors.New(userMessage(err))
	}
	counts := map[string]int{}
	n := 0
	err = f.Each(func(r scoring.Respondent) error {
		if err := sc.Add(r); err != nil {
			return err
		}
		counts[strings.Join(r.Unit, "/")]++
		n++
		req.progress.count("Lecture des réponses…", n)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("%s : %s", req.responses, userMessage(err))
	}
	// Participation and the result are two outputs of the same people: one
	// group pattern for both, as for a campaign.
	pattern := scoring.CampaignPattern(opts, counts, sc)
	res := sc.ResultWithin(pattern)
	title := req.title
	if title == "" {
		title = q.Title.In(req.lang, q.Language)
	}
	r := &dossier.Report{
		Organisation:     req.organisation,
		Campaign:         title,
		ConductedBy:      req.conductedBy,
		Logo:             req.logo,
		GeneratedAt:      time.Now(),
		Audience:         req.audience,
		Lang:             req.lang,
		MinGroupSize:     res.MinGroupSize,
		IncludeItemAnnex: req.itemAnnex,
		Short:            req.short,
		Version:          Version,
		Offline:          true, // no comments, no headcounts: the report says so
		Participation:    scoring.ParticipationWithin(pattern, opts, counts, nil),
		Sections:         []dossier.Section{{Questionnaire: q, Result: res}},
		// No SegmentLabels: a responses file names segments by their
		// column only, so the report shows that id humanised
		// ("type_contrat" -> "Type contrat").
	}
	prev, err := req.previous.score("report", q, req.k, true, stderr)
	if err != nil {
		return nil, err
	}
	if r.Sections[0].Trends, err = prev.trends(q, res); err != nil {
		return nil, err
	}
	if prev != nil {
		r.PreviousTitle = prev.title
	}
	return r, nil
}
