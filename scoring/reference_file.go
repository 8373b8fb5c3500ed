package scoring

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/questionnaires"
)

// MaxReferenceRows bounds the rows of a reference file: a questionnaire has
// a few dozen measures, and a file far larger is a mistake.
const MaxReferenceRows = 2000

// maxReferenceErrors is how many problems a refused file lists.
const maxReferenceErrors = 20

// referenceColumns are the columns of a reference file, with the French
// names a consultant may use instead.
var referenceColumns = map[string]string{
	"questionnaire": "questionnaire", "version": "version",
	"measure": "measure", "mesure": "measure", "dimension": "measure", "indicateur": "measure", "indicator": "measure",
	"mean": "mean", "moyenne": "mean",
	"sd": "sd", "ecart_type": "sd", "écart_type": "sd", "ecart-type": "sd", "écart-type": "sd",
	"n": "n", "effectif": "n",
	"source": "source",
	"year":   "year", "annee": "year", "année": "year",
}

// requiredColumns must all be present; year may be left out.
var requiredColumns = []string{"questionnaire", "version", "measure", "mean", "sd", "n", "source"}

// referenceRow is one row of a reference file, its fields as written.
type referenceRow struct {
	line   int
	fields map[string]string
}

// ParseReference reads a file of reference values for questionnaire q: a
// CSV (separator ; or ,, decimal point or comma) or YAML file whose rows
// give questionnaire, version, measure (a dimension or indicator id), mean,
// sd, n, source and year. Every row must be for q's id and version. On
// failure it returns an EINVALID error listing the problems with their line
// numbers, in French.
func ParseReference(name string, data []byte, q *questionnaires.Questionnaire) (*Reference, error) {
	if !utf8.Valid(data) {
		return nil, vigie.Errorf(vigie.EINVALID, "%s : le fichier n'est pas en UTF-8 (enregistrez-le en « CSV UTF-8 »)", name)
	}
	var rows []referenceRow
	var err error
	switch strings.ToLower(filepath.Ext(name)) {
	case ".csv", ".txt":
		rows, err = csvReferenceRows(data)
	case ".yaml", ".yml":
		rows, err = yamlReferenceRows(data)
	default:
		return nil, vigie.Errorf(vigie.EINVALID, "%s : format inconnu ; attendu un fichier .csv ou .yaml", name)
	}
	if err != nil {
		return nil, vigie.Errorf(vigie.EINVALID, "%s : %s", name, err.Error())
	}
	if len(rows) == 0 {
		return nil, vigie.Errorf(vigie.EINVALID, "%s : aucune valeur de référence", name)
	}
	return buildReference(name, rows, q)
}

// csvReferenceRows reads a CSV file whose first line names the columns.
func csvReferenceRows(data []byte) ([]referenceRow, error) {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	header, _, _ := bytes.Cut(data, []byte("\n"))
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = ','
	if bytes.Count(header, []byte(";")) > bytes.Count(header, []byte(",")) {
		r.Comma = ';'
	}
	r.FieldsPerRecord = -1
	r.ReuseRecord = false
	var cols []string
	var rows []referenceRow
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, fmt.Errorf("ligne %d : CSV illisible (%v)", pe.Line, pe.Err)
			}
			return nil, fmt.Errorf("CSV illisible (%v)", err)
		}
		line, _ := r.FieldPos(0)
		if cols == nil {
			if cols, err = referenceHeader(rec); err != nil {
				return nil, fmt.Errorf("ligne %d : %v", line, err)
			}
			continue
		}
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		if len(rows) == MaxReferenceRows {
			return nil, fmt.Errorf("plus de %d lignes de valeurs", MaxReferenceRows)
		}
		row := referenceRow{line: line, fields: map[string]string{}}
		for i, v := range rec {
			if i < len(cols) && cols[i] != "" {
				row.fields[cols[i]] = strings.TrimSpace(v)
			}
		}
		rows = append(rows, row)
	}
	if cols == nil {
		return nil, errors.New("le fichier est vide")
	}
	return rows, nil
}

