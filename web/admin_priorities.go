package web

import (
	"net/url"
	"strings"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/questionnaires"
	"github.com/vigie-sante/vigie/scoring"
	"github.com/vigie-sante/vigie/store"
)

// priorityRow is one priority as the results page lists it.
type priorityRow struct {
	Group      string
	Dimension  string
	Family     string
	N          int
	Mean       string
	Share      string
	Level      string // css class
	LevelLabel string
	ActionURL  string // the action form prefilled from the priority
}

// priorityRows lists the priorities of questionnaire q, in the order of
// scoring.Priorities (strongest first).
func priorityRows(camp *vigie.Campaign, q *questionnaires.Questionnaire, ps []scoring.Priority) []priorityRow {
	var out []priorityRow
	for _, p := range ps {
		d := q.Dimension(p.Dimension)
		if p.Questionnaire != q.ID || d == nil {
			continue
		}
		row := priorityRow{Group: priorityGroup(camp, p), Dimension: d.Title.In("fr", q.Language),
			N: p.N, Mean: decimal(p.Mean, 0), Share: percent(p.ShareUnfavourable),
			Level: levelClass(d, p.Level), LevelLabel: levelLabel(d, p.Level)}
		row.ActionURL = priorityActionURL(camp.ID, p, row.Group, row.Dimension)
		switch {
		case d.RiskFamily.Valid():
			row.Family = d.RiskFamily.Label("fr")
		case d.SignalFor.Valid():
			row.Family = "signal pour : " + d.SignalFor.Label("fr")
		}
		out = append(out, row)
	}
	return out
}

// priorityActionURL is the action form prefilled from a priority: its
// unit (everyone for the whole campaign or a segment, which is no work
// unit), its dimension, and a title that names both.
func priorityActionURL(campaignID string, p scoring.Priority, group, dimension string) string {
	v := url.Values{}
	unit, _ := strings.CutPrefix(p.Group, "unit:")
	if p.Kind != scoring.KindUnit {
		unit = ""
	}
	v.Set("unit", unit)
	v.Set("dimension", p.Questionnaire+"/"+p.Dimension)
	v.Set("title", "Agir sur « "+dimension+" » ("+group+")")
	return "/admin/campaigns/" + campaignID + "/actions?" + v.Encode() + "#h-new"
}

// priorityGroup names the group of a priority: "Ensemble", the unit's
// path, or "Segment : catégorie".
func priorityGroup(camp *vigie.Campaign, p scoring.Priority) string {
	switch p.Kind {
	case scoring.KindAll:
		return "Ensemble"
	case scoring.KindSegment:
		if seg := camp.Segment(p.Segment); seg != nil {
			return seg.Label["fr"] + " : " + p.Label
		}
	}
	return p.Label
}

// guideLink is one discussion guide offered on the results page.
type guideLink struct {
	Label string
	Unit  string // the unit path, "" for everyone; the template escapes it
}

// guideLinks lists the groups that get a discussion guide: everyone when
// published, then every published unit; never a group the rules hide.
func guideLinks(camp *vigie.Campaign, cr *store.CampaignResults) []guideLink {
	var out []guideLink
	if scoring.Published(scoring.UnitGroupID(""), cr.Scored...) {
		out = append(out, guideLink{Label: "Ensemble des répondants"})
	}
	for _, path := range cr.PublishedUnits() {
		out = append(out, guideLink{Label: path, Unit: path})
	}
	return out
}
