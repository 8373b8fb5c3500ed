package web

import (
	"html/template"
	"net/http"
	"slices"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/questionnaires"
	"github.com/vigie-sante/vigie/reports"
	"github.com/vigie-sante/vigie/scoring"
	"github.com/vigie-sante/vigie/store"
)

// resultsPage shows one questionnaire's results. Every figure on it comes
// from the scoring result (store.Result): a suppressed group or measure is
// shown as masked, with the reason, never with a number.
type resultsPage struct {
	Nav         adminNav
	C           *vigie.Campaign
	QID, QTitle string
	K           int
	Respondents int
	Dimensions  []dimensionHeader
	Heat        []heatRow
	Segments    []heatRow
	// WithheldSegments names the segments none of whose categories is
	// published: their rows are left out of the table, with one sentence.
	WithheldSegments []string
	SegmentsShown    bool // some segment has a published category
	Means            template.HTML
	Distributions    template.HTML
	Indicators       []string // indicator titles
	IndicatorRows    []indicatorRow
	Reliability      []reliabilityRow
	Comments         []string
	Essentials       *reports.Essentials // "L'essentiel" of this questionnaire, worded as in the PDF
	Priorities       []priorityRow       // this questionnaire's priorities, strongest first
	PriorityShare    string              // the campaign's priority_share, as a percentage
	Guides           []guideLink         // one per published group: everyone, then units
	// HasLevels and HasSignals say which readings the questionnaire's
	// dimensions use, for the legend: favourable to unfavourable, and the
	// defensive strategies' signal faible to marqué.
	HasLevels, HasSignals bool
	// IndicatorNotes say where a borrowed threshold comes from and its
	// limits (reports.ThresholdNote).
	IndicatorNotes []string
	GuidesEN       bool // the campaign is also in English: offer English guides
	Empty          bool
	// Pending, when set, says why there are no figures yet (the campaign
	// is not closed: store.ResultsAvailable); the page shows only that.
	Pending string
	// Trends, when the campaign has a previous wave, says how to read the
	// arrows in the cells.
	Trends *resultsTrends
	// Series draws each dimension over three waves or more.
	Series []seriesChart
	// ResultsNav links the campaign's other result pages.
	ResultsNav *resultsNav
	// Reference, when one applies, compares the figures with it.
	Reference *resultsReference
}

// dimensionHeader is a column of the heat map. Reversed dimensions
// (questionnaires.HigherIsWorse: demands, efforts) say so in their
// header, so that a green 25 next to a red 25 makes sense.
type dimensionHeader struct {
	Title    string
	Reversed bool
	Signal   bool // a defensive strategy: levels read as signals
}

// heatRow is one group in the heat map: a cell per dimension.
type heatRow struct {
	Label      string
	Hidden     bool // a row of a segment entirely withheld: not shown
	Depth      int
	N          string
	Suppressed bool
	Reason     string
	Cells      []heatCell
}

// heatCell is one group × dimension.
type heatCell struct {
	Value      string
	Level      string // css class: favourable, intermediate, unfavourable, suppressed
	LevelLabel string
	Reason     string
	Mark       string     // "< k" or "masqué"
	Trend      *trendMark // change since the previous wave; nil when none
	Ref        *refMark   // difference from the reference; nil when none
	RefView    bool       // the heat map shows differences from the reference
}

// indicatorRow is one group's indicators.
type indicatorRow struct {
	Label string
	Cells []heatCell
}

// reliabilityRow is one dimension's Cronbach's alpha.
type reliabilityRow struct {
	Dimension string
	Alpha     string
	N         int
}

// reasonText explains a suppression. A group nobody answered in reads
// like one of 1 to k-1: telling them apart would say, after one more
// submission, that the first member of a small group took part.
func reasonText(reason string, k int) string {
	if reason == scoring.ReasonSecondary {
		return "Masqué pour qu'on ne puisse pas retrouver, par soustraction ou en recoupant d'autres groupes, un groupe de moins de " + itoa(k) + " personnes."
	}
	return "Moins de " + itoa(k) + " réponses : masqué pour protéger l'anonymat."
}

// suppressedCell is the cell of a masked figure.
func suppressedCell(reason string, k int) heatCell {
	mark := "< " + itoa(k)
	if reason == scoring.ReasonSecondary {
		mark = "masqué"
	}
	return heatCell{Level: "suppressed", Reason: reasonText(reason, k), Mark: mark}
}

