package web

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/vigie-sante/vigie"
)

// campaignCache keeps the views of open campaigns for a second, so that a
// burst of submissions does not read the campaign, its units and its
// questionnaires once per request. Units, segments and questionnaires are
// frozen once a campaign opens; only its state can change, and the store
// checks the state again in the transaction that stores an answer, so a
// stale entry can delay the "closed" message by ttl, never let an answer
// into a closed campaign. Closing goes through one instance and the
// others learn it from the database only, so ttl is also how long
// another instance behind the same load balancer may still show the
// questionnaire. Draft and closed campaigns are not cached: a campaign
// opened through one instance answers on every other at once.
type campaignCache struct {
	ttl time.Duration

	mu     sync.Mutex
	byID   map[string]cachedCampaign
	bySlug map[string]string // slug -> id
}

// cachedCampaign is one entry of the cache.
type cachedCampaign struct {
	cv      *campaignView
	expires time.Time
}

// campaignCacheTTL is how long an open campaign's view is reused: at most
// a second, the delay within which a change made through one instance
// must be seen by the others.
const campaignCacheTTL = time.Second

func newCampaignCache(ttl time.Duration) *campaignCache {
	return &campaignCache{ttl: ttl, byID: map[string]cachedCampaign{}, bySlug: map[string]string{}}
}

// get returns the cached view of the campaign with id, or nil.
func (cc *campaignCache) get(id string) *campaignView {
	cc.mu.Lock()
	defer cc.mu.Unlock()
	e, ok := cc.byID[id]
	if !ok || time.Now().After(e.expires) {
		return nil
	}
	return e.cv
}

// getSlug returns the cached view of the campaign with slug, or nil.
func (cc *campaignCache) getSlug(slug string) *campaignView {
	cc.mu.Lock()
	id, ok := cc.bySlug[slug]
	cc.mu.Unlock()
	if !ok {
		return nil
	}
	return cc.get(id)
}

// put remembers an open campaign's view.
func (cc *campaignCache) put(cv *campaignView) {
	cc.mu.Lock()
	defer cc.mu.Unlock()
	if len(cc.byID) > 1000 { // forget everything rather than grow without bound
		clear(cc.byID)
		clear(cc.bySlug)
	}
	cc.byID[cv.ID] = cachedCampaign{cv: cv, expires: time.Now().Add(cc.ttl)}
	cc.bySlug[cv.Slug] = cv.ID
}

// Why a campaign cannot be answered.
var (
	errNotYetOpen = vigie.Errorf(vigie.ECONFLICT, "Cette enquête n'est pas encore ouverte : revenez quand elle aura commencé.")
	errClosed     = vigie.Errorf(vigie.ECONFLICT, "Cette enquête est close : il n'est plus possible d'y répondre. Merci de votre intérêt.")
)

// openCampaign returns the view of a campaign that must be open: a draft
// or closed campaign is a conflict with a message saying so.
func (s *Server) openCampaign(ctx context.Context, camp *vigie.Campaign) (*campaignView, error) {
	switch camp.State {
	case vigie.StateDraft:
		return nil, errNotYetOpen
	case vigie.StateClosed:
		return nil, errClosed
	}
	qs, err := s.store.CampaignQuestionnaires(ctx, camp.ID)
	if err != nil {
		return nil, fmt.Errorf("web: questionnaires of campaign %s: %w", camp.ID, err)
	}
	cv := &campaignView{Campaign: camp, Qs: qs, units: map[string][]string{}}
	for _, u := range camp.Units {
		cv.units[strings.Join(u.Path, "/")] = u.Path
	}
	s.campaigns.put(cv)
	return cv, nil
}

// campaignByID returns the open campaign with id.
func (s *Server) campaignByID(ctx context.Context, id string) (*campaignView, error) {
	if cv := s.campaigns.get(id); cv != nil {
		return cv, nil
	}
	camp, err := s.store.Campaign(ctx, id)
	if err != nil {
		return nil, err
	}
	return s.openCampaign(ctx, camp)
}
