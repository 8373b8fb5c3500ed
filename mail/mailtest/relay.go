// Package mailtest is a fake SMTP relay for tests, listening on
// 127.0.0.1: it keeps the messages it accepts and can be slow, refuse,
// or drop the connection at chosen moments, recipient by recipient.
package mailtest

import (
	"bufio"
	"net"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// Fault is what the relay does with a recipient's message.
type Fault int

// The faults a recipient's message can meet.
const (
	Accept          Fault = iota // 250 after the data
	RejectRecipient              // 550 to RCPT TO: nothing was sent
	RejectMessage                // 554 after the data: refused, not sent
	DropBeforeData               // the connection closes at DATA, unanswered: not sent
	DropAfterData                // the whole message is read, then the connection closes before the 250: outcome unknown
)

// Message is an accepted message.
type Message struct{ To, Data string }

// Relay is a running fake relay. It offers no STARTTLS.
type Relay struct {
	Addr string

	mu       sync.Mutex
	faults   map[string]Fault
	delay    time.Duration
	hold     chan struct{} // while not nil, sessions wait before their greeting
	msgs     []Message
	sessions int
}

// Start starts a relay, stopped when the test ends.
func Start(tb testing.TB) *Relay {
	tb.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	r := &Relay{Addr: ln.Addr().String(), faults: map[string]Fault{}}
	var wg sync.WaitGroup
	done := make(chan struct{})
	tb.Cleanup(func() {
		close(done)
		ln.Close()
		r.Release()
		wg.Wait()
	})
	wg.Go(func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			wg.Go(func() {
				defer conn.Close()
				go func() { <-done; conn.Close() }()
				r.serve(conn)
			})
		}
	})
	return r
}

// Fail makes the relay meet each of addrs with f.
func (r *Relay) Fail(f Fault, addrs ...string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, a := range addrs {
		r.faults[strings.ToLower(a)] = f
	}
}

// SetDelay makes the relay wait d before answering each message's data.
func (r *Relay) SetDelay(d time.Duration) {
	r.mu.Lock()
	r.delay = d
	r.mu.Unlock()
}

// Hold makes new sessions wait, before the relay's greeting, until Release.
func (r *Relay) Hold() {
	r.mu.Lock()
	if r.hold == nil {
		r.hold = make(chan struct{})
	}
	r.mu.Unlock()
}

// Release lets held sessions go on.
func (r *Relay) Release() {
	r.mu.Lock()
	if r.hold != nil {
		close(r.hold)
		r.hold = nil
	}
	r.mu.Unlock()
}

// Messages returns the messages accepted so far, in order.
func (r *Relay) Messages() []Message {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.msgs)
}

// Sessions returns how many connections the relay has taken.
func (r *Relay) Sessions() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.sessions
}

func (r *Relay) serve(conn net.Conn) {
	r.mu.Lock()
	r.sessions++
	hold := r.hold
	r.mu.Unlock()
	if hold != nil {
		<-hold
	}
	br := bufio.NewReader(conn)
	say := func(line string) { conn.Write([]byte(line + "\r\n")) }
	say("220 mailtest ESMTP")
	var to string
	fault := Accept
	for {
		line, err := br.ReadString('\n')
		if err != nil {
			return
		}
		cmd := strings.ToUpper(strings.TrimSpace(line))
		switch {
		case strings.HasPrefix(cmd, "EHLO"), strings.HasPrefix(cmd, "HELO"):
			say("250-mailtest")
			say("250 8BITMIME")
		case strings.HasPrefix(cmd, "RCPT TO:"):
			to = strings.Trim(strings.TrimSpace(line)[len("RCPT TO:"):], "<> ")
			r.mu.Lock()
			fault = r.faults[strings.ToLower(to)]
			r.mu.Unlock()
			if fault == RejectRecipient {
				say("550 5.1.1 mailbox unavailable")
				continue
			}
			say("250 ok")
		case cmd == "DATA":
			if fault == DropBeforeData {
				return
			}
			say("354 go on")
			var data strings.Builder
			for {
				l, err := br.ReadString('\n')
				if err != nil {
					return
				}
				if l == ".\r\n" {
					break
				}
				data.WriteString(l)
			}
			r.mu.Lock()
			delay := r.delay
			r.mu.Unlock()
			time.Sleep(delay)
			switch fault {
			case DropAfterData:
				return
			case RejectMessage:
				say("554 5.7.1 message refused")
				continue
			}
			r.mu.Lock()
			r.msgs = append(r.msgs, Message{To: to, Data: data.String()})
			r.mu.Unlock()
			say("250 queued")
		case cmd == "QUIT":
			say("221 bye")
			return
		default:
			say("250 ok")
		}
	}
}
