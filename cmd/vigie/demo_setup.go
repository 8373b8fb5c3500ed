package main

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/store"
)

// The demo database is filled through the store's public methods only
// (CreateCampaign, GenerateCodes, SubmitResponse...), the same path as real
// campaigns: what the demo shows is what a real database would hold.

// demoDBName is the demo database's file name inside its folder.
const demoDBName = "vigie-demo.db"

// The demo's campaigns, found again by title when a kept demo folder is reused.
const (
	demoOrganisation = "Service social régional des Hauts-de-France"
	demoClosedTitle  = "Baromètre qualité de vie au travail 2026"
	demoOpenTitle    = "Enquête flash : outils numériques"
)

// demoLogin is a back-office account of the demo. Its password is printed
// on the terminal and written in docs/demo.md: it protects nothing and must
// never be used outside the demo.
type demoLogin struct {
	Email    string
	Password string
	Role     vigie.Role
}

// The demo's accounts: a consultant who runs the campaigns and a health
// committee member who reads the closed one.
var (
	demoConsultant = demoLogin{"consultante@demo.vigie", "demo-consultante-2026", vigie.RoleConsultant}
	demoViewer     = demoLogin{"cse@demo.vigie", "demo-comite-cse-2026", vigie.RoleViewer}
)

// demoPrintedCodes is how many unused codes of the open campaign the demo
// prints for trying the questionnaire as an employee.
const demoPrintedCodes = 3

// demoPaperSheets is how many of the barometer's responses came on paper
// (night and field teams), each entered twice by the consultant.
const demoPaperSheets = 20

// demoInfo is what the demo tells its user: the two campaigns and three
// unused access codes of the open one.
type demoInfo struct {
	Closed   *vigie.Campaign
	Open     *vigie.Campaign
	Archived *vigie.Campaign // last year's barometer (demo_archive.go)
	Codes    []string
}

// demoUnits lists the teams of the demo organisation with their headcounts.
func demoUnits(teams []demoTeam) []vigie.UnitSpec {
	out := make([]vigie.UnitSpec, len(teams))
	for i, t := range teams {
		out[i] = vigie.UnitSpec{Path: []string{t.direction, t.name}, Headcount: t.headcount}
	}
	return out
}

// demoClosedSpec is the annual barometer: the five built-in questionnaires,
// so that its DUERP assesses all six families.
func demoClosedSpec() *vigie.CampaignSpec {
	return &vigie.CampaignSpec{
		Title:               demoClosedTitle,
		Organisation:        demoOrganisation,
		ConductedBy:         demoConductedBy("et de la direction", "and management"),
		Purpose:             map[string]string{"fr": demoClosedPurposeFR, "en": demoClosedPurposeEN},
		Questionnaires:      append(slices.Clone(demoFirstQuestionnaires), demoAddedQuestionnaire),
		Units:               demoUnits(demoTeams()),
		Segments:            demoSegments(),
		MinGroupSize:        5,
		CommentMinGroupSize: 10,
		Languages:           []string{"fr", "en"},
		Access:              vigie.AccessCodes,
	}
}

// demoFirstQuestionnaires are those of the barometer since its first
// wave; demoAddedQuestionnaire was added in 2026, for the two families
// the others do not measure (emotional demands, job insecurity). Its
// answers are drawn from their own stream (demoResponses), so that
// adding it changed none of the others'.
var demoFirstQuestionnaires = []string{"sens-du-travail", "reconnaissance", "strategies-defensives", "numerique-travail-reel"}

const demoAddedQuestionnaire = "exigences-et-insecurite"

// Why the demo's surveys are run, as their entry pages say.
const (
	demoClosedPurposeFR = "Ce baromètre annuel fait le point sur le sens que vous trouvez à votre travail, la reconnaissance " +
		"que vous en recevez, les façons de tenir quand le travail devient difficile, la place prise par " +
		"le logiciel de suivi des dossiers, ce que le travail vous demande sur le plan émotionnel et ce qui " +
		"vous paraît incertain. Les résultats, présentés seulement pour des groupes d'au moins " +
		"5 personnes, seront discutés en CSSCT puis dans chaque direction, pour décider d'actions concrètes."
	demoClosedPurposeEN = "This annual barometer takes stock of the meaning you find in your work, the recognition you " +
		"receive for it, the ways people hold on when work gets hard, the place taken by the " +
		"case-management software, what your work asks of you emotionally and what seems uncertain to you. The results, shown only for groups of at least 5 people, will be " +
		"discussed by the health and safety committee (CSSCT), then in each directorate, to decide on " +
		"concrete actions."
	demoOpenPurposeFR = "Le nouveau logiciel de suivi des dossiers est en place depuis six mois. Cette courte enquête " +
		"cherche à comprendre ce qu'il change dans votre travail réel : ce qu'il aide à faire, ce qu'il " +
		"ne voit pas, le temps qu'il prend. Vos réponses prépareront les échanges prévus avec la " +
		"direction et l'éditeur du logiciel."
	demoOpenPurposeEN = "The new case-management software has been in use for six months. This short survey seeks to " +
		"understand what it changes in your real work: what it helps with, what it does not see, the " +
		"time it takes. Your answers will prepare the discussions planned with management and the " +
		"software vendor."
)

