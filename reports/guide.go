package reports

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/dossier"
	"github.com/vigie-sante/vigie/questionnaires"
	"github.com/vigie-sante/vigie/scoring"
)

// guideDetailed is how many topics the guide gives with their questions: a
// session of two hours discusses a handful, and the guide stays within
// four pages. The others are named, so that nothing is hidden.
const guideDetailed = 6

// guideProposalRows is the number of blank lines left for proposals.
const guideProposalRows = 7

// Guide renders the discussion guide of one group (a unit path with names
// joined by "/", "" for everyone): an A4 document of two to four pages
// that whoever runs a team session (manager, CSE member, consultant) takes
// into the room. It carries the ground rules of a discussion space about
// work, the group's topics in plain words with their questions, and room
// for the team's proposals. A group the anonymity rules do not publish
// gets no guide: ECONFLICT, whose message says why.
func Guide(w io.Writer, r *dossier.Report, unit string) error {
	if r == nil {
		return errors.New("reports: guide: nil report")
	}
	d := &pdfDoc{r: r, lang: "fr", k: r.MinGroupSize}
	if r.Lang == "en" {
		d.lang = "en"
	}
	if d.k <= 0 {
		d.k = scoring.DefaultMinGroupSize
	}
	g := &guide{pdfDoc: d, unit: unit, id: scoring.UnitGroupID(unit)}
	if !scoring.Published(g.id, reportScored(r)...) {
		return g.refusal()
	}
	g.f = newDocument(d.lang, marginTop, marginBottom)
	g.f.AliasNbPages("{nb}")
	g.f.SetTitle(d.txt(tr(d.lang, "guide_title")+" – "+g.groupName()), true)
	g.f.SetAuthor(d.txt(r.Organisation), true)
	g.f.SetCreator(strings.TrimSpace("Vigie "+versionShown(r.Version)), true)
	if !r.GeneratedAt.IsZero() {
		g.f.SetCreationDate(r.GeneratedAt)
		g.f.SetModificationDate(r.GeneratedAt)
	}
	g.f.SetFooterFunc(g.footer)
	g.f.AddPage()
	g.opening()
	g.rules()
	g.topics()
	g.proposals()
	if err := g.f.Error(); err != nil {
		return fmt.Errorf("reports: guide: render: %w", err)
	}
	if err := g.f.Output(w); err != nil {
		return fmt.Errorf("reports: guide: write: %w", err)
	}
	return nil
}

// guide is the rendering of one group's discussion guide.
type guide struct {
	*pdfDoc
	unit string // "" for everyone
	id   string // the group id in the results
}

// refusal explains why a group has no guide, in the words of the rules.
func (g *guide) refusal() error {
	name := g.unit
	if name == "" {
		name = tr("fr", "group_all_phrase")
	}
	if g.unit != "" && unitReason(g.r, strings.Split(g.unit, "/")) == scoring.ReasonSecondary {
		return vigie.Errorf(vigie.ECONFLICT, "Pas de guide d'échange pour « %s » : ses résultats sont masqués pour qu'on ne puisse pas retrouver, par soustraction, un autre groupe de moins de %d personnes.", name, g.k)
	}
	return vigie.Errorf(vigie.ECONFLICT, "Pas de guide d'échange pour « %s » : ce groupe compte moins de %d répondants (k), ses résultats ne sont pas publiés.", name, g.k)
}

// groupName names the group in the guide's language.
func (g *guide) groupName() string {
	if g.unit == "" {
		return tr(g.lang, "guide_group_all")
	}
	return notSpecifiedLabel(g.lang, g.unit)
}

// footer restates, on every page, whom the guide is for and the rule k.
func (g *guide) footer() {
	f := g.f
	g.footerStart()
	left := tr(g.lang, "guide_title") + " · " + g.groupName()
	f.CellFormat(contentW-25, 4, g.fit(left, contentW-25), "", 0, "L", false, 0, "")
	// {nb} becomes the page count when the document is written.
	f.CellFormat(25, 4, fmt.Sprintf(g.tr("page"), f.PageNo())+" / {nb}", "", 1, "R", false, 0, "")
	f.SetX(marginLeft)
	k := fmt.Sprintf(tr(g.lang, "footer_k"), g.k)
	if by := conductedByLine(g.lang, g.r.ConductedBy); by != "" {
		k += " · " + by
	}
	f.CellFormat(contentW, 4, g.fit(k, contentW), "", 0, "L", false, 0, "")
	f.SetTextColor(0, 0, 0)
}

// h2 writes a heading of the guide, kept with room lines after it.
func (g *guide) h2(title string, room float64) {
	g.ensure(room)
	f := g.f
	f.Ln(3)
	f.SetFont(fontFamily, "B", 12)
	g.textCol(colBlue)
	f.MultiCell(contentW, 6, g.txt(title), "", "L", false)
	f.SetTextColor(0, 0, 0)
	f.Ln(1)
	g.body()
}

