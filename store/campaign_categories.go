package store

import (
	"encoding/json"
	"fmt"

	"github.com/vigie-sante/vigie"
)

// encodeCategories returns what the categories column holds: a JSON list
// whose elements are the plain name, as every campaign stored before
// translated categories existed, or {"fr": ..., "en": ...} for a category
// with translations. Old rows therefore read unchanged, and no migration
// rewrites a column that anonymity groups depend on.
func encodeCategories(g *vigie.Segment) []any {
	out := make([]any, len(g.Categories))
	for i, c := range g.Categories {
		if labels, ok := g.CategoryLabels[c]; ok && len(labels) > 0 {
			m := make(map[string]string, len(labels)+1)
			for k, v := range labels {
				m[k] = v
			}
			m["fr"] = c // the canonical name, whatever the map said
			out[i] = m
		} else {
			out[i] = c
		}
	}
	return out
}

// decodeCategories reads the categories column into g (see encodeCategories).
func decodeCategories(data []byte, g *vigie.Segment) error {
	var raw []json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return err
	}
	g.Categories = make([]string, 0, len(raw))
	for _, r := range raw {
		var name string
		if err := json.Unmarshal(r, &name); err == nil {
			g.Categories = append(g.Categories, name)
			continue
		}
		var labels map[string]string
		if err := json.Unmarshal(r, &labels); err != nil {
			return fmt.Errorf("category %s: %w", r, err)
		}
		if labels["fr"] == "" {
			return fmt.Errorf("category %s: no French name", r)
		}
		g.Categories = append(g.Categories, labels["fr"])
		if g.CategoryLabels == nil {
			g.CategoryLabels = map[string]map[string]string{}
		}
		g.CategoryLabels[labels["fr"]] = labels
	}
	return nil
}