// demoConductedBy says who runs the demo's surveys: a consulting firm at
// the request of the works council, and of the parties given (French and
// English) when not "".
func demoConductedBy(alsoFR, alsoEN string) map[string]string {
	fr := "Cabinet Dyadesens, consultants en santé au travail, à la demande du CSE"
	en := "Dyadesens, occupational-health consultants, at the request of the works council (CSE)"
	if alsoFR != "" {
		fr += " " + alsoFR
		en += " " + alsoEN
	}
	return map[string]string{"fr": fr, "en": en}
}

// demoOpenSpec is the short survey left open for trying the employee's path.
func demoOpenSpec() *vigie.CampaignSpec {
	return &vigie.CampaignSpec{
		Title:               demoOpenTitle,
		Organisation:        demoOrganisation,
		ConductedBy:         demoConductedBy("", ""),
		Purpose:             map[string]string{"fr": demoOpenPurposeFR, "en": demoOpenPurposeEN},
		Questionnaires:      []string{"numerique-travail-reel"},
		Units:               demoUnits(demoTeams()),
		Segments:            demoSegments(),
		MinGroupSize:        5,
		CommentMinGroupSize: 10,
		Languages:           []string{"fr", "en"},
		Access:              vigie.AccessCodes,
	}
}

// setupDemo fills an empty database with the demo: the two accounts, the
// barometer's previous wave (a year earlier), the closed barometer linked
// to it with its synthetic answers submitted over three weeks (eight to
// five weeks before now) and the open flash survey with a few answers. The answers depend only on demoSeed; the codes, ids and slugs
// are random, as in any campaign.
func setupDemo(ctx context.Context, st *store.Store, now time.Time) (*demoInfo, error) {
	consultant, err := st.CreateUser(ctx, demoConsultant.Email, demoConsultant.Role, demoConsultant.Password)
	if err != nil {
		return nil, fmt.Errorf("démo : compte consultant : %w", err)
	}
	viewer, err := st.CreateUser(ctx, demoViewer.Email, demoViewer.Role, demoViewer.Password)
	if err != nil {
		return nil, fmt.Errorf("démo : compte comité : %w", err)
	}

	// The portfolio is on before any campaign is created, so that every
	// campaign of the demo feeds it (demo_portfolio.go).
	if err := seedDemoPortfolio(ctx, st, consultant.Email, now); err != nil {
		return nil, err
	}
	week := 7 * 24 * time.Hour
	// The barometer's previous wave, a year earlier (demo_previous.go).
	previous, err := demoCampaign(ctx, st, demoPreviousSpec(), consultant.Email, now.Add(-60*week), now.Add(-57*week), now, demoPreviousSeed, demoPreviousTeams(), 0)
	if err != nil {
		return nil, err
	}
	// Its retention has run out: archived, it still serves as the previous
	// wave from the figures frozen at archiving (demo_archive.go).
	archived, err := demoArchive(ctx, st, previous, viewer, now)
	if err != nil {
		return nil, err
	}
	spec := demoClosedSpec()
	spec.Previous = previous.ID
	spec.UnitMap = map[string]string{demoOldSaintOmer: demoNewSaintOmer}
	closed, err := demoCampaign(ctx, st, spec, consultant.Email, now.Add(-8*week), now.Add(-5*week), now, demoSeed, nil, demoPaperSheets)
	if err != nil {
		return nil, err
	}
	if err := st.GrantCampaign(ctx, viewer.ID, closed.ID); err != nil {
		return nil, fmt.Errorf("démo : accès du comité : %w", err)
	}
	if err := st.Audit(ctx, consultant.Email, "user.grant", closed.ID, viewer.Email); err != nil {
		return nil, err
	}
	if err := seedDemoPlan(ctx, st, closed, consultant.Email, now); err != nil {
		return nil, err
	}
	if err := freezeDemoPortfolio(ctx, st, consultant.Email, now); err != nil {
		return nil, err
	}

	// A handful of colleagues have already answered the flash survey: about
	// one in ten of the barometer's respondents.
	few := demoTeams()
	for i := range few {
		few[i].respondents /= 10
	}
	open, err := demoCampaign(ctx, st, demoOpenSpec(), consultant.Email, now.Add(-week), time.Time{}, now, demoSeed+1, few, 0)
	if err != nil {
		return nil, err
	}
	codes, err := st.GenerateCodes(ctx, open.ID, demoPrintedCodes, nil)
	if err != nil {
		return nil, fmt.Errorf("démo : codes à essayer : %w", err)
	}
	return &demoInfo{Closed: closed, Open: open, Archived: archived, Codes: codes}, nil
}

