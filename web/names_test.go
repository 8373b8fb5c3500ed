package web_test

import (
	"bytes"
	"fmt"
	"html"
	"net/http"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// namesRefused are characters a name must not hold, one of each family
// (bidirectional, zero width, control, C1 line break).
var namesRefused = []rune{0x202E, 0x2066, 0x200B, 0xFEFF, '\t', 0x85}

// TestNamesRefusedInForm posts the campaign form with an invisible or
// control character in each name field, typed or imported, and wants a
// 400 page naming the field (and the line), the input kept, no campaign.
func TestNamesRefusedInForm(t *testing.T) {
	as := MustNewAdminServer(t)
	b := as.signedIn(t, consultantEmail)
	xlsx := func(name string) string {
		x := excelize.NewFile()
		for i, r := range [][]any{{"Unité", "Effectif"}, {"Accueil", 3}, {name, 4}} {
			cell, _ := excelize.CoordinatesToCellName(1, i+1)
			x.SetSheetRow("Sheet1", cell, &r)
		}
		var buf bytes.Buffer
		if err := x.Write(&buf); err != nil {
			t.Fatal(err)
		}
		return buf.String()
	}
	for _, r := range namesRefused {
		bad := "x" + string(r) + "y"
		shown := fmt.Sprintf("x[U+%04X]y", r)
		for _, tt := range []struct {
			name  string
			field string // form field, with %s for the bad name
			value string
			file  string // units file content, with %s
			want  string
		}{
			{name: "Title", field: "title", value: "Baromètre %s", want: "Le titre contient"},
			{name: "Organisation", field: "organisation", value: "Mairie %s", want: "L'organisation contient"},
			{name: "UnitTyped", field: "units", value: "Accueil;6\nServices techniques/%s;3\n",
				want: "Unités, ligne 2 : le nom « " + shown + " » contient"},
			{name: "SegmentLabel", field: "segments", value: "metier;Métier %s;Agent;Encadrant\n",
				want: "Segments, ligne 1 : le libellé « Métier " + shown + " » contient"},
			{name: "SegmentCategory", field: "segments", value: "age;Âge;Moins de 30 ans;30 ans et plus\nmetier;Métier;Agent;%s\n",
				want: "Segments, ligne 2 : la catégorie « " + shown + " » contient"},
			{name: "UnitCSV", file: "Unité;Effectif\nAccueil;3\n\"Direction A/%s\";4\n",
				want: "Fichier des unités, ligne 3 : le nom « " + shown + " » contient"},
			{name: "UnitXLSX", file: "xlsx",
				want: "Fichier des unités, ligne 3 : le nom « " + shown + " » contient"},
		} {
			t.Run(fmt.Sprintf("%s/U+%04X", tt.name, r), func(t *testing.T) {
				if r == '\t' && (tt.field == "units" || tt.field == "segments") {
					t.Skip("a tab separates cells there: it never reaches a name")
				}
				f := campaignFields()
				var files map[string][2]string
				switch {
				case tt.file == "xlsx":
					f.Set("units", "")
					files = map[string][2]string{"units_file": {"unites.xlsx", xlsx("Direction A/" + bad)}}
				case tt.file != "":
					f.Set("units", "")
					files = map[string][2]string{"units_file": {"unites.csv", fmt.Sprintf(tt.file, bad)}}
				default:
					f.Set(tt.field, fmt.Sprintf(tt.value, bad))
				}
				body, ctype := multipartBody(t, f, files)
				p := b.do(http.MethodPost, "/admin/campaigns", body, ctype)
				wantStatus(t, p, http.StatusBadRequest)
				want := tt.want + fmt.Sprintf(" un caractère invisible ou de contrôle (U+%04X", r)
				if got := html.UnescapeString(p.Body); !strings.Contains(got, want) {
					t.Fatalf("page lacks %q:\n%s", want, errorsOf(got))
				}
				if tt.field != "" && !strings.Contains(html.UnescapeString(p.Body), fmt.Sprintf(tt.value, bad)) {
					t.Errorf("the form does not keep what was typed in %s", tt.field)
				}
			})
		}
	}
	if list, err := as.Store.Campaigns(t.Context()); err != nil || len(list) != 1 {
		t.Fatalf("campaigns = %d, %v; want only the test server's", len(list), err)
	}
}

// errorsOf keeps the alert part of a page, for failure messages.
func errorsOf(body string) string {
	if i := strings.Index(body, `role="alert"`); i >= 0 {
		return body[i:min(len(body), i+1500)]
	}
	return body
}

// TestNamesRefusedInAPI sends campaign bodies with an escaped invisible or
// control character in each name and wants 400 with a JSON error naming
// the field and its line.
func TestNamesRefusedInAPI(t *testing.T) {
	as := MustNewAdminServer(t)
	_, token := as.token(t, as.Consultant)
	const body = `{"title": "Baromètre %s", "organisation": "Centre %s", "questionnaires": ["charge-et-soutien"],
"units": [{"path": "Pôle A/Urgences %s", "headcount": 12}],
"segments": [{"id": "metier", "label": {"fr": "Métier %s", "en": "Job %s"},
  "categories": ["Soignant %s", "Administratif"]}]}`
	fields := []struct{ name, want string }{
		{"Title", "corps:1: title : le titre contient"},
		{"Organisation", "corps:1: organisation : l'organisation contient"},
		{"Unit", "corps:2: unités : le nom « Urgences x[U+%04X]y » contient"},
		{"LabelFR", "corps:3: segments : « metier » : le libellé (label.fr) contient"},
		{"LabelEN", "corps:3: segments : « metier » : le libellé (label.en) contient"},
		{"Category", "corps:4: segments : « metier » : la catégorie « Soignant x[U+%04X]y » contient"},
	}
	for _, r := range append(namesRefused, '\n', '\r', 0x1B) {
		for i, f := range fields {
			t.Run(fmt.Sprintf("%s/U+%04X", f.name, r), func(t *testing.T) {
				args := []any{"", "", "", "", "", ""}
				args[i] = fmt.Sprintf(`x\u%04Xy`, r)
				p := as.api(t, token, http.MethodPost, "/api/v1/campaigns", fmt.Sprintf(body, args...))
				wantStatus(t, p, http.StatusBadRequest)
				var got struct{ Error string }
				decode(t, p, &got)
				want := f.want
				if strings.Contains(want, "%") {
					want = fmt.Sprintf(want, r)
				}
				want += fmt.Sprintf(" un caractère invisible ou de contrôle (U+%04X", r)
				if !strings.Contains(got.Error, want) {
					t.Fatalf("error %q, want %q", got.Error, want)
				}
			})
		}
	}
}
