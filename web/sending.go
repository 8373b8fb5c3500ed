package web

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"sync"
	"time"
)

// Sendings of invitations and reminders run in the background (issue 24):
// one SMTP session per recipient took minutes for a long list, past the
// server's write timeout and any proxy's, and a consultant whose page gave
// up saw nothing of what had been sent. A sending is started by a request
// that answers at once, then followed on its own page or in the API.
//
// The list of pending addresses lives in the sending's memory only, and
// shrinks as it goes: nothing of it is written to the database, so a
// restart loses the addresses not yet processed. Sending the list again
// is then safe: an address already invited holds a mark in the database
// (store/invitation.go) and gets no second code. The addresses that failed
// or whose fate is unknown stay in memory for the report, until
// sendingKept after the end (or a restart).

// sendingKept is how long a finished sending's report is kept in memory.
const sendingKept = 24 * time.Hour

// States of a sending.
const (
	sendingRunning     = "running"
	sendingDone        = "done"
	sendingInterrupted = "interrupted" // the server stopped, or the campaign closed, before the end
)

// sending is one background sending of invitations or reminders.
type sending struct {
	ID         string
	CampaignID string
	Kind       string // "invitations" or "reminders"
	Total      int
	Started    time.Time

	mu        sync.Mutex
	pending   []recipient // not yet processed, in order
	state     string
	sent      int
	already   []string // invitations to addresses invited before: no second code
	repeated  []string // addresses written again in the list: kept once
	failed    []sendFailure
	uncertain []string
	problem   string // why it stopped before the end
	finished  time.Time
}

// sendingStatus is a snapshot of a sending, for its page and the API.
type sendingStatus struct {
	ID             string `json:"id"`
	Kind           string `json:"kind"`
	State          string `json:"state"`
	Total          int    `json:"total"`
	Sent           int    `json:"sent"`
	AlreadyInvited int    `json:"already_invited"`
	// AlreadyInvitedAddresses are the addresses of AlreadyInvited, and
	// Repeated those written more than once in the list (each got one
	// mail): kept in memory for the report only, like Failed.
	AlreadyInvitedAddresses []string      `json:"already_invited_addresses"`
	Repeated                []string      `json:"repeated"`
	Uncertain               []string      `json:"uncertain"`
	Failed                  []sendFailure `json:"failed"`
	Remaining               int           `json:"remaining"`
	Processed               int           `json:"processed"` // Total - Remaining
	Problem                 string        `json:"problem,omitempty"`
	StartedAt               time.Time     `json:"started_at"`
	FinishedAt              *time.Time    `json:"finished_at"`
}

// status returns a snapshot of the sending.
func (sd *sending) status() *sendingStatus {
	sd.mu.Lock()
	defer sd.mu.Unlock()
	st := &sendingStatus{
		ID: sd.ID, Kind: sd.Kind, State: sd.state, Total: sd.Total, Sent: sd.sent, AlreadyInvited: len(sd.already),
		AlreadyInvitedAddresses: append([]string{}, sd.already...), Repeated: append([]string{}, sd.repeated...),
		Uncertain: append([]string{}, sd.uncertain...), Failed: append([]sendFailure{}, sd.failed...),
		Remaining: len(sd.pending), Processed: sd.Total - len(sd.pending), Problem: sd.problem, StartedAt: sd.Started,
	}
	if !sd.finished.IsZero() {
		f := sd.finished
		st.FinishedAt = &f
	}
	return st
}

// next takes the next pending recipient; false when none is left.
func (sd *sending) next() (recipient, bool) {
	sd.mu.Lock()
	defer sd.mu.Unlock()
	if len(sd.pending) == 0 {
		return recipient{}, false
	}
	r := sd.pending[0]
	sd.pending[0] = recipient{} // the address leaves memory once processed
	sd.pending = sd.pending[1:]
	return r, true
}

// putBack returns r to the head of the pending list: it was not processed
// (the sending was interrupted during its turn, and nothing left).
func (sd *sending) putBack(r recipient) {
	sd.mu.Lock()
	sd.pending = append([]recipient{r}, sd.pending...)
	sd.mu.Unlock()
}

// record updates the counts under the lock.
func (sd *sending) record(fn func(sd *sending)) {
	sd.mu.Lock()
	fn(sd)
	sd.mu.Unlock()
}

// sendings are the sendings of this server, running and recently finished.
type sendings struct {
	ctx    context.Context // cancelled by Server.Close
	cancel context.CancelFunc
	wg     sync.WaitGroup
	now    func() time.Time

	mu      sync.Mutex
	byID    map[string]*sending
	running map[string]*sending // by campaign: one at a time
}

func newSendings(now func() time.Time) *sendings {
	ctx, cancel := context.WithCancel(context.Background())
	return &sendings{ctx: ctx, cancel: cancel, now: now, byID: map[string]*sending{}, running: map[string]*sending{}}
}

// start runs sd in the background with run, unless a sending of the same
// campaign is running: then it returns that one and false.
func (ss *sendings) start(sd *sending, run func(ctx context.Context, sd *sending)) (*sending, bool) {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	ss.sweep()
	if other := ss.running[sd.CampaignID]; other != nil {
		return other, false
	}
	sd.ID = newSendingID()
	sd.Started = ss.now()
	sd.state = sendingRunning
	ss.byID[sd.ID] = sd
	ss.running[sd.CampaignID] = sd
	ss.wg.Go(func() {
		run(ss.ctx, sd)
		sd.record(func(sd *sending) {
			if sd.state == sendingRunning {
				sd.state = sendingDone
			}
			sd.finished = ss.now()
		})
		ss.mu.Lock()
		delete(ss.running, sd.CampaignID)
		ss.mu.Unlock()
	})
	return sd, true
}

// get returns the sending id of a campaign, nil when unknown.
func (ss *sendings) get(campaignID, id string) *sending {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	ss.sweep()
	if sd := ss.byID[id]; sd != nil && sd.CampaignID == campaignID {
		return sd
	}
	return nil
}

// runningFor returns the running sending of a campaign, nil when none.
func (ss *sendings) runningFor(campaignID string) *sending {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	return ss.running[campaignID]
}

// sweep forgets the sendings finished more than sendingKept ago, with the
// addresses of their report. The caller holds ss.mu.
func (ss *sendings) sweep() {
	for id, sd := range ss.byID {
		sd.mu.Lock()
		old := !sd.finished.IsZero() && ss.now().Sub(sd.finished) > sendingKept
		sd.mu.Unlock()
		if old {
			delete(ss.byID, id)
		}
	}
}

// close interrupts the running sendings and waits for them: the message
// being sent ends at once (its outcome is recorded), the rest is not sent.
func (ss *sendings) close() {
	ss.cancel()
	ss.wg.Wait()
}

// newSendingID returns an unguessable identifier for a sending's address.
func newSendingID() string {
	b := make([]byte, 12)
	rand.Read(b)
	return hex.EncodeToString(b)
}
