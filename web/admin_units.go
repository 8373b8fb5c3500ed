package web

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/sheet"
)

// A units list is written or imported one unit per line: the path, with
// "/" between levels, then the headcount (optional):
//
//	Direction A/Service 1;12
//
// A CSV or XLSX file may instead give one level per column, the headcount
// in the last column. A first line whose headcount is not a number is a
// header and is skipped. Every mistake is reported with its line, so the
// consultant fixes the file in one go.

// unitsProblem is a mistake at a line of a units list.
type unitsProblem struct {
	Line    int
	Message string
}

func (p unitsProblem) String() string {
	if p.Line == 0 { // about the whole file
		return p.Message
	}
	return fmt.Sprintf("Ligne %d : %s", p.Line, p.Message)
}

// maxUnitsFile bounds an imported units file.
const maxUnitsFile = 5 << 20

// parseUnitsText reads the textarea of the campaign form.
func parseUnitsText(text string) ([]vigie.UnitSpec, []unitsProblem) {
	var rows [][]string
	var lines []int
	for i, line := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		sep := ";"
		if !strings.Contains(line, ";") && strings.Contains(line, "\t") {
			sep = "\t"
		}
		rows = append(rows, strings.Split(line, sep))
		lines = append(lines, i+1)
	}
	return unitsFromRows(rows, lines, false)
}

// maxUnitColumns is how many columns of a units file are read: up to 19
// levels and the headcount. A cell further right is reported, not
// silently dropped (it could be the headcount of a deeper path).
const maxUnitColumns = 20

// parseUnitsFile reads an uploaded CSV or XLSX file (told apart by its
// content, not its name), row by row, at most vigie.MaxUnits rows and a
// header (sheet.go).
func parseUnitsFile(name string, data []byte) ([]vigie.UnitSpec, []unitsProblem) {
	lim := sheet.Limits{Rows: vigie.MaxUnits + 1, Columns: maxUnitColumns}
	rowsLimit := fmt.Sprintf("au plus %s unités, et une ligne d'en-tête", vigie.Grouped(vigie.MaxUnits))
	r, err := sheet.Open(data, lim)
	if err != nil {
		return nil, []unitsProblem{sheetProblem(err, lim, rowsLimit)}
	}
	defer r.Close()
	var rows [][]string
	var lines []int
	var problems []unitsProblem
	for {
		row, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return nil, append(problems, sheetProblem(err, lim, rowsLimit))
		}
		if row.Wider {
			problems = append(problems, unitsProblem{row.Line, fmt.Sprintf("une valeur dépasse la colonne %d : au plus %d niveaux, puis l'effectif.", maxUnitColumns, maxUnitColumns-1)})
			continue
		}
		rows = append(rows, row.Cells)
		lines = append(lines, row.Line)
	}
	units, more := unitsFromRows(rows, lines, true)
	return units, append(problems, more...)
}

// sheetProblem turns an error met reading a units file into a problem:
// at its line when it has one, about the whole file otherwise.
func sheetProblem(err error, lim sheet.Limits, rowsLimit string) unitsProblem {
	var se *sheet.Error
	if errors.As(err, &se) {
		return unitsProblem{se.Line, se.Msg + "."}
	}
	return unitsProblem{0, vigie.ErrorMessage(sheetError(err, lim, rowsLimit))}
}

