package mail_test

import (
	"testing"

	"github.com/vigie-sante/vigie/mail"
)

func TestCheckAddress(t *testing.T) {
	for addr, ok := range map[string]bool{
		"a@exemple.fr":                true,
		"prenom.nom+x@sub.exemple.fr": true,
		"root@localhost":              true,
		"a@b":                         false,
		"pas-une-adresse":             false,
		"A <a@exemple.fr>":            false,
		"a@exemple.fr\r\nBcc: x@y.fr": false,
		"":                            false,
	} {
		if err := mail.CheckAddress(addr); (err == nil) != ok {
			t.Errorf("CheckAddress(%q) = %v, want ok %v", addr, err, ok)
		}
	}
}

func TestNewRefusesBadSettings(t *testing.T) {
	for _, cfg := range []mail.Config{
		{Addr: "relais", From: "vigie@exemple.fr"},
		{Addr: "relais:25", From: "pas une adresse"},
	} {
		if _, err := mail.New(cfg); err == nil {
			t.Errorf("New(%+v) accepted", cfg)
		}
	}
}
