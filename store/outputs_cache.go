package store

import (
	"slices"
	"sync"
)

// outputsCacheSize is how many closed campaigns' outputs the store keeps
// decoded: a few megabytes each at 100,000 responses.
const outputsCacheSize = 8

// outputsCache keeps the decoded outputs of the closed campaigns read
// last. Decoding the stored JSON (0.6 MB at 100,000 responses) is most of
// the cost of a read; the cheap check of the rules they were stored under
// (closedOutputs) still runs on every read, so that figures stored again
// by another instance are read again. Its values are shared: whoever
// hands them out copies them (figures.result, figures.clone).
type outputsCache struct {
	mu      sync.Mutex
	entries []cachedOutputs // the most recently used last
}

// cachedOutputs are the outputs of one campaign stored under rules.
type cachedOutputs struct {
	id    string
	rules int
	out   *closedOutputs
}

// get returns the outputs of campaign id stored under rules, nil when
// they are not cached.
func (c *outputsCache) get(id string, rules int) *closedOutputs {
	c.mu.Lock()
	defer c.mu.Unlock()
	i := slices.IndexFunc(c.entries, func(e cachedOutputs) bool { return e.id == id })
	if i < 0 {
		return nil
	}
	e := c.entries[i]
	c.entries = append(slices.Delete(c.entries, i, i+1), e)
	if e.rules != rules {
		return nil
	}
	return e.out
}

// put caches the outputs of campaign id stored under rules, dropping the
// least recently used beyond outputsCacheSize.
func (c *outputsCache) put(id string, rules int, out *closedOutputs) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.entries = slices.DeleteFunc(c.entries, func(e cachedOutputs) bool { return e.id == id })
	c.entries = append(c.entries, cachedOutputs{id: id, rules: rules, out: out})
	if n := len(c.entries) - outputsCacheSize; n > 0 {
		c.entries = slices.Delete(c.entries, 0, n)
	}
}
