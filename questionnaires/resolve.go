package questionnaires

import (
	"errors"
	"io/fs"
	"os"
	"strings"

	"github.com/vigie-sante/vigie"
)

// Resolve returns the built-in questionnaire named idOrPath or, failing
// that, loads the file at that path: the command line and campaign files
// accept either.
func Resolve(idOrPath string) (*Questionnaire, error) {
	if q, ok := BuiltinByID(idOrPath); ok {
		return q, nil
	}
	if _, err := os.Stat(idOrPath); errors.Is(err, fs.ErrNotExist) {
		ids := make([]string, 0, len(builtin()))
		for _, q := range builtin() {
			ids = append(ids, q.ID)
		}
		return nil, vigie.Errorf(vigie.EINVALID,
			"questionnaire « %s » introuvable : ce n'est ni un questionnaire intégré (%s) ni un fichier existant",
			idOrPath, strings.Join(ids, ", "))
	}
	return Load(idOrPath)
}