// opening writes the title, the group and what the guide is for.
func (g *guide) opening() {
	f := g.f
	titleW := contentW
	if drawLogo(f, g.r.Logo, pageW-marginRight-45, 12, 45, 14, true) > 0 {
		titleW -= 48
	}
	f.SetFont(fontFamily, "B", 18)
	g.textCol(colBlue)
	f.MultiCell(titleW, 9, g.tr("guide_title"), "", "L", false)
	f.SetFont(fontFamily, "B", 13)
	f.SetTextColor(0, 0, 0)
	f.MultiCell(contentW, 7, g.txt(g.groupName()), "", "L", false)
	f.SetFont(fontFamily, "", 9.5)
	f.SetTextColor(90, 90, 90)
	line := g.r.Campaign
	if g.r.Organisation != "" {
		line += " · " + g.r.Organisation
	}
	if p, ok := periodText(g.r, g.lang); ok && p != "" {
		line += " · " + p
	}
	f.MultiCell(contentW, 5, g.txt(line), "", "L", false)
	f.SetTextColor(0, 0, 0)
	f.SetDrawColor(20, 60, 110)
	f.SetLineWidth(0.6)
	f.Line(marginLeft, f.GetY()+1.5, marginLeft+40, f.GetY()+1.5)
	f.Ln(5)
	g.para(tr(g.lang, "guide_purpose"))
}

// rules writes the ground rules of the discussion space, the course of a
// session, and what the results can and cannot say.
func (g *guide) rules() {
	g.h2(tr(g.lang, "guide_h_rules"), 40)
	for _, k := range []string{"guide_rule_work", "guide_rule_room", "guide_rule_real", "guide_rule_disagree", "guide_rule_answer"} {
		g.bullet(tr(g.lang, k))
	}
	g.h2(tr(g.lang, "guide_h_course"), 35)
	for _, k := range []string{"guide_step_1", "guide_step_2", "guide_step_3", "guide_step_4", "guide_step_5"} {
		g.bullet(tr(g.lang, k))
	}
	g.h2(tr(g.lang, "guide_h_results"), 25)
	g.para(fmt.Sprintf(tr(g.lang, "guide_results_k"), g.k))
}

// topic is one dimension of the group, as the guide presents it.
type topic struct {
	q     *questionnaires.Questionnaire
	dim   *questionnaires.Dimension
	st    *scoring.DimensionStats
	first bool // a priority: unfavourable mean or share at least priority_share
}

// groupTopics sorts the group's published dimensions into those to discuss
// (priorities first, then intermediate ones, each by share unfavourable),
// those that are favourable, and the defensive strategies whose signal is
// weak: a weak signal is not a favourable result, and never goes with
// what goes well.
func (g *guide) groupTopics() (discuss, well, weak []topic) {
	share := g.r.PriorityShare
	if share <= 0 {
		share = scoring.DefaultPriorityShare
	}
	for _, s := range g.r.Sections {
		if s.Questionnaire == nil || s.Result == nil {
			continue
		}
		var grp *scoring.Group
		for _, gr := range s.Result.Groups {
			if gr.ID == g.id {
				grp = gr
			}
		}
		for _, dim := range s.Questionnaire.Dimensions {
			st := dimStats(grp, dim.ID)
			if st == nil || st.N == 0 {
				continue
			}
			t := topic{q: s.Questionnaire, dim: dim, st: st}
			unfav := st.Shares[scoring.Unfavourable]
			t.first = st.Level == scoring.Unfavourable || unfav >= share-1e-9
			switch {
			case t.first, st.Level == scoring.Intermediate:
				discuss = append(discuss, t)
			case dim.Signal():
				weak = append(weak, t)
			default:
				well = append(well, t)
			}
		}
	}
	slices.SortStableFunc(discuss, func(a, b topic) int {
		if a.first != b.first {
			if a.first {
				return -1
			}
			return 1
		}
		return cmp.Compare(b.st.Shares[scoring.Unfavourable], a.st.Shares[scoring.Unfavourable])
	})
	return discuss, well, weak
}

