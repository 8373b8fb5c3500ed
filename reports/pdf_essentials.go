package reports

import (
	"fmt"
	"strings"

	"github.com/vigie-sante/vigie/dossier"
	"github.com/vigie-sante/vigie/questionnaires"
	"github.com/vigie-sante/vigie/scoring"
)

// Bounds of the priorities "L'essentiel" names: enough to orient a
// committee, few enough to be read on one page.
const (
	essentialsMax     = 8
	essentialsGroups  = 3 // other groups named after the strongest one
	essentialsRoomMin = 40
)

// essentials writes "L'essentiel", the page a committee reads first:
// participation, the strongest priorities in words with their groups, and
// what the results cannot say.
func (d *pdfDoc) essentials() {
	d.heading(1, tr(d.lang, "h_essentials"))
	switch p := reportRespondents(d.r); {
	case p == nil && !d.r.Offline:
		d.bullet(fmt.Sprintf(tr(d.lang, "ess_participation_masked"), d.k))
	case p != nil:
		if total := d.totalHeadcount(); total > 0 {
			d.bullet(fmt.Sprintf(tr(d.lang, "ess_participation_rate"), fmtInt(d.lang, *p), fmtInt(d.lang, total),
				fmtPct(d.lang, float64(*p)/float64(total))))
		} else {
			d.bullet(fmt.Sprintf(tr(d.lang, "ess_participation"), fmtInt(d.lang, *p)))
		}
	}
	d.f.Ln(1)
	share := d.r.PriorityShare
	if share <= 0 {
		share = scoring.DefaultPriorityShare
	}
	lines, more := d.priorityLines()
	if len(lines) == 0 {
		d.para(fmt.Sprintf(tr(d.lang, "ess_no_priority"), fmtPct(d.lang, share)))
	} else {
		d.para(fmt.Sprintf(tr(d.lang, "ess_priorities_intro"), fmtPct(d.lang, share)))
		for _, l := range lines {
			d.bullet(l)
		}
		if more > 0 {
			d.para(fmt.Sprintf(trn(d.lang, "ess_priority_more", more), more))
		}
	}
	d.essentialsReference()
	d.ensure(essentialsRoomMin)
	d.f.Ln(2)
	d.f.SetFont(fontFamily, "B", 10.5)
	d.textCol(colBlue)
	d.f.MultiCell(contentW, 5.5, d.tr("ess_cannot_h"), "", "L", false)
	d.f.SetTextColor(0, 0, 0)
	d.bullet(fmt.Sprintf(tr(d.lang, "ess_cannot_k"), d.k))
	d.bullet(tr(d.lang, "ess_cannot_people"))
	d.bullet(tr(d.lang, "ess_cannot_why"))
}

// totalHeadcount is the campaign's headcount when every top-level unit
// has one (its own or its children's), else 0: no rate is claimed on a
// partial headcount.
func (d *pdfDoc) totalHeadcount() int {
	total := 0
	for _, p := range d.r.Participation {
		if len(p.Path) != 1 || p.Path[0] == scoring.NotSpecified {
			continue
		}
		if p.Headcount <= 0 {
			return 0
		}
		total += p.Headcount
	}
	return total
}

// priorityLines words the strongest priorities, one line per dimension
// (its strongest group first, then up to essentialsGroups others), at most
// essentialsMax lines; more is how many dimensions were left out.
func (d *pdfDoc) priorityLines() (lines []string, more int) {
	ps := scoring.Priorities(d.r.PriorityShare, reportScored(d.r)...)
	type entry struct {
		first  scoring.Priority
		others []string
	}
	var order []string
	byDim := map[string]*entry{}
	for _, p := range ps {
		key := p.Questionnaire + "/" + p.Dimension
		if e, ok := byDim[key]; ok {
			e.others = append(e.others, d.priorityGroup(p))
			continue
		}
		byDim[key] = &entry{first: p}
		order = append(order, key)
	}
	for i, key := range order {
		if i == essentialsMax {
			return lines, len(order) - i
		}
		e := byDim[key]
		q, dim := reportDimension(d.r, e.first.Questionnaire, e.first.Dimension)
		if dim == nil {
			continue
		}
		title := dim.Title.In(d.lang, q.Language)
		family := ""
		if dim.RiskFamily.Valid() {
			family = dim.RiskFamily.Label(d.lang)
		} else {
			family = q.Title.In(d.lang, q.Language)
		}
		key := "ess_priority"
		if dim.Signal() {
			key = "ess_priority_signal"
		}
		line := fmt.Sprintf(tr(d.lang, key), title, family, fmtPct(d.lang, e.first.ShareUnfavourable), d.priorityGroup(e.first))
		if n := len(e.others); n > 0 {
			named := e.others[:min(n, essentialsGroups)]
			list := strings.Join(named, ", ")
			if n > len(named) {
				list += " " + tr(d.lang, "ess_and_more")
			}
			line += fmt.Sprintf(trn(d.lang, "ess_priority_also", n), n, list)
		}
		lines = append(lines, line)
	}
	return lines, 0
}

// priorityGroup names the group of a priority in words.
func (d *pdfDoc) priorityGroup(p scoring.Priority) string {
	switch p.Kind {
	case scoring.KindAll:
		return tr(d.lang, "group_all_phrase")
	case scoring.KindSegment:
		return fmt.Sprintf(tr(d.lang, "group_segment"), d.r.SegmentLabel(p.Segment), notSpecifiedLabel(d.lang, p.Label))
	}
	return notSpecifiedLabel(d.lang, p.Label)
}

// notSpecifiedLabel translates the "(non renseigné)" category.
func notSpecifiedLabel(lang, label string) string {
	if label == scoring.NotSpecified || strings.HasSuffix(label, "/"+scoring.NotSpecified) {
		return strings.Replace(label, scoring.NotSpecified, tr(lang, "not_specified"), 1)
	}
	return label
}

// scored returns the report's sections as scoring inputs.
func reportScored(r *dossier.Report) []scoring.Scored {
	out := make([]scoring.Scored, 0, len(r.Sections))
	for _, s := range r.Sections {
		out = append(out, scoring.Scored{Questionnaire: s.Questionnaire, Result: s.Result})
	}
	return out
}

// dimension finds a dimension of one of the report's questionnaires.
func reportDimension(r *dossier.Report, qid, id string) (*questionnaires.Questionnaire, *questionnaires.Dimension) {
	for _, s := range r.Sections {
		if s.Questionnaire != nil && s.Questionnaire.ID == qid {
			return s.Questionnaire, s.Questionnaire.Dimension(id)
		}
	}
	return nil, nil
}

// respondents is the campaign's number of respondents; a report built
// without it (offline, from one responses file) takes the largest count a
// questionnaire publishes, which is the count itself for one questionnaire.
func reportRespondents(r *dossier.Report) *int {
	if r.Respondents != nil {
		return r.Respondents
	}
	var best *int
	for _, s := range r.Sections {
		if g := overall(s.Result); published(g) && (best == nil || g.Respondents > *best) {
			n := g.Respondents
			best = &n
		}
	}
	return best
}
