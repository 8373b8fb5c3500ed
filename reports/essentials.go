package reports

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/vigie-sante/vigie/dossier"
	"github.com/vigie-sante/vigie/questionnaires"
	"github.com/vigie-sante/vigie/scoring"
)

// LowParticipation is the participation rate under which "L'essentiel"
// cautions that the respondents may not speak for everyone.
const LowParticipation = 0.5

// Essentials is "L'essentiel" in words, what a committee reads first: the
// PDF's first page and the top of the results page say the same.
//
// A finding shared by the whole organisation is stated at its level first
// ("62 % dans l'ensemble"), the groups after; a finding of some groups
// names them with the organisation's figure beside. Groups are units
// (by their name, with the path only when two share it) or categories;
// "(non renseigné)" is never one (scoring.Priorities).
type Essentials struct {
	Participation string   // the participation in a sentence; "" when nothing can be said
	Caution       string   // under LowParticipation, why to read with care; else ""
	Intro         string   // introduces Findings, or says there is none
	Findings      []string // organisation-wide first, then the others, strongest first
	More          string   // the findings left out; "" when none
	Changes       []string // since the previous wave, in the whole population; nil without one
}

// Bounds of the findings "L'essentiel" words: enough to orient a
// committee, few enough to be read on one page.
const (
	essentialsMax    = 8
	essentialsGroups = 3 // groups named per finding
)

// NewEssentials words r's "L'essentiel" in r's language.
func NewEssentials(r *dossier.Report) *Essentials {
	lang := "fr"
	if r.Lang == "en" {
		lang = "en"
	}
	e := &Essentials{}
	k := r.MinGroupSize
	if k <= 0 {
		k = scoring.DefaultMinGroupSize
	}
	switch p := reportRespondents(r); {
	case p == nil && !r.Offline:
		e.Participation = fmt.Sprintf(tr(lang, "ess_participation_masked"), k)
	case p != nil:
		if total := totalHeadcount(r); total > 0 {
			rate := float64(*p) / float64(total)
			e.Participation = fmt.Sprintf(tr(lang, "ess_participation_rate"), fmtInt(lang, *p), fmtInt(lang, total), fmtPct(lang, rate))
			if rate < LowParticipation {
				e.Caution = fmt.Sprintf(tr(lang, "ess_participation_low"), fmtPct(lang, rate))
			}
		} else {
			e.Participation = fmt.Sprintf(tr(lang, "sum_respondents"), fmtInt(lang, *p))
		}
	}
	share := r.PriorityShare
	if share <= 0 {
		share = scoring.DefaultPriorityShare
	}
	w := &essentialsWords{r: r, lang: lang, names: unitNames(r)}
	fs := findings(r)
	if len(fs) == 0 {
		e.Intro = fmt.Sprintf(tr(lang, "ess_no_priority"), fmtPct(lang, share))
	} else {
		e.Intro = fmt.Sprintf(tr(lang, "ess_priorities_intro"), fmtPct(lang, share))
	}
	for i, f := range fs {
		if i == essentialsMax {
			n := len(fs) - i
			e.More = fmt.Sprintf(trn(lang, "ess_priority_more", n), n)
			break
		}
		e.Findings = append(e.Findings, w.finding(f))
	}
	e.Changes = w.changes()
	if lang == "fr" {
		// The web page shows these as they are: the no-break spaces
		// the PDF gets from its own pass.
		for _, s := range []*string{&e.Participation, &e.Caution, &e.Intro, &e.More} {
			*s = frenchTypography(*s)
		}
		for _, l := range [][]string{e.Findings, e.Changes} {
			for i := range l {
				l[i] = frenchTypography(l[i])
			}
		}
	}
	return e
}

// finding is one dimension that is a priority somewhere.
type finding struct {
	q      *questionnaires.Questionnaire
	dim    *questionnaires.Dimension
	all    *scoring.DimensionStats // the whole population's, nil when not published
	shared bool                    // a priority for the whole population
	groups []scoring.Priority      // the other groups where it is one, strongest first
	trend  *scoring.DimensionTrend // the whole population's since the previous wave; nil when none
}

