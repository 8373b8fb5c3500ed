package web

import (
	"strings"
	"testing"
)

// TestMessagesComplete checks that every interface text exists in every
// language (an internal test: the message table is not exported).
func TestMessagesComplete(t *testing.T) {
	for _, lang := range languages {
		for key := range messages[defaultLang] {
			if messages[lang][key] == "" {
				t.Errorf("message %q missing in %q", key, lang)
			}
		}
		for key := range messages[lang] {
			if _, ok := messages[defaultLang][key]; !ok {
				t.Errorf("message %q of %q missing in %q", key, lang, defaultLang)
			}
		}
	}
}

// TestFrenchSpaces checks that no French text can start a line with a
// colon or leave a guillemet alone at a line's end or start.
func TestFrenchSpaces(t *testing.T) {
	for key := range messages[defaultLang] {
		msg := tr(defaultLang, key)
		for _, bad := range []string{" :", "« ", " »"} {
			if strings.Contains(msg, bad) {
				t.Errorf("%s = %q: %q should have a non-breaking space", key, msg, bad)
			}
		}
	}
}