func isBlankRow(rec []string) bool {
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

// unitsFromRows turns rows of cells into units. A row is either
// "path;headcount" or "level 1;level 2;...;headcount"; with columns, empty
// trailing levels are skipped. header allows a first row of titles.
func unitsFromRows(rows [][]string, lines []int, header bool) ([]vigie.UnitSpec, []unitsProblem) {
	var units []vigie.UnitSpec
	var problems []unitsProblem
	seen := map[string]int{}
	for i, rec := range rows {
		line := lines[i]
		cells := make([]string, len(rec))
		for j, f := range rec {
			cells[j] = strings.TrimSpace(f)
		}
		for len(cells) > 0 && cells[len(cells)-1] == "" {
			cells = cells[:len(cells)-1]
		}
		if len(cells) == 0 {
			continue // only separators: nothing to read
		}
		var names []string
		headcount := 0
		last := cells[len(cells)-1]
		if len(cells) == 1 {
			names = strings.Split(cells[0], "/")
		} else {
			n, err := strconv.Atoi(strings.NewReplacer(" ", "", "\u00a0", "", "\u202f", "").Replace(last))
			if err != nil {
				if header && i == 0 {
					continue // a header line: "Unité;Effectif"
				}
				problems = append(problems, unitsProblem{line, fmt.Sprintf("l'effectif « %s » n'est pas un nombre entier.", last)})
				continue
			}
			if n < 0 {
				problems = append(problems, unitsProblem{line, fmt.Sprintf("l'effectif %d est négatif.", n)})
				continue
			}
			headcount = n
			levels := cells[:len(cells)-1]
			if len(levels) == 1 {
				names = strings.Split(levels[0], "/")
			} else if msg := columnLevels(levels, &names); msg != "" {
				problems = append(problems, unitsProblem{line, msg})
				continue
			}
		}
		path, msg := cleanUnitPath(names)
		if msg != "" {
			problems = append(problems, unitsProblem{line, msg})
			continue
		}
		key := strings.Join(path, "/")
		if first, dup := seen[key]; dup {
			problems = append(problems, unitsProblem{line, fmt.Sprintf("l'unité « %s » figure déjà ligne %d.", strings.Join(path, " / "), first)})
			continue
		}
		seen[key] = line
		units = append(units, vigie.UnitSpec{Path: path, Headcount: headcount})
	}
	if len(units) > vigie.MaxUnits {
		problems = append(problems, unitsProblem{lines[len(lines)-1], fmt.Sprintf("%d unités : au plus %d.", len(units), vigie.MaxUnits)})
	}
	return units, problems
}

// columnLevels reads the level cells of a one-level-per-column row into
// names. Empty cells after the last name are a shorter path; an empty cell
// before a name is refused: read as "same parent as above" (merged cells
// in a spreadsheet) or as nothing, it would silently put the unit at
// another place in the tree. A "/" inside a cell is refused too: paths are
// stored with "/" between levels, so "Nîmes/Gard" would become two levels.
func columnLevels(levels []string, names *[]string) string {
	last := len(levels) - 1
	for last >= 0 && levels[last] == "" {
		last--
	}
	for j, l := range levels[:last+1] {
		switch {
		case l == "":
			return fmt.Sprintf("la colonne %d (niveau %d) est vide alors que la colonne %d donne un nom : écrivez le nom de l'unité parente sur chaque ligne, même s'il se répète.", j+1, j+1, last+1)
		case strings.Contains(l, "/"):
			return fmt.Sprintf("le nom « %s » (colonne %d) contient « / », qui sépare les niveaux : remplacez-le (par exemple par « - »), ou donnez un niveau par colonne.", l, j+1)
		}
		*names = append(*names, l)
	}
	return ""
}

// cleanUnitPath trims the names of a path and checks them.
func cleanUnitPath(names []string) ([]string, string) {
	var path []string
	for _, n := range names {
		n = strings.TrimSpace(n)
		if n == "" {
			return nil, "un niveau du chemin est vide (deux « / » de suite, ou un « / » au début ou à la fin)."
		}
		if err := vigie.CheckName("le nom « "+vigie.Reveal(n)+" »", n); err != nil {
			return nil, vigie.ErrorMessage(err)
		}
		if utf8.RuneCountInString(n) > 100 {
			return nil, fmt.Sprintf("le nom « %.30s… » dépasse 100 caractères.", n)
		}
		if n == "(non renseigné)" {
			return nil, "« (non renseigné) » est réservé aux personnes qui n'indiquent pas leur unité."
		}
		path = append(path, n)
	}
	if len(path) == 0 {
		return nil, "le nom de l'unité est vide."
	}
	return path, ""
}

// formatUnits writes units back as the textarea shows them.
func formatUnits(units []vigie.UnitSpec) string {
	var b strings.Builder
	for _, u := range units {
		b.WriteString(strings.Join(u.Path, "/"))
		if u.Headcount > 0 {
			fmt.Fprintf(&b, ";%d", u.Headcount)
		}
		b.WriteByte('\n')
	}
	return b.String()
}