// findings gathers r's priorities by dimension: those of the whole
// population first (strongest overall share first), then the others
// (strongest group first).
func findings(r *dossier.Report) []*finding {
	var out []*finding
	by := map[string]*finding{}
	for _, p := range scoring.Priorities(r.PriorityShare, reportScored(r)...) {
		key := p.Questionnaire + "/" + p.Dimension
		f := by[key]
		if f == nil {
			s := reportSection(r, p.Questionnaire)
			if s == nil || s.Questionnaire.Dimension(p.Dimension) == nil {
				continue
			}
			f = &finding{q: s.Questionnaire, dim: s.Questionnaire.Dimension(p.Dimension)}
			if g := overall(s.Result); published(g) {
				if st := g.Dimensions[p.Dimension]; st != nil && !st.Suppressed {
					f.all = st
				}
			}
			if s.Trends != nil {
				if gt := s.Trends.Groups["all"]; gt != nil {
					f.trend = gt.Dimensions[p.Dimension]
				}
			}
			by[key] = f
			out = append(out, f)
		}
		if p.Kind == scoring.KindAll {
			f.shared = true
			continue
		}
		f.groups = append(f.groups, p)
	}
	top := func(f *finding) float64 {
		if f.shared && f.all != nil {
			return f.all.Shares[scoring.Unfavourable]
		}
		if len(f.groups) > 0 {
			return f.groups[0].ShareUnfavourable
		}
		return 0
	}
	slices.SortStableFunc(out, func(a, b *finding) int {
		if a.shared != b.shared {
			if a.shared {
				return -1
			}
			return 1
		}
		return cmp.Compare(top(b), top(a))
	})
	return out
}

// reportSection finds the section of questionnaire qid.
func reportSection(r *dossier.Report, qid string) *dossier.Section {
	for i := range r.Sections {
		if s := &r.Sections[i]; s.Questionnaire != nil && s.Result != nil && s.Questionnaire.ID == qid {
			return s
		}
	}
	return nil
}

// essentialsWords words findings in one language.
type essentialsWords struct {
	r     *dossier.Report
	lang  string
	names map[string]string // unit path -> the name shown
}

// finding words one finding: the dimension and its family, the whole
// population's figure, the groups, the change since the previous wave.
func (w *essentialsWords) finding(f *finding) string {
	lang := w.lang
	title := quote(lang, f.dim.Title.In(lang, f.q.Language))
	family := f.q.Title.In(lang, f.q.Language)
	if f.dim.RiskFamily.Valid() {
		family = f.dim.RiskFamily.Label(lang)
	}
	kind := "unfav"
	if f.dim.Signal() {
		kind = "signal"
	}
	var b strings.Builder
	if f.shared && f.all != nil {
		fmt.Fprintf(&b, tr(lang, "ess_finding_all_"+kind), title, family, fmtPct(lang, f.all.Shares[scoring.Unfavourable]))
		if n := len(f.groups); n > 0 {
			fmt.Fprintf(&b, trn(lang, "ess_finding_also", n), n, w.groupList(f.groups))
		}
	} else {
		n := len(f.groups)
		fmt.Fprintf(&b, trn(lang, "ess_finding_groups_"+kind, n), title, family, n, w.groupList(f.groups))
		if f.all != nil {
			fmt.Fprintf(&b, tr(lang, "ess_finding_overall"), fmtPct(lang, f.all.Shares[scoring.Unfavourable]))
		}
	}
	if f.trend != nil && w.r.PreviousTitle != "" {
		b.WriteString(" " + w.change(f.dim, f.trend))
	}
	if f.dim.Signal() {
		b.WriteString(" " + tr(lang, "ess_signal_note"))
	}
	return b.String()
}

// groupList names up to essentialsGroups groups with their share, and
// says when there are more.
func (w *essentialsWords) groupList(ps []scoring.Priority) string {
	var names []string
	for _, p := range ps[:min(len(ps), essentialsGroups)] {
		names = append(names, fmt.Sprintf("%s (%s)", w.group(p), fmtPct(w.lang, p.ShareUnfavourable)))
	}
	list := strings.Join(names, ", ")
	if len(ps) > essentialsGroups {
		list += " " + tr(w.lang, "ess_and_more")
	}
	return list
}

