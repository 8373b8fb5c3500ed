package web

import (
	"html/template"
	"strconv"
	"strings"
)

// svgWriter builds a chart's markup, escaping by construction: every
// attribute value and every text is escaped as it is written, so no
// caller can forget (issue 23). Element and attribute names are the
// code's own constants. Numbers are formatted by f0 and f1, the two
// precisions the charts use.
type svgWriter struct {
	b strings.Builder
}

// newSVG opens the root <svg> of a chart of width × height, labelled by
// the <title> and <desc> whose ids start with id.
func newSVG(id string, width, height float64) *svgWriter {
	w := &svgWriter{}
	w.b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img"`)
	w.attrs("viewBox", "0 0 "+f0(width)+" "+f0(height), "width", f0(width), "height", f0(height), "aria-labelledby", id+"-title "+id+"-desc")
	w.b.WriteString(">")
	return w
}

// attrs writes name="value" pairs, values escaped.
func (w *svgWriter) attrs(pairs ...string) {
	for i := 0; i+1 < len(pairs); i += 2 {
		w.b.WriteString(" " + pairs[i] + `="` + template.HTMLEscapeString(pairs[i+1]) + `"`)
	}
}

// open writes <name attrs…>.
func (w *svgWriter) open(name string, attrs ...string) {
	w.b.WriteString("<" + name)
	w.attrs(attrs...)
	w.b.WriteString(">")
}

// end writes </name>.
func (w *svgWriter) end(name string) { w.b.WriteString("</" + name + ">") }

// leaf writes an empty element, <name attrs…/>.
func (w *svgWriter) leaf(name string, attrs ...string) {
	w.b.WriteString("<" + name)
	w.attrs(attrs...)
	w.b.WriteString("/>")
}

// text writes <name attrs…>text</name>, text escaped.
func (w *svgWriter) text(name, text string, attrs ...string) {
	w.open(name, attrs...)
	w.b.WriteString(template.HTMLEscapeString(text))
	w.end(name)
}

// html closes the root and returns the chart for a template.
func (w *svgWriter) html() template.HTML {
	w.end("svg")
	return template.HTML(w.b.String()) // every value was escaped as written
}

// f0 and f1 write a coordinate with 0 or 1 decimal.
func f0(x float64) string { return strconv.FormatFloat(x, 'f', 0, 64) }
func f1(x float64) string { return strconv.FormatFloat(x, 'f', 1, 64) }
