package web

import "testing"

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