// referenceHeader maps each header cell to its column, "" for an unknown
// one, and says which required column is missing.
func referenceHeader(rec []string) ([]string, error) {
	cols := make([]string, len(rec))
	seen := map[string]bool{}
	for i, h := range rec {
		c := referenceColumns[strings.ToLower(strings.TrimSpace(h))]
		if c == "" {
			return nil, fmt.Errorf("colonne « %s » inconnue ; attendu %s, year", strings.TrimSpace(h), strings.Join(requiredColumns, ", "))
		}
		if seen[c] {
			return nil, fmt.Errorf("colonne « %s » en double", c)
		}
		seen[c], cols[i] = true, c
	}
	for _, c := range requiredColumns {
		if !seen[c] {
			return nil, fmt.Errorf("colonne « %s » manquante ; la première ligne nomme les colonnes %s, year", c, strings.Join(requiredColumns, ", "))
		}
	}
	return cols, nil
}

// yamlReferenceRows reads a YAML file: either a list of rows, or a mapping
// whose questionnaire, version, source and year apply to every row of its
// "values" list.
func yamlReferenceRows(data []byte) ([]referenceRow, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("YAML illisible (%v)", err)
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return nil, errors.New("le fichier est vide")
	}
	root := doc.Content[0]
	defaults := map[string]string{}
	list := root
	if root.Kind == yaml.MappingNode {
		list = nil
		for i := 0; i+1 < len(root.Content); i += 2 {
			k, v := root.Content[i], root.Content[i+1]
			switch c := referenceColumns[strings.ToLower(k.Value)]; {
			case k.Value == "values" || k.Value == "valeurs":
				list = v
			case c == "questionnaire" || c == "version" || c == "source" || c == "year":
				if v.Kind != yaml.ScalarNode {
					return nil, fmt.Errorf("ligne %d : « %s » doit être une valeur simple", v.Line, k.Value)
				}
				defaults[c] = v.Value
			default:
				return nil, fmt.Errorf("ligne %d : clé « %s » inconnue ; attendu questionnaire, version, source, year et values", k.Line, k.Value)
			}
		}
		if list == nil {
			return nil, fmt.Errorf("ligne %d : la liste « values » manque", root.Line)
		}
	}
	if list.Kind != yaml.SequenceNode {
		return nil, fmt.Errorf("ligne %d : attendu une liste de valeurs", list.Line)
	}
	if len(list.Content) > MaxReferenceRows {
		return nil, fmt.Errorf("plus de %d lignes de valeurs", MaxReferenceRows)
	}
	var rows []referenceRow
	for _, item := range list.Content {
		if item.Kind != yaml.MappingNode {
			return nil, fmt.Errorf("ligne %d : chaque valeur est un ensemble « measure: …, mean: …, sd: …, n: … »", item.Line)
		}
		row := referenceRow{line: item.Line, fields: map[string]string{}}
		for k, v := range defaults {
			row.fields[k] = v
		}
		for i := 0; i+1 < len(item.Content); i += 2 {
			k, v := item.Content[i], item.Content[i+1]
			c := referenceColumns[strings.ToLower(k.Value)]
			switch {
			case c == "":
				return nil, fmt.Errorf("ligne %d : clé « %s » inconnue ; attendu %s, year", k.Line, k.Value, strings.Join(requiredColumns, ", "))
			case v.Kind != yaml.ScalarNode:
				return nil, fmt.Errorf("ligne %d : « %s » doit être une valeur simple", v.Line, k.Value)
			}
			row.fields[c] = strings.TrimSpace(v.Value)
		}
		rows = append(rows, row)
	}
	return rows, nil
}

