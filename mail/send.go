package mail

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/tls"
	"encoding/hex"
	"errors"
	"fmt"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"net/smtp"
	"net/textproto"
	"strings"
	"time"
)

// Config is how to reach the SMTP relay.
type Config struct {
	Addr     string // host:port
	From     string // the sender address
	User     string // "" for no authentication
	Password string
	// Insecure allows a relay that does not offer STARTTLS (a local relay
	// on the same machine); otherwise a relay without it is refused, since
	// codes would cross the network in clear.
	Insecure bool
	Timeout  time.Duration // per message; 30 s when zero
}

// Sender sends messages through one relay, one SMTP session per message,
// so that a failure concerns one recipient and nothing is sent twice.
type Sender struct {
	cfg  Config
	host string
}

// New checks cfg and returns a sender.
func New(cfg Config) (*Sender, error) {
	host, _, err := net.SplitHostPort(cfg.Addr)
	if err != nil || host == "" {
		return nil, fmt.Errorf("adresse SMTP « %s » invalide (hôte:port attendu)", cfg.Addr)
	}
	if err := CheckAddress(cfg.From); err != nil {
		return nil, fmt.Errorf("adresse d'expédition : %w", err)
	}
	if cfg.Timeout == 0 {
		cfg.Timeout = 30 * time.Second
	}
	return &Sender{cfg: cfg, host: host}, nil
}

// CheckAddress accepts a bare e-mail address ("a@exemple.fr"): no display
// name, no line break, a domain with a dot or "localhost".
func CheckAddress(addr string) error {
	a, err := mail.ParseAddress(addr)
	if err != nil || a.Address != addr || a.Name != "" || strings.ContainsAny(addr, "\r\n<>") {
		return errors.New("adresse électronique invalide")
	}
	_, domain, _ := strings.Cut(addr, "@")
	if !strings.Contains(domain, ".") && domain != "localhost" {
		return errors.New("adresse électronique invalide")
	}
	return nil
}

// ErrUncertain marks a failure after the whole message reached the
// relay, before its answer: the relay may have accepted it and the mail
// may have left. Every other error of Send means the message certainly
// did not leave: the relay refused it (an SMTP error reply, at any step
// up to the end of the data), or the connection failed before the end of
// the data was sent.
var ErrUncertain = errors.New("issue inconnue")

// Send sends one plain-text message to one recipient. ctx ends the
// session at once when it is cancelled; Config.Timeout bounds it anyway.
// A failure after the message was sent is wrapped in ErrUncertain.
func (s *Sender) Send(ctx context.Context, to, subject, body string) error {
	if err := CheckAddress(to); err != nil {
		return err
	}
	if strings.ContainsAny(subject, "\r\n") {
		return errors.New("objet invalide (retour à la ligne)")
	}
	ctx, cancel := context.WithTimeout(ctx, s.cfg.Timeout)
	defer cancel()
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", s.cfg.Addr)
	if err != nil {
		return fmt.Errorf("serveur de messagerie injoignable : %w", err)
	}
	defer conn.Close()
	if dl, ok := ctx.Deadline(); ok {
		conn.SetDeadline(dl)
	}
	// A cancelled context (the server stopping) interrupts the exchange.
	stop := context.AfterFunc(ctx, func() { conn.SetDeadline(time.Now()) })
	defer stop()
	c, err := smtp.NewClient(conn, s.host)
	if err != nil {
		return fmt.Errorf("serveur de messagerie : %w", err)
	}
	defer c.Close()
	if err := c.Hello("vigie"); err != nil {
		return fmt.Errorf("serveur de messagerie : %w", err)
	}
	if ok, _ := c.Extension("STARTTLS"); ok {
		if err := c.StartTLS(&tls.Config{ServerName: s.host, MinVersion: tls.VersionTLS12}); err != nil {
			return fmt.Errorf("serveur de messagerie : STARTTLS : %w", err)
		}
	} else if !s.cfg.Insecure {
		return errors.New("le serveur de messagerie ne propose pas STARTTLS : envoi refusé (--smtp-insecure pour un relais local)")
	}
	if s.cfg.User != "" {
		if err := c.Auth(smtp.PlainAuth("", s.cfg.User, s.cfg.Password, s.host)); err != nil {
			return fmt.Errorf("serveur de messagerie : authentification : %w", err)
		}
	}
	if err := c.Mail(s.cfg.From); err != nil {
		return fmt.Errorf("expéditeur refusé : %w", err)
	}
	if err := c.Rcpt(to); err != nil {
		return fmt.Errorf("destinataire refusé : %w", err)
	}
	w, err := c.Data()
	if err != nil {
		return fmt.Errorf("serveur de messagerie : %w", err)
	}
	if _, err := w.Write(s.message(to, subject, body)); err != nil {
		return fmt.Errorf("serveur de messagerie : %w", err)
	}
	// Close sends the final dot, then reads the relay's answer. An SMTP
	// error reply is a refusal: the message did not leave. Anything else
	// (the connection dropped or timed out) leaves the outcome unknown.
	if err := w.Close(); err != nil {
		var reply *textproto.Error
		if errors.As(err, &reply) {
			return fmt.Errorf("message refusé : %w", err)
		}
		return fmt.Errorf("%w : la connexion au serveur de messagerie a été perdue après l'envoi du message, avant sa réponse (%v) ; le courriel est peut-être parti", ErrUncertain, err)
	}
	c.Quit() // the message is accepted; a failed goodbye changes nothing
	return nil
}

// message writes the headers and the quoted-printable UTF-8 body.
func (s *Sender) message(to, subject, body string) []byte {
	var b bytes.Buffer
	id := make([]byte, 16)
	rand.Read(id)
	_, domain, _ := strings.Cut(s.cfg.From, "@")
	fmt.Fprintf(&b, "From: %s\r\nTo: %s\r\nSubject: %s\r\nDate: %s\r\nMessage-ID: <%s@%s>\r\n",
		s.cfg.From, to, mime.QEncoding.Encode("utf-8", subject), time.Now().UTC().Format(time.RFC1123Z), hex.EncodeToString(id), domain)
	b.WriteString("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n")
	qp := quotedprintable.NewWriter(&b)
	qp.Write([]byte(strings.ReplaceAll(body, "\n", "\r\n")))
	qp.Close()
	return b.Bytes()
}
