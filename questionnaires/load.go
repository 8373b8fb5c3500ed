package questionnaires

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"

	"github.com/vigie-sante/vigie"
	"gopkg.in/yaml.v3"
)

// DefaultMinAnswered is the share of a dimension's items a respondent must
// answer for the dimension to be scored when the file does not say.
const DefaultMinAnswered = 0.5

// Load reads and parses the questionnaire file at path; problems in the
// file come back as a *LoadError naming path.
func Load(path string) (*Questionnaire, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, vigie.Errorf(vigie.EINVALID, "fichier %s introuvable", path)
	} else if err != nil {
		return nil, fmt.Errorf("questionnaires: lecture de %s : %w", path, err)
	}
	return Parse(path, data)
}

// Parse reads a questionnaire file in the YAML format documented in
// docs/questionnaires.md. filename is only used in messages. It validates
// everything and returns a *LoadError listing every problem found, each with
// its line, or a questionnaire ready for scoring. An earlier version of a
// built-in instrument (the copy a campaign froze at its opening) is read
// with the shipped version's classification of its dimensions (reclassify).
func Parse(filename string, data []byte) (*Questionnaire, error) {
	q, err := parse(filename, data)
	if err != nil {
		return nil, err
	}
	reclassify(q)
	return q, nil
}

// parse is Parse without the reclassification: the built-in files are
// read with it to learn their own classification.
func parse(filename string, data []byte) (q *Questionnaire, err error) {
	d := newDecoder(filename)
	defer func() {
		// yaml.v3 has panicked on malformed input in the past; a file is
		// user input, so turn any such panic into a plain problem.
		if r := recover(); r != nil {
			q = nil
			d.errorf(nil, "fichier illisible (%v)", r)
			err = d.err()
		}
	}()
	root := d.Document(data)
	if root == nil {
		return nil, d.err()
	}
	q = d.questionnaire(root)
	if len(d.problems) > 0 {
		return nil, d.err()
	}
	q.Source = slices.Clone(data)
	q.index()
	return q, nil
}

// err returns the problems found as a *LoadError sorted by line.
func (d *decoder) err() error {
	slices.SortStableFunc(d.problems, func(a, b Problem) int { return a.Line - b.Line })
	return &LoadError{Problems: d.problems}
}

// questionnaire reads the top-level table.
func (d *decoder) questionnaire(root *yaml.Node) *Questionnaire {
	q := &Questionnaire{}
	const where = "questionnaire"
	root = d.Resolve(root)
	f := d.mapping(root, where, "id", "version", "language", "title", "intro", "comment", "scales", "dimensions", "indicators")
	if f == nil {
		return q
	}
	q.ID, _ = d.id(root, f, where, "de questionnaire")
	if v, n, ok := d.integer(root, f, where, "version", true); ok {
		if v <= 0 {
			d.errorf(n, "%s : « version » doit être un entier positif, pas %d", where, v)
		}
		q.Version = v
	}
	if lang, n := d.str(root, f, where, "language", true); n != nil {
		if langPattern.MatchString(lang) {
			q.Language = lang
			d.lang = lang
		} else {
			d.errorf(n, "%s : code de langue invalide « %s » (attendu : fr, en...)", where, lang)
		}
	}
	q.Title = d.text(root, f, where, "title", true)
	q.Intro = d.text(root, f, where, "intro", false)
	q.Comment = d.text(root, f, where, "comment", false)
	q.Scales = d.scales(root, f)
	q.Dimensions = d.dimensions(root, f, q.Scales)
	q.Indicators = d.indicators(f, q.Dimensions)
	return q
}