// buildReference checks each row against q and gathers the values.
func buildReference(name string, rows []referenceRow, q *questionnaires.Questionnaire) (*Reference, error) {
	ref := &Reference{Questionnaire: q.ID, Version: q.Version,
		Dimensions: map[string]ReferenceValue{}, Indicators: map[string]ReferenceValue{}}
	indicators := map[string]bool{}
	for _, ind := range q.Indicators {
		indicators[ind.ID] = true
	}
	var problems []string
	var sources []string
	seen := map[string]int{}
	for _, row := range rows {
		bad := func(format string, args ...any) {
			problems = append(problems, fmt.Sprintf("ligne %d : ", row.line)+fmt.Sprintf(format, args...))
		}
		f := row.fields
		for _, c := range requiredColumns {
			if f[c] == "" {
				bad("« %s » est vide", c)
			}
		}
		if f["questionnaire"] != "" && f["questionnaire"] != q.ID {
			bad("questionnaire « %s » inconnu ici : ces valeurs sont pour le questionnaire « %s »", f["questionnaire"], q.ID)
			continue
		}
		if v := f["version"]; v != "" {
			if n, err := strconv.Atoi(v); err != nil {
				bad("version « %s » : attendu un nombre entier", v)
			} else if n != q.Version {
				bad("version %d du questionnaire « %s » : le questionnaire est en version %d, dont les scores ne se comparent pas forcément", n, q.ID, q.Version)
			}
		}
		id := f["measure"]
		dim := q.Dimension(id)
		if id != "" && dim == nil && !indicators[id] {
			bad("mesure « %s » inconnue dans le questionnaire « %s » (ni dimension ni indicateur)", id, q.ID)
		}
		if prev, ok := seen[id]; ok && id != "" {
			bad("mesure « %s » déjà donnée ligne %d", id, prev)
		}
		seen[id] = row.line
		var v ReferenceValue
		var err error
		if f["mean"] != "" {
			if v.Mean, err = refNumber(f["mean"]); err != nil {
				bad("moyenne « %s » : %v", f["mean"], err)
			} else if dim != nil && (v.Mean < 0 || v.Mean > 100) {
				bad("moyenne %s hors de l'échelle 0–100 des dimensions", f["mean"])
			} else if dim == nil && v.Mean < 0 {
				bad("moyenne %s négative", f["mean"])
			}
		}
		if f["sd"] != "" {
			if v.SD, err = refNumber(f["sd"]); err != nil {
				bad("écart-type « %s » : %v", f["sd"], err)
			} else if v.SD <= 0 {
				bad("écart-type %s : il doit être strictement positif", f["sd"])
			} else if dim != nil && v.SD > 100 {
				bad("écart-type %s : plus grand que l'échelle 0–100", f["sd"])
			}
		}
		if f["n"] != "" {
			if v.N, err = strconv.Atoi(f["n"]); err != nil {
				bad("effectif n « %s » : attendu un nombre entier", f["n"])
			} else if v.N < 2 {
				bad("effectif n = %d : il faut au moins 2 personnes pour un écart-type", v.N)
			}
		}
		if y := f["year"]; y != "" {
			if n, err := strconv.Atoi(y); err != nil || n < 1900 || n > 2200 {
				bad("année « %s » : attendu une année comme 2024", y)
			}
		}
		if s := referenceSource(f["source"], f["year"]); s != "" && !slices.Contains(sources, s) {
			sources = append(sources, s)
		}
		if dim != nil {
			ref.Dimensions[id] = v
		} else if indicators[id] {
			ref.Indicators[id] = v
		}
	}
	if len(problems) > 0 {
		if len(problems) > maxReferenceErrors {
			problems = append(problems[:maxReferenceErrors], fmt.Sprintf("… et %d autres erreurs", len(problems)-maxReferenceErrors))
		}
		return nil, vigie.Errorf(vigie.EINVALID, "%s : %s", name, strings.Join(problems, "\n"))
	}
	ref.Source = strings.Join(sources, " ; ")
	return ref, nil
}

// referenceSource names an imported source for a reader: "COPSOQ France
// (2024)".
func referenceSource(source, year string) string {
	switch {
	case source == "":
		return ""
	case year == "":
		return source
	}
	return fmt.Sprintf("%s (%s)", source, year)
}

// refNumber reads a decimal number written with a point or a comma.
func refNumber(s string) (float64, error) {
	v, err := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, errors.New("attendu un nombre comme 48,5")
	}
	return v, nil
}