// adminResults shows the results of one questionnaire of a campaign.
func (s *Server) adminResults(c *gin.Context) {
	camp, err := s.campaignOf(c)
	if err != nil {
		s.htmlError(c, err)
		return
	}
	qid := c.Param("qid")
	if err := store.ResultsAvailable(camp); err != nil {
		s.resultsPending(c, camp, qid, err)
		return
	}
	// One scoring pass gives this questionnaire's result, the priorities
	// and the groups that get a discussion guide.
	cr, err := s.store.CampaignResults(c.Request.Context(), camp.ID)
	if err != nil {
		s.htmlError(c, err)
		return
	}
	sc, err := cr.Result(qid)
	if err != nil {
		s.htmlError(c, err)
		return
	}
	q, res := sc.Questionnaire, sc.Result
	p := buildResultsPage(camp, q, res)
	p.Nav = nav(c)
	p.Priorities = priorityRows(camp, q, cr.Priorities())
	p.PriorityShare = percent(camp.PriorityShare)
	p.Guides = guideLinks(camp, cr)
	p.GuidesEN = slices.Contains(camp.Languages, "en")
	trends, err := s.store.Trends(c.Request.Context(), camp, qid, res)
	if err != nil {
		s.htmlError(c, err)
		return
	}
	previousTitle := ""
	if trends != nil {
		prev, err := s.store.Campaign(c.Request.Context(), camp.Previous)
		if err != nil {
			s.htmlError(c, err)
			return
		}
		previousTitle = prev.Title
		addTrends(p, q, res, trends, prev.Title, camp.Title)
		waves, err := s.store.Series(c.Request.Context(), camp.ID)
		if err != nil {
			s.htmlError(c, err)
			return
		}
		p.Series = seriesCharts(waves, qid)
	}
	p.Essentials = resultsEssentials(camp, q, res, trends, previousTitle)
	ref, err := s.compareReferences(c.Request.Context(), camp, q, res)
	if err != nil {
		s.htmlError(c, err)
		return
	}
	addReference(p, q, res, ref, c.Query("vue") == "reference")
	published, err := s.store.PublishedComments(c.Request.Context(), camp.ID, qid)
	if err != nil {
		s.htmlError(c, err)
		return
	}
	for _, cm := range published {
		p.Comments = append(p.Comments, cm.Text+" — "+unitLabel(cm.Unit))
	}
	p.ResultsNav = s.resultsNavOf(c, camp, qid)
	s.render(c, http.StatusOK, "admin_results", p)
}

// resultsPending shows, in place of the results of a campaign that is not
// closed, why they wait for the closing (the message of why, from
// store.ResultsAvailable) and where to follow participation meanwhile.
// It is an ordinary page, not an error: nothing went wrong.
func (s *Server) resultsPending(c *gin.Context, camp *vigie.Campaign, qid string, why error) {
	if !slices.Contains(camp.Questionnaires, qid) {
		s.htmlError(c, vigie.Errorf(vigie.ENOTFOUND, "Le questionnaire « %s » ne fait pas partie de cette campagne.", qid))
		return
	}
	p := &resultsPage{Nav: nav(c), C: camp, QID: qid, QTitle: qid, Pending: vigie.ErrorMessage(why)}
	if q, err := s.store.Questionnaire(c.Request.Context(), qid); err == nil {
		p.QTitle = q.Title.In("fr", q.Language)
	}
	p.ResultsNav = s.resultsNavOf(c, camp, qid)
	s.render(c, http.StatusOK, "admin_results", p)
}

