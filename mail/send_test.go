package mail_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/vigie-sante/vigie/mail"
	"github.com/vigie-sante/vigie/mail/mailtest"
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

// TestSendOutcomes checks how Send tells a message that certainly did not
// leave from one whose fate is unknown.
func TestSendOutcomes(t *testing.T) {
	relay := mailtest.Start(t)
	relay.Fail(mailtest.RejectRecipient, "refuse@client.test")
	relay.Fail(mailtest.RejectMessage, "rejete@client.test")
	relay.Fail(mailtest.DropBeforeData, "coupe-avant@client.test")
	relay.Fail(mailtest.DropAfterData, "coupe-apres@client.test")
	s, err := mail.New(mail.Config{Addr: relay.Addr, From: "vigie@cabinet.test", Insecure: true, Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		to        string
		sent      bool
		uncertain bool
	}{
		{"ok@client.test", true, false},
		{"refuse@client.test", false, false},
		{"rejete@client.test", false, false},
		{"coupe-avant@client.test", false, false},
		{"coupe-apres@client.test", false, true},
	} {
		t.Run(tt.to, func(t *testing.T) {
			err := s.Send(context.Background(), tt.to, "Objet", "Bonjour")
			if (err == nil) != tt.sent || errors.Is(err, mail.ErrUncertain) != tt.uncertain {
				t.Fatalf("Send = %v, want sent %v, uncertain %v", err, tt.sent, tt.uncertain)
			}
		})
	}
	if msgs := relay.Messages(); len(msgs) != 1 || msgs[0].To != "ok@client.test" {
		t.Fatalf("messages = %+v, want only the one to ok@client.test", msgs)
	}

	t.Run("TimeoutAfterDataIsUncertain", func(t *testing.T) {
		relay.SetDelay(400 * time.Millisecond)
		defer relay.SetDelay(0)
		slow, _ := mail.New(mail.Config{Addr: relay.Addr, From: "vigie@cabinet.test", Insecure: true, Timeout: 100 * time.Millisecond})
		if err := slow.Send(context.Background(), "ok@client.test", "Objet", "Bonjour"); !errors.Is(err, mail.ErrUncertain) {
			t.Fatalf("Send = %v, want ErrUncertain", err)
		}
	})
	t.Run("CancelledBeforeDataIsNotSent", func(t *testing.T) {
		relay.Hold()
		defer relay.Release()
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(100*time.Millisecond, cancel)
		err := s.Send(ctx, "ok@client.test", "Objet", "Bonjour")
		if err == nil || errors.Is(err, mail.ErrUncertain) {
			t.Fatalf("Send = %v, want a failure that is not uncertain", err)
		}
	})
}