// group names the group of a priority: a unit by its name, a category
// with its segment.
func (w *essentialsWords) group(p scoring.Priority) string {
	switch p.Kind {
	case scoring.KindAll:
		return tr(w.lang, "group_all_phrase")
	case scoring.KindSegment:
		return fmt.Sprintf(tr(w.lang, "group_segment"), w.r.SegmentLabel(p.Segment), notSpecifiedLabel(w.lang, p.Label))
	case scoring.KindUnit:
		if n, ok := w.names[strings.TrimPrefix(p.Group, "unit:")]; ok {
			return n
		}
	}
	return notSpecifiedLabel(w.lang, p.Label)
}

// change words a dimension's change in the whole population since the
// previous wave, with both means so that no sign needs reading.
func (w *essentialsWords) change(dim *questionnaires.Dimension, t *scoring.DimensionTrend) string {
	lang := w.lang
	cur := t.PreviousMean + t.Delta
	switch t.Change {
	case scoring.Worse, scoring.Better:
		return fmt.Sprintf(tr(lang, "ess_change_"+string(t.Change)), w.r.PreviousTitle,
			fmtDec(lang, t.PreviousMean, 1), fmtDec(lang, cur, 1))
	}
	return fmt.Sprintf(tr(lang, "ess_change_stable"), w.r.PreviousTitle)
}

// changes lists, for the whole population, the dimensions that clearly
// worsened or improved since the previous wave (their 95 % interval
// leaves out zero); nil without a previous wave.
func (w *essentialsWords) changes() []string {
	if w.r.PreviousTitle == "" {
		return nil
	}
	lang := w.lang
	var worse, better []string
	compared := false
	for _, s := range w.r.Sections {
		if s.Trends == nil || s.Questionnaire == nil {
			continue
		}
		gt := s.Trends.Groups["all"]
		if gt == nil {
			continue
		}
		for _, dim := range s.Questionnaire.Dimensions {
			t := gt.Dimensions[dim.ID]
			if t == nil {
				continue
			}
			compared = true
			item := fmt.Sprintf(tr(lang, "ess_changes_item"), quote(lang, dim.Title.In(lang, s.Questionnaire.Language)),
				fmtDec(lang, t.PreviousMean, 1), fmtDec(lang, t.PreviousMean+t.Delta, 1))
			switch t.Change {
			case scoring.Worse:
				worse = append(worse, item)
			case scoring.Better:
				better = append(better, item)
			}
		}
	}
	if !compared {
		return nil
	}
	sep := tr(lang, "list_sep")
	var out []string
	if len(worse) > 0 {
		out = append(out, fmt.Sprintf(tr(lang, "ess_changes_worse"), strings.Join(worse, sep)))
	}
	if len(better) > 0 {
		out = append(out, fmt.Sprintf(tr(lang, "ess_changes_better"), strings.Join(better, sep)))
	}
	if len(out) == 0 {
		return []string{fmt.Sprintf(tr(lang, "ess_changes_none"), w.r.PreviousTitle)}
	}
	return append([]string{fmt.Sprintf(tr(lang, "ess_changes_intro"), w.r.PreviousTitle)}, out...)
}

// unitNames names each published unit of r by its own name, or by its
// path where two units share a name ("Direction Nord / Accueil" and
// "Direction Sud / Accueil").
func unitNames(r *dossier.Report) map[string]string {
	var paths []string
	seen := map[string]bool{}
	for _, s := range r.Sections {
		if s.Result == nil {
			continue
		}
		for _, g := range s.Result.Groups {
			if g.Kind != scoring.KindUnit {
				continue
			}
			path := strings.TrimPrefix(g.ID, "unit:")
			if !seen[path] {
				seen[path] = true
				paths = append(paths, path)
			}
		}
	}
	return shortNames(paths)
}

// shortNames maps unit paths (names joined by "/") to their last name,
// or to the whole path joined by " / " where the last name is shared.
func shortNames(paths []string) map[string]string {
	count := map[string]int{}
	last := func(p string) string { return p[strings.LastIndex(p, "/")+1:] }
	for _, p := range paths {
		count[last(p)]++
	}
	out := make(map[string]string, len(paths))
	for _, p := range paths {
		if count[last(p)] > 1 {
			out[p] = strings.ReplaceAll(p, "/", " / ")
		} else {
			out[p] = last(p)
		}
	}
	return out
}

// totalHeadcount is the campaign's headcount when every top-level unit
// has one (its own or its children's), else 0: no rate is claimed on a
// partial headcount.
func totalHeadcount(r *dossier.Report) int {
	total := 0
	for _, p := range r.Participation {
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