// buildResultsPage lays out a scoring result.
func buildResultsPage(camp *vigie.Campaign, q *questionnaires.Questionnaire, res *scoring.Result) *resultsPage {
	k := res.MinGroupSize
	p := &resultsPage{C: camp, QID: q.ID, QTitle: q.Title.In("fr", q.Language), K: k, Respondents: res.Respondents}
	for _, d := range q.Dimensions {
		p.Dimensions = append(p.Dimensions, dimensionHeader{Title: d.Title.In("fr", q.Language), Reversed: d.Direction == questionnaires.HigherIsWorse, Signal: d.Signal()})
		p.HasSignals = p.HasSignals || d.Signal()
		p.HasLevels = p.HasLevels || !d.Signal()
	}
	for _, ind := range q.Indicators {
		p.Indicators = append(p.Indicators, ind.Title.In("fr", q.Language))
		if note := reports.ThresholdNote("fr", q.ID, ind.ID); note != "" {
			p.IndicatorNotes = append(p.IndicatorNotes, note)
		}
	}
	var all *scoring.Group
	for _, g := range res.Groups {
		row := heatRow{Label: g.Label, Suppressed: g.Suppressed}
		if g.Kind == scoring.KindUnit {
			row.Depth = strings.Count(strings.TrimPrefix(g.ID, "unit:"), "/")
		}
		if g.Kind == scoring.KindSegment {
			if seg := camp.Segment(g.Segment); seg != nil {
				row.Label = seg.Label["fr"] + " : " + g.Label
			}
		}
		if g.Suppressed {
			row.Reason = reasonText(g.Reason, k)
			row.N = suppressedCell(g.Reason, k).Mark
		} else {
			row.N = itoa(g.Respondents)
		}
		for _, d := range q.Dimensions {
			row.Cells = append(row.Cells, dimensionCell(g, d, k))
		}
		switch g.Kind {
		case scoring.KindSegment:
			p.Segments = append(p.Segments, row)
		default:
			p.Heat = append(p.Heat, row)
		}
		if g.Kind == scoring.KindAll {
			all = g
		}
		if len(q.Indicators) > 0 {
			ir := indicatorRow{Label: row.Label}
			for _, ind := range q.Indicators {
				ir.Cells = append(ir.Cells, indicatorCell(g, ind, k))
			}
			p.IndicatorRows = append(p.IndicatorRows, ir)
		}
	}
	markWithheldSegments(p, camp, res)
	if all == nil || all.Suppressed {
		p.Empty = true
	} else {
		var bars []distributionBar
		var means []meanBar
		for _, d := range q.Dimensions {
			st := all.Dimensions[d.ID]
			if st == nil || st.Suppressed {
				continue
			}
			label := d.Title.In("fr", q.Language)
			bars = append(bars, distributionBar{Label: label, N: st.N, Shares: st.Shares, Dim: d})
			suffix := ""
			switch {
			case d.Signal():
				suffix = " (élevé = signal marqué)"
			case d.Direction == questionnaires.HigherIsWorse:
				suffix = " (élevé = défavorable)"
			}
			means = append(means, meanBar{Label: label, Mean: st.Mean, CI: st.CI95, Level: st.Level, Dim: d, Suffix: suffix})
		}
		if len(bars) > 0 {
			p.Distributions = distributionSVG("Répartition des répondants par niveau, par dimension (ensemble)", bars)
			p.Means = meansSVG("Score moyen par dimension sur 100, avec l'intervalle de confiance à 95 % (ensemble)", means)
		}
	}
	for _, d := range q.Dimensions {
		r := reliabilityRow{Dimension: d.Title.In("fr", q.Language), Alpha: "non calculé (moins de 10 réponses complètes)"}
		if rel, ok := res.Reliability[d.ID]; ok {
			r.N = rel.N
			if rel.Alpha != nil {
				r.Alpha = decimal(*rel.Alpha, 2)
			}
		}
		p.Reliability = append(p.Reliability, r)
	}
	return p
}

// eachGroupRow calls fn with each group of res, its index, and its row of
// p's heat map or segment table, which buildResultsPage laid out from res
// in the order of res.Groups, segments apart.
func eachGroupRow(p *resultsPage, res *scoring.Result, fn func(i int, g *scoring.Group, row *heatRow)) {
	heat, seg := 0, 0
	for i, g := range res.Groups {
		var row *heatRow
		if g.Kind == scoring.KindSegment {
			row, seg = &p.Segments[seg], seg+1
		} else {
			row, heat = &p.Heat[heat], heat+1
		}
		fn(i, g, row)
	}
}

// dimensionCell is the cell of one dimension in one group.
func dimensionCell(g *scoring.Group, dim *questionnaires.Dimension, k int) heatCell {
	if g.Suppressed {
		return suppressedCell(g.Reason, k)
	}
	st := g.Dimensions[dim.ID]
	if st == nil {
		return heatCell{Level: "suppressed", Mark: "–", Reason: "Pas de score pour ce groupe."}
	}
	if st.Suppressed {
		return suppressedCell(st.Reason, k)
	}
	return heatCell{Value: decimal(st.Mean, 0), Level: levelClass(dim, st.Level), LevelLabel: levelLabel(dim, st.Level)}
}

// indicatorCell is the cell of one indicator in one group.
func indicatorCell(g *scoring.Group, ind *questionnaires.Indicator, k int) heatCell {
	if g.Suppressed {
		return suppressedCell(g.Reason, k)
	}
	st := g.Indicators[ind.ID]
	if st == nil {
		return heatCell{Level: "suppressed", Mark: "–", Reason: "Pas de valeur pour ce groupe."}
	}
	if st.Suppressed {
		return suppressedCell(st.Reason, k)
	}
	return heatCell{Value: decimal(st.Mean, 2), LevelLabel: percent(st.ShareAbove) + " au-dessus de " + decimal(ind.Threshold, 1)}
}

// markWithheldSegments hides the rows of the segments none of whose
// categories is published (a table of grey rows says nothing) and names
// them for the sentence that explains why. p.Segments follows the segment
// groups of res in order.
func markWithheldSegments(p *resultsPage, camp *vigie.Campaign, res *scoring.Result) {
	published := res.PublishedSegments()
	i := 0
	for _, g := range res.Groups {
		if g.Kind != scoring.KindSegment {
			continue
		}
		p.Segments[i].Hidden = !published[g.Segment]
		i++
		switch {
		case published[g.Segment]:
			p.SegmentsShown = true
		case g.Label == scoring.NotSpecified:
			// A segment's last category: name the withheld segment once.
			label := g.Segment
			if seg := camp.Segment(g.Segment); seg != nil {
				label = seg.Label["fr"]
			}
			p.WithheldSegments = append(p.WithheldSegments, label)
		}
	}
}
