package locale_test

import (
	"iter"
	"maps"
	"strconv"
)

func itoa(i int) string { return strconv.Itoa(i) }

func mapsKeys[V any](m map[string]V) iter.Seq[string] { return maps.Keys(m) }
