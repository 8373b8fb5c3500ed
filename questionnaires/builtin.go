package questionnaires

import (
	"embed"
	"io/fs"
	"slices"
	"strings"
	"sync"
)

// builtinFiles holds the instruments Vigie ships, one YAML file each.
//
//go:embed *.yaml
var builtinFiles embed.FS

// builtin parses the embedded files once. An invalid embedded file is a
// bug of the release, caught by TestBuiltinValid, hence the panic.
var builtin = sync.OnceValue(func() []*Questionnaire {
	names, err := fs.Glob(builtinFiles, "*.yaml")
	if err != nil {
		panic("questionnaires: embedded files: " + err.Error())
	}
	var qs []*Questionnaire
	for _, name := range names {
		data, err := builtinFiles.ReadFile(name)
		if err != nil {
			panic("questionnaires: embedded file " + name + ": " + err.Error())
		}
		q, err := Parse(name, data)
		if err != nil {
			panic("questionnaires: invalid embedded file:\n" + err.Error())
		}
		qs = append(qs, q)
	}
	slices.SortFunc(qs, func(a, b *Questionnaire) int { return strings.Compare(a.ID, b.ID) })
	return qs
})

// Builtin returns the instruments embedded in the binary, sorted by id. The
// questionnaires are shared: callers must not modify them.
func Builtin() []*Questionnaire { return slices.Clone(builtin()) }

// BuiltinByID returns the embedded instrument with the given id.
func BuiltinByID(id string) (*Questionnaire, bool) {
	for _, q := range builtin() {
		if q.ID == id {
			return q, true
		}
	}
	return nil, false
}
