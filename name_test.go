package vigie_test

import (
	"fmt"
	"strings"
	"testing"
	"unicode"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/campaignfile"
)

// unsafeInNames are the characters issue 9 names, one of each family.
var unsafeInNames = []rune{
	'\r', '\n', '\t', 0x00, 0x1B, 0x7F, 0x85, 0x9F, // C0, DEL, C1
	0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200E, 0x200F, 0x061C, // bidi
	0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, // zero width
	0x2028, 0x2029, 0x00AD, // separators, soft hyphen
}

func TestCheckName(t *testing.T) {
	for _, ok := range []string{"Direction A", "Service d'aide à domicile", "Pôle enfance – Nord", "Ärztlicher Dienst", "خدمة", "服务", "Équipe 😀", "A\u00a0B"} {
		if err := vigie.CheckName("Le nom", ok); err != nil {
			t.Errorf("CheckName(%q) = %v, want nil", ok, err)
		}
	}
	for _, r := range unsafeInNames {
		name := "Ser" + string(r) + "vice"
		err := vigie.CheckName("Le nom du service ligne 3", name)
		want := fmt.Sprintf("Le nom du service ligne 3 contient un caractère invisible ou de contrôle (U+%04X", r)
		if vigie.ErrorCode(err) != vigie.EINVALID || !strings.HasPrefix(vigie.ErrorMessage(err), want) ||
			!strings.HasSuffix(vigie.ErrorMessage(err), ") : retirez-le.") {
			t.Errorf("CheckName(%q) = %v, want EINVALID starting %q", name, err, want)
		}
		if got, want := vigie.Reveal(name), fmt.Sprintf("Ser[U+%04X]vice", r); got != want {
			t.Errorf("Reveal(%q) = %q, want %q", name, got, want)
		}
	}
	if err := vigie.CheckName("Le titre", "Tit\xffre"); !strings.Contains(vigie.ErrorMessage(err), "U+FFFD") {
		t.Errorf("CheckName of a non-UTF-8 byte = %v, want it refused", err)
	}
	if err := vigie.CheckName("Le titre", "\u202e"); !strings.Contains(vigie.ErrorMessage(err), "sens d'écriture") {
		t.Errorf("message %q should name the kind of character", vigie.ErrorMessage(err))
	}
}

// FuzzCheckName checks the checker against its definition: a name is
// refused exactly when it holds a control, format or separator character
// or is not UTF-8, and Reveal leaves nothing unsafe to quote.
func FuzzCheckName(f *testing.F) {
	for _, s := range []string{"Direction A", "A\u202eB", "\t", "\xff", "é\u200d", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		want := !strings.ContainsFunc(strings.ToValidUTF8(name, "\ufffd\u0000"), func(r rune) bool {
			return unicode.In(r, unicode.Cc, unicode.Cf, unicode.Zl, unicode.Zp)
		})
		if err := vigie.CheckName("Le nom", name); (err == nil) != want {
			t.Fatalf("CheckName(%q) = %v, want accepted %v", name, err, want)
		}
		if r, bad := vigie.UnsafeRune(vigie.Reveal(name)); bad {
			t.Fatalf("Reveal(%q) still holds %U", name, r)
		}
	})
}

// TestCampaignSpecNames checks every name of a campaign description:
// title, organisation, unit, segment label (both languages) and category,
// in a YAML file and in a JSON body (the API's), with the message naming
// the field and its line. Characters are written as escapes ("\u202e"),
// which both YAML and JSON decode.
func TestCampaignSpecNames(t *testing.T) {
	const yamlBase = `title: "Baromètre %s"
organisation: "Org %s"
questionnaires: [reconnaissance]
units:
  - path: "Direction A/Service %s"
segments:
  - id: metier
    label: {fr: "Métier %s", en: "Job %s"}
    categories: ["Cadre %s", "Employé"]
`
	const jsonBase = `{"title": "Baromètre %s", "organisation": "Org %s", "questionnaires": ["reconnaissance"],
"units": [{"path": ["Direction A", "Service %s"]}],
"segments": [{"id": "metier",
  "label": {"fr": "Métier %s", "en": "Job %s"},
  "categories": ["Cadre %s", "Employé"]}]}`
	for _, format := range []struct {
		name, file, base string
		lines            []int // line of each field
	}{
		{"YAML", "c.yaml", yamlBase, []int{1, 2, 5, 8, 8, 9}},
		{"JSON", "corps", jsonBase, []int{1, 1, 2, 4, 4, 5}},
	} {
		for i, field := range []struct{ name, want string }{
			{"Title", "title : le titre contient"},
			{"Organisation", "organisation : l'organisation contient"},
			{"Unit", "unités : le nom « Service x[U+%04X]y » contient"},
			{"LabelFR", "segments : « metier » : le libellé (label.fr) contient"},
			{"LabelEN", "segments : « metier » : le libellé (label.en) contient"},
			{"Category", "segments : « metier » : la catégorie « Cadre x[U+%04X]y » contient"},
		} {
			for _, r := range unsafeInNames {
				t.Run(fmt.Sprintf("%s/%s/U+%04X", format.name, field.name, r), func(t *testing.T) {
					args := []any{"", "", "", "", "", ""}
					args[i] = fmt.Sprintf(`x\u%04X`+"y", r)
					_, err := campaignfile.Parse(format.file, []byte(fmt.Sprintf(format.base, args...)))
					want := fmt.Sprintf("%s:%d: ", format.file, format.lines[i])
					if strings.Contains(field.want, "%") {
						want += fmt.Sprintf(field.want, r)
					} else {
						want += field.want
					}
					want += fmt.Sprintf(" un caractère invisible ou de contrôle (U+%04X", r)
					if msg := vigie.ErrorMessage(err); vigie.ErrorCode(err) != vigie.EINVALID || !strings.Contains(msg, want) {
						t.Fatalf("message %q, want %q", msg, want)
					}
				})
			}
		}
	}
	// A description built in code (the web form) goes through Validate.
	s := &vigie.CampaignSpec{Title: "T\u200b", Organisation: "O", Questionnaires: []string{"reconnaissance"}}
	s.SetDefaults()
	if msg := vigie.ErrorMessage(s.Validate()); !strings.Contains(msg, "title : le titre contient un caractère invisible ou de contrôle (U+200B") {
		t.Fatalf("Validate message %q", msg)
	}
}
