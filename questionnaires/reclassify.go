package questionnaires

import (
	"io/fs"
	"sync"
)

// A campaign freezes the questionnaires it opens with, and its results,
// priorities and DUERP are read from that copy for as long as it lives.
// What a dimension's risk_family, signal_for and reading say is Vigie's
// reading of the dimension, not something employees answered: when a
// shipped version corrects it (version 2 stopped counting defensive
// strategies as exposures, issue 20), a campaign frozen with an earlier
// version of the same instrument is read with the correction, so that its
// DUERP does not keep a mapping Vigie no longer defends. Items, scales and
// cut-offs, which decide the figures, are never touched.

// classification is how a shipped instrument files its dimensions.
type classification struct {
	version int
	dims    map[string]dimensionClass
}

// dimensionClass is a dimension's family, signal and reading.
type dimensionClass struct {
	family, signalFor RiskFamily
	reading           Reading
}

// shippedClassification reads the embedded files once, without
// reclassifying them (they are the reference).
var shippedClassification = sync.OnceValue(func() map[string]classification {
	out := map[string]classification{}
	names, err := fs.Glob(builtinFiles, "*.yaml")
	if err != nil {
		panic("questionnaires: embedded files: " + err.Error())
	}
	for _, name := range names {
		data, err := builtinFiles.ReadFile(name)
		if err != nil {
			panic("questionnaires: embedded file " + name + ": " + err.Error())
		}
		q, err := parse(name, data)
		if err != nil {
			panic("questionnaires: invalid embedded file:\n" + err.Error())
		}
		c := classification{version: q.Version, dims: map[string]dimensionClass{}}
		for _, d := range q.Dimensions {
			c.dims[d.ID] = dimensionClass{d.RiskFamily, d.SignalFor, d.Reading}
		}
		out[q.ID] = c
	}
	return out
})

// reclassify gives an earlier version of a built-in instrument the
// classification of the shipped version, dimension by dimension (a
// dimension the shipped version no longer has keeps its own).
func reclassify(q *Questionnaire) {
	c, ok := shippedClassification()[q.ID]
	if !ok || q.Version >= c.version {
		return
	}
	for _, d := range q.Dimensions {
		if dc, ok := c.dims[d.ID]; ok {
			d.RiskFamily, d.SignalFor, d.Reading = dc.family, dc.signalFor, dc.reading
		}
	}
}
