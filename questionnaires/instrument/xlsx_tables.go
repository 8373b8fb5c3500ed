package instrument

import (
	"slices"
	"strconv"
	"strings"

	"github.com/vigie-sante/vigie/questionnaires"
)

// The tables of the template: scales, dimensions, items, indicators.

// scales reads the Échelles sheet: one row per value of a scale. It
// returns the scale ids.
func (x *xlsxReader) scales(d *draft) map[string]bool {
	type value struct {
		v      int
		fr, en string
		c      cells
	}
	byID := map[string][]value{}
	var order []string
	for _, c := range x.rows(sheetScales, scaleColumns, false) {
		id := c.get(colScaleID)
		v, err := strconv.Atoi(c.get(colScaleValue))
		if err != nil {
			x.ps.add(c.at(colScaleValue), "valeur entière attendue, pas « %s »", c.get(colScaleValue))
			continue
		}
		if _, ok := byID[id]; !ok {
			order = append(order, id)
		}
		byID[id] = append(byID[id], value{v, c.get(colScaleFR), c.get(colScaleEN), c})
	}
	ids := map[string]bool{}
	for _, id := range order {
		vs := byID[id]
		slices.SortStableFunc(vs, func(a, b value) int { return a.v - b.v })
		first := vs[0].c
		s := &scaleDraft{ID: first.field(colScaleID)}
		s.Min = field{strconv.Itoa(vs[0].v), first.at(colScaleValue)}
		s.Max = field{strconv.Itoa(vs[len(vs)-1].v), vs[len(vs)-1].c.at(colScaleValue)}
		fr := list{Lang: "fr", At: first.at(colScaleFR)}
		en := list{Lang: "en", At: first.at(colScaleEN)}
		withEN := 0
		for i, v := range vs {
			if i > 0 && v.v == vs[i-1].v {
				x.ps.add(v.c.at(colScaleValue), "échelle %s : la valeur %d apparaît deux fois", id, v.v)
			} else if i > 0 && v.v != vs[i-1].v+1 {
				x.ps.add(v.c.at(colScaleValue), "échelle %s : il manque la valeur %d (les valeurs se suivent sans trou)", id, vs[i-1].v+1)
			}
			fr.V = append(fr.V, v.fr)
			en.V = append(en.V, v.en)
			if v.en != "" {
				withEN++
			}
		}
		if withEN > 0 && withEN < len(vs) {
			for _, v := range vs {
				if v.en == "" {
					x.ps.add(v.c.at(colScaleEN), "échelle %s : libellé anglais manquant (donnez-les tous ou aucun)", id)
				}
			}
		}
		s.Labels = []list{fr}
		if withEN > 0 {
			s.Labels = append(s.Labels, en)
		}
		if d.Language.V == "en" {
			slices.Reverse(s.Labels)
		}
		d.Scales = append(d.Scales, s)
		ids[id] = true
	}
	return ids
}

// dimensions reads the Dimensions sheet, one row per dimension.
func (x *xlsxReader) dimensions(d *draft) map[string]*dimensionDraft {
	byID := map[string]*dimensionDraft{}
	for _, c := range x.rows(sheetDimensions, dimensionColumns, false) {
		dim := &dimensionDraft{ID: c.field(colDimID)}
		dim.Title, dim.Description = c.text(colDimTitleFR, d.Language.V), c.text(colDimDescFR, d.Language.V)
		dim.Direction = word(&x.ps, c, colDimDirection, directionWords, true)
		dim.Low, dim.High = number(c.field(colDimLow)), number(c.field(colDimHigh))
		dim.MinAnswered = number(c.field(colDimMinAnswered))
		dim.RiskFamily, dim.SignalFor = c.field(colDimFamily), c.field(colDimSignalFor)
		dim.Read = word(&x.ps, c, colDimReading, readingWords, false)
		if dim.Read.V == string(questionnaires.ReadingLevels) {
			dim.Read.V = "" // the default, left out as the built-in files do
		}
		for i, lang := range templateLanguages {
			col := colDimDiscussionFR + i
			var qs []string
			for _, line := range strings.Split(c.get(col), "\n") {
				if line = strings.TrimSpace(line); line != "" {
					qs = append(qs, line)
				}
			}
			if len(qs) > 0 {
				dim.Discussion = append(dim.Discussion, list{Lang: lang, V: qs, At: c.at(col)})
			}
		}
		if dim.ID.V != "" && byID[dim.ID.V] != nil {
			x.ps.add(c.at(colDimID), "la dimension %s apparaît deux fois", dim.ID.V)
			continue
		}
		byID[dim.ID.V] = dim
		d.Dimensions = append(d.Dimensions, dim)
	}
	return byID
}

// word reads a cell holding one of the template's words (or the YAML
// keyword it stands for) and returns the keyword.
func word[K ~string](ps *problems, c cells, col int, words map[K]string, required bool) field {
	f := c.field(col)
	if f.V == "" && !required {
		return f
	}
	var possible []string
	for k, w := range words {
		if strings.EqualFold(f.V, w) || f.V == string(k) {
			return field{string(k), f.At}
		}
		possible = append(possible, "« "+w+" »")
	}
	slices.Sort(possible)
	if f.V == "" {
		ps.add(f.At, "valeur manquante (%s)", strings.Join(possible, " ou "))
	} else {
		ps.add(f.At, "« %s » n'est pas une valeur possible (%s)", f.V, strings.Join(possible, " ou "))
	}
	return field{}
}

// number accepts a decimal comma, as typed in a French spreadsheet.
func number(f field) field {
	f.V = strings.Replace(f.V, ",", ".", 1)
	return f
}

// items reads the Items sheet and puts each item in its dimension.
func (x *xlsxReader) items(d *draft, dims map[string]*dimensionDraft, scales map[string]bool) {
	for _, c := range x.rows(sheetItems, itemColumns, false) {
		dim := dims[c.get(colItemDim)]
		if dim == nil {
			x.ps.add(c.at(colItemDim), "dimension « %s » absente de la feuille %s", c.get(colItemDim), sheetDimensions)
			continue
		}
		if s := c.get(colItemScale); s != "" && !scales[s] {
			x.ps.add(c.at(colItemScale), "échelle « %s » absente de la feuille %s", s, sheetScales)
			continue
		}
		it := &itemDraft{ID: c.field(colItemID), Scale: c.field(colItemScale), ReverseAt: c.at(colItemReverse)}
		it.Text = c.text(colItemFR, d.Language.V)
		switch strings.ToLower(c.get(colItemReverse)) {
		case "oui", "o", "x", "1", "vrai", "true", "yes":
			it.Reverse = true
		case "non", "n", "", "0", "faux", "false", "no":
		default:
			x.ps.add(c.at(colItemReverse), "« oui » ou « non » attendu, pas « %s »", c.get(colItemReverse))
		}
		dim.Items = append(dim.Items, it)
	}
}

// indicators reads the optional Indicateurs sheet.
func (x *xlsxReader) indicators(d *draft) {
	for _, c := range x.rows(sheetIndicators, indicatorColumns, true) {
		ind := &indicatorDraft{ID: c.field(colIndID), Kind: c.field(colIndKind),
			Numerator: c.field(colIndNum), Denominator: c.field(colIndDen), Th: number(c.field(colIndThreshold))}
		if ind.Kind.V == "" {
			ind.Kind.V = string(questionnaires.KindRatio)
		}
		ind.Title = c.text(colIndTitleFR, d.Language.V)
		d.Indicators = append(d.Indicators, ind)
	}
}
