package reports

import "time"

// duerpSection writes the DUERP part of the PDF report, when the caller
// gave one (Report.DUERP): the convention first, then one block per
// (work unit, risk family) with its exposure, the dimensions that measure
// it (or what would), its signals to discuss, existing measures and
// actions. The DUERP is a French legal document: the part
// is written in French whatever the report's language.
func (d *pdfDoc) duerpSection() {
	du := d.r.DUERP
	if du == nil || len(du.Rows) == 0 {
		return
	}
	f := d.f
	d.heading(1, "Document unique (DUERP) : risques psychosociaux")
	date := du.Date
	if t, err := time.Parse(time.DateOnly, du.Date); err == nil {
		date = dateWords("fr", t)
	}
	d.para("La partie « risques psychosociaux » du document unique, au " + date + ". Comment la lire :")
	for _, l := range DUERPMethod(d.k) {
		d.bullet(l)
	}
	last := "\x00"
	for _, r := range du.Rows {
		if r.Unit != last {
			d.heading(2, r.UnitLabel)
			last = r.Unit
		}
		d.ensure(20)
		f.SetFont(fontFamily, "B", 9.5)
		f.MultiCell(contentW, 5, d.txt(r.FamilyLabel+" – exposition : "+string(r.Exposure)), "", "L", false)
		switch {
		case !r.Measured():
			d.bullet(RowDimensionsText(r, d.k))
		case len(r.Dimensions) > 0:
			d.bullet("Dimensions mesurant l'exposition : " + DimensionsText(r.Dimensions, d.k))
		}
		if len(r.Signals) > 0 {
			d.bullet("Signaux à discuter (hors exposition) : " + DimensionsText(r.Signals, d.k))
		}
		measures := r.Measures
		if measures == "" {
			measures = "(à compléter)"
		}
		d.bullet("Mesures existantes : " + measures)
		if len(r.Actions) > 0 {
			d.bullet("Actions : " + ActionsText(r.Actions))
		}
		f.Ln(1.5)
	}
	d.body()
}
