package vigie_test

import (
	"math/rand/v2"
	"os"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/vigie-sante/vigie"
)

func TestCheckRedaction(t *testing.T) {
	const orig = "Mon chef Paul Durand ne dit jamais merci.\nEt pourtant je suis content du travail."
	for _, tt := range []struct {
		name, redacted string
		ok             bool
		msg            string // part of the message when refused
	}{
		{"NameCut", "Mon chef […] ne dit jamais merci.\nEt pourtant je suis content du travail.", true, ""},
		{"ThreeDots", "Mon chef [...] ne dit jamais merci. Et pourtant je suis content du travail.", true, ""},
		{"MarkerWithoutSpaces", "Mon chef[…]ne dit jamais merci.[…]", true, ""},
		{"CutInsideAWord", "Mon chef P[…] ne dit jamais merci.[…]", true, ""},
		{"LeadingAndTrailingCuts", "[…] ne dit jamais merci. […]", true, ""},
		{"OnlyTheMiddle", "[…]jamais merci[…]", true, ""},
		{"ReflowedSpaces", "  Mon   chef […]\r\n ne dit\tjamais merci. […]  ", true, ""},
		{"TwoMarkersTogether", "Mon chef […] […] ne dit jamais merci. […]", true, ""},
		{"SeveralCuts", "Mon chef […] ne dit […] merci. […] je suis content […].", true, ""},
		// Part of a word may be kept: the markers show the reader the cuts.
		{"PartOfAWordShowsItsCuts", "[…]con[…]", true, ""},

		{"Empty", "   ", false, "vide"},
		{"OnlyMarkers", "[…] [...]", false, "vide"},
		{"Identical", orig, false, "identique"},
		{"IdenticalButSpaces", "Mon chef Paul Durand ne dit jamais merci. Et pourtant je suis content du travail. ", false, "identique"},
		{"Longer", orig + " Vraiment.", false, "ne figure pas"},
		{"AddedWord", "Mon chef […] ne dit jamais merci. […] je suis très content […]", false, "ne figure pas"},
		{"ChangedWord", "Mon chef […] dit toujours merci. […]", false, "ne figure pas"},
		{"Reordered", "[…] ne dit jamais merci. […] Mon chef […]", false, "ne figure pas"},
		{"WordsJoined", "Mon chef PaulDurand […]", false, "sans « […] »"},
		{"WordSplit", "Mon ch ef […]", false, "ne figure pas"},
		{"CutWithoutMarker", "Mon chef ne dit jamais merci. […]", false, "sans « […] »"},
		{"NegationDropped", "Mon chef Paul Durand dit jamais merci. […]", false, "sans « […] »"},
		{"StartCutWithoutMarker", "chef […] merci. […]", false, "Le début"},
		{"EndCutWithoutMarker", "Mon chef […] ne dit jamais merci.", false, "La fin"},
		{"MarkerForNothing", "Mon chef […] Paul Durand ne dit jamais merci. […]", false, "ne remplace aucun"},
		{"MarkerForNothingBeforeTheEnd", "Mon chef […] Paul Durand ne dit jamais merci. Et pourtant je suis content du travail.", false, "ne remplace aucun"},
		{"TrailingMarkerForNothing", "Mon chef […] du travail. […]", false, "dernier"},
		{"LeadingMarkerForNothing", "[…] Mon chef […]", false, "ne remplace aucun"},
		{"MarkerInsideAWordForSpaceOnly", "Mon chef[…] Paul Durand […]", false, "ne remplace aucun"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := vigie.CheckRedaction(orig, tt.redacted)
			if tt.ok {
				if err != nil {
					t.Fatalf("CheckRedaction(%q) = %v, want nil", tt.redacted, err)
				}
				return
			}
			if vigie.ErrorCode(err) != vigie.EINVALID {
				t.Fatalf("CheckRedaction(%q) = %v, want EINVALID", tt.redacted, err)
			}
			if msg := vigie.ErrorMessage(err); !strings.Contains(msg, tt.msg) {
				t.Fatalf("CheckRedaction(%q) message %q, want it to say %q", tt.redacted, msg, tt.msg)
			}
		})
	}
}