// demoCampaign creates a campaign from spec, opens it at opened, gives one
// code per agent of each team (fixing the team, as slips handed out per
// service do), submits the synthetic answers of teams (demoTeams() when
// nil) spread over the weeks after opening (never after now), and closes it
// at closed unless closed is zero. paper of the answers come on paper
// sheets (codes without a unit), each entered twice.
func demoCampaign(ctx context.Context, st *store.Store, spec *vigie.CampaignSpec, actor string, opened, closed, now time.Time, seed uint64, teams []demoTeam, paper int) (*vigie.Campaign, error) {
	if teams == nil {
		teams = demoTeams()
	}
	c, err := st.CreateCampaign(ctx, spec)
	if err != nil {
		return nil, fmt.Errorf("démo : campagne « %s » : %w", spec.Title, err)
	}
	if err := st.OpenCampaign(ctx, c.ID, opened); err != nil {
		return nil, fmt.Errorf("démo : ouverture de « %s » : %w", spec.Title, err)
	}
	qs, err := st.CampaignQuestionnaires(ctx, c.ID)
	if err != nil {
		return nil, fmt.Errorf("démo : questionnaires de « %s » : %w", spec.Title, err)
	}
	codes := map[string][]string{} // team path -> unused codes
	for _, t := range teams {
		unit := []string{t.direction, t.name}
		list, err := st.GenerateCodes(ctx, c.ID, t.headcount, unit)
		if err != nil {
			return nil, fmt.Errorf("démo : codes de %s : %w", t.name, err)
		}
		codes[strings.Join(unit, "/")] = list
	}
	var sheets []string
	if paper > 0 {
		if sheets, err = st.GenerateCodes(ctx, c.ID, paper, nil); err != nil {
			return nil, fmt.Errorf("démo : questionnaires papier : %w", err)
		}
	}
	// Most people answer in the first week, fewer after the reminders.
	weekOf := []int{0, 0, 0, 1, 1, 2}
	for i, r := range demoResponses(seed, qs, teams) {
		key := strings.Join(r.Unit, "/")
		at := opened.Add(time.Duration(weekOf[i%len(weekOf)]) * 7 * 24 * time.Hour)
		if at.After(now) {
			at = now
		}
		// One answer in seven comes on paper, until the sheets run out;
		// its team's code then stays unused, as a slip nobody took.
		if i%7 == 3 && len(sheets) > 0 {
			if err := demoPaperEntry(ctx, st, c.ID, sheets[0], r, at); err != nil {
				return nil, fmt.Errorf("démo : feuille papier %d de « %s » : %w", paper-len(sheets)+1, spec.Title, err)
			}
			sheets = sheets[1:]
			continue
		}
		code := codes[key][0]
		codes[key] = codes[key][1:]
		if err := st.SubmitResponse(ctx, c.ID, code, r, at); err != nil {
			return nil, fmt.Errorf("démo : réponse %d à « %s » : %w", i+1, spec.Title, err)
		}
	}
	audit := [][2]string{{"campaign.create", ""}, {"campaign.open", ""}, {"codes.generate", "par service"}}
	if paper > 0 {
		audit = append(audit, [2]string{"paper.generate", fmt.Sprintf("%d questionnaires papier", paper)})
	}
	if !closed.IsZero() {
		if err := st.CloseCampaign(ctx, c.ID, closed); err != nil {
			return nil, fmt.Errorf("démo : clôture de « %s » : %w", spec.Title, err)
		}
		audit = append(audit, [2]string{"campaign.close", ""})
	}
	for _, a := range audit {
		if err := st.Audit(ctx, actor, a[0], c.ID, a[1]); err != nil {
			return nil, err
		}
	}
	return st.Campaign(ctx, c.ID)
}

// resumeDemo finds the demo's campaigns in a kept demo database and makes
// fresh codes for the open one: codes are shown once and only their hash is
// stored, so the ones printed last time cannot be printed again.
func resumeDemo(ctx context.Context, st *store.Store) (*demoInfo, error) {
	list, err := st.Campaigns(ctx)
	if err != nil {
		return nil, err
	}
	info := &demoInfo{}
	for _, c := range list {
		switch {
		case c.Title == demoClosedTitle && info.Closed == nil:
			info.Closed = c
		case c.Title == demoOpenTitle && info.Open == nil:
			info.Open = c
		case c.Title == demoArchivedTitle && info.Archived == nil:
			info.Archived = c
		}
	}
	if info.Closed == nil || info.Open == nil {
		return nil, fmt.Errorf("la base %s ne contient pas (ou plus) les campagnes de la démonstration : relancez avec --reset pour la recréer", st.Path())
	}
	if info.Open.State == vigie.StateOpen {
		if info.Codes, err = st.GenerateCodes(ctx, info.Open.ID, demoPrintedCodes, nil); err != nil {
			return nil, fmt.Errorf("démo : codes à essayer : %w", err)
		}
	}
	return info, nil
}

// demoPaperEntry enters a paper sheet twice, as two typists would.
func demoPaperEntry(ctx context.Context, st *store.Store, campaignID, sheet string, r *vigie.Response, at time.Time) error {
	for _, want := range []store.PaperStatus{store.PaperAwaiting, store.PaperRecorded} {
		res, err := st.EnterPaper(ctx, campaignID, sheet, r, at)
		if err != nil {
			return err
		}
		if res.Status != want {
			return fmt.Errorf("saisie : %s, %s attendu", res.Status, want)
		}
	}
	return nil
}