// topics writes the group's topics with their questions, then what goes
// well with its one question, then the weak signals.
func (g *guide) topics() {
	discuss, well, weak := g.groupTopics()
	g.f.AddPage()
	g.h2(tr(g.lang, "guide_h_topics"), 40)
	if len(discuss) == 0 {
		g.para(tr(g.lang, "guide_no_topic"))
	} else {
		g.para(tr(g.lang, "guide_topics_intro"))
	}
	for i, t := range discuss {
		if i == guideDetailed {
			var rest []string
			for _, o := range discuss[i:] {
				rest = append(rest, quote(g.lang, o.dim.Title.In(g.lang, o.q.Language)))
			}
			g.para(fmt.Sprintf(tr(g.lang, "guide_more_topics"), strings.Join(rest, ", ")))
			break
		}
		g.topic(t)
	}
	if len(well) > 0 {
		g.h2(tr(g.lang, "guide_h_well"), 25)
		var names []string
		for _, t := range well {
			names = append(names, quote(g.lang, t.dim.Title.In(g.lang, t.q.Language)))
		}
		g.para(fmt.Sprintf(tr(g.lang, "guide_well"), strings.Join(names, ", ")))
		g.question(tr(g.lang, "guide_well_question"))
	}
	if len(weak) > 0 {
		g.h2(tr(g.lang, "guide_h_weak"), 20)
		var names []string
		for _, t := range weak {
			names = append(names, quote(g.lang, t.dim.Title.In(g.lang, t.q.Language)))
		}
		g.para(fmt.Sprintf(tr(g.lang, "guide_weak"), strings.Join(names, ", ")))
	}
}

// topic writes one dimension: its name and family, what it covers, where
// the group stands in words, and its discussion questions.
func (g *guide) topic(t topic) {
	f := g.f
	qs := t.dim.Discussion.In(g.lang, t.q.Language)
	if len(qs) == 0 {
		qs = []string{tr(g.lang, "guide_q_hard"), tr(g.lang, "guide_q_invisible"), tr(g.lang, "guide_q_cope"), tr(g.lang, "guide_q_help")}
	}
	g.ensure(28 + 9*float64(len(qs)))
	f.Ln(2)
	title := quote(g.lang, t.dim.Title.In(g.lang, t.q.Language))
	switch {
	case t.dim.RiskFamily.Valid():
		title += " — " + t.dim.RiskFamily.Label(g.lang)
	case t.dim.SignalFor.Valid():
		title += " — " + fmt.Sprintf(tr(g.lang, "topic_signal_for"), t.dim.SignalFor.Label(g.lang))
	}
	f.SetFont(fontFamily, "B", 10.5)
	f.MultiCell(contentW, 5.5, g.txt(title), "", "L", false)
	g.body()
	if desc := t.dim.Description.In(g.lang, t.q.Language); desc != "" {
		f.SetTextColor(70, 70, 70)
		f.MultiCell(contentW, 4.8, g.txt(desc), "", "L", false)
		f.SetTextColor(0, 0, 0)
	}
	f.Ln(0.5)
	g.para(g.standing(t))
	for _, q := range qs {
		g.question(q)
	}
}

// standing says where the group stands on a topic, in words, with the one
// figure a group of at least k may carry: its share at the worrying level.
func (g *guide) standing(t topic) string {
	pct := fmtPct(g.lang, t.st.Shares[scoring.Unfavourable])
	key := "guide_standing_intermediate"
	if t.first {
		key = "guide_standing_priority"
	}
	if t.dim.Signal() {
		key = "signal_" + key
	}
	return fmt.Sprintf(tr(g.lang, key), pct)
}

// question writes a discussion question with a little room under it.
func (g *guide) question(q string) {
	f := g.f
	g.body()
	f.SetX(marginLeft + 3)
	f.CellFormat(4, 4.8, "?", "", 0, "L", false, 0, "")
	f.MultiCell(contentW-7, 4.8, g.txt(q), "", "L", false)
	f.Ln(2.5)
}

// proposals leaves room for the team's proposals and says how they go
// into the action plan.
func (g *guide) proposals() {
	f := g.f
	rowH := 11.0
	need := 30 + rowH*guideProposalRows
	if f.GetY()+need > pageH-marginBottom {
		f.AddPage()
	}
	g.h2(tr(g.lang, "guide_h_proposals"), need)
	g.para(tr(g.lang, "guide_proposals_intro"))
	cols := []float64{100, 40, 34}
	g.tableHeader(cols, []string{tr(g.lang, "guide_col_proposal"), tr(g.lang, "guide_col_topic"), tr(g.lang, "guide_col_who")})
	f.SetDrawColor(170, 170, 170)
	f.SetLineWidth(0.2)
	for range guideProposalRows {
		for i, w := range cols {
			ln := 0
			if i == len(cols)-1 {
				ln = 1
			}
			f.CellFormat(w, rowH, "", "1", ln, "L", false, 0, "")
		}
	}
	g.h2(tr(g.lang, "guide_h_next"), 40)
	for _, k := range []string{"guide_next_read", "guide_next_answer", "guide_next_plan", "guide_next_back"} {
		g.bullet(tr(g.lang, k))
	}
}

// quote puts a title between the language's quotation marks.
func quote(lang, s string) string {
	if lang == "en" {
		return "“" + s + "”"
	}
	return "«" + nbsp + s + nbsp + "»"
}