// redactRandomly deletes random spans of original, writing a marker in
// place of each one that removed more than spaces; it returns "" when
// nothing was removed.
func redactRandomly(original string, seed uint64) string {
	r := rand.New(rand.NewPCG(seed, seed>>32|1))
	runes := []rune(original)
	var b strings.Builder
	removed := false
	for i := 0; i < len(runes); {
		if r.IntN(4) > 0 { // keep a span
			n := 1 + r.IntN(8)
			b.WriteString(string(runes[i:min(i+n, len(runes))]))
			i += n
			continue
		}
		n := 1 + r.IntN(8)
		span := runes[i:min(i+n, len(runes))]
		i += n
		if strings.TrimSpace(string(span)) == "" {
			b.WriteString(string(span)) // deleting spaces alone would join words
			continue
		}
		removed = true
		b.WriteString([]string{"[…]", " […] ", "[...]", "\n[…]"}[r.IntN(4)])
	}
	if !removed {
		return ""
	}
	return b.String()
}

// FuzzCheckRedaction checks the two promises of the rule: a redaction made
// by cutting passages (each replaced by a marker) always passes, and one
// character the employee never wrote always fails it.
func FuzzCheckRedaction(f *testing.F) {
	for _, s := range []string{
		"Mon chef Paul Durand ne dit jamais merci.",
		"a b c",
		"Dans mon service,\r\nM. Dupont   nous surcharge.",
		"été à l'Hôpital 😀 — «guillemets»",
	} {
		f.Add(s, uint64(1), uint64(2))
	}
	f.Fuzz(func(t *testing.T, original string, seed, at uint64) {
		// The markers' own characters in the original could form a
		// marker with the cut's; the rule reads markers wherever they are.
		original = strings.NewReplacer("[", "(", "]", ")").Replace(strings.ToValidUTF8(original, ""))
		redacted := redactRandomly(original, seed)
		if redacted == "" {
			return
		}
		if strings.Join(strings.Fields(strings.NewReplacer("[…]", "", "[...]", "").Replace(redacted)), "") == "" {
			return // everything cut: refused as empty, rightly
		}
		if err := vigie.CheckRedaction(original, redacted); err != nil {
			t.Fatalf("cutting passages of %q gave %q, refused: %v", original, redacted, vigie.ErrorMessage(err))
		}
		// One character that is not in the original, not a space and
		// not a marker's, inserted anywhere, must be refused.
		var added rune
		for _, c := range "xZ7é€漢" {
			if !strings.ContainsRune(original, c) {
				added = c
				break
			}
		}
		if added == 0 || !utf8.ValidString(redacted) || unicode.IsSpace(added) {
			return
		}
		rs := []rune(redacted)
		i := int(at % uint64(len(rs)+1))
		forged := string(rs[:i]) + string(added) + string(rs[i:])
		if err := vigie.CheckRedaction(original, forged); vigie.ErrorCode(err) != vigie.EINVALID {
			t.Fatalf("%q (with %q added) accepted as a redaction of %q", forged, added, original)
		}
	})
}

// TestGuideRedactionExamples checks the examples table of the consultant's
// guide: each row is a comment, a redaction, and "accepté" or "refusé…".
func TestGuideRedactionExamples(t *testing.T) {
	data, err := os.ReadFile("docs/guide-consultant.md")
	if err != nil {
		t.Fatal(err)
	}
	_, table, ok := strings.Cut(string(data), "<!-- Exemples vérifiés par TestGuideRedactionExamples")
	if !ok {
		t.Fatal("the guide has lost its redaction examples")
	}
	n := 0
	for _, line := range strings.Split(table, "\n")[1:] {
		if !strings.HasPrefix(line, "|") {
			if n > 0 {
				break
			}
			continue
		}
		cells := strings.Split(strings.Trim(line, "|"), "|")
		if len(cells) != 3 || strings.HasPrefix(cells[0], "---") || strings.TrimSpace(cells[0]) == "Commentaire" {
			continue
		}
		orig, red, verdict := strings.TrimSpace(cells[0]), strings.TrimSpace(cells[1]), strings.TrimSpace(cells[2])
		err := vigie.CheckRedaction(orig, red)
		if accepted := strings.HasPrefix(verdict, "accepté"); accepted != (err == nil) {
			t.Errorf("guide says %q for %q → %q, CheckRedaction says %v", verdict, orig, red, err)
		}
		n++
	}
	if n < 7 {
		t.Fatalf("%d examples read from the guide, want the whole table", n)
	}
	// The 400 shown in docs/api.md.
	api, err := os.ReadFile("docs/api.md")
	if err != nil {
		t.Fatal(err)
	}
	msg := vigie.ErrorMessage(vigie.CheckRedaction("Mon chef Paul Durand ne dit jamais merci.", "Mon chef ne dit jamais merci."))
	if !strings.Contains(string(api), `# 400 {"error":"`+msg+`"}`) {
		t.Errorf("docs/api.md does not show the message %q", msg)
	}
}
