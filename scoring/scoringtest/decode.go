package scoringtest

import (
	"encoding/json"
	"fmt"

	"github.com/vigie-sante/vigie/scoring"
)

// DecodeResult reads a result back from the JSON `vigie score` prints and
// the API serves: what an attacker holding that JSON holds. The measures'
// figures decode into scoring's types by their names, matched without
// regard to case ("n" into N), except an indicator's share_above.
func DecodeResult(data []byte) (*scoring.Result, error) {
	var res scoring.Result
	if err := json.Unmarshal(data, &res); err != nil {
		return nil, fmt.Errorf("scoringtest: decode result: %w", err)
	}
	var shares struct {
		Groups []struct {
			Indicators map[string]struct {
				ShareAbove float64 `json:"share_above"`
			} `json:"indicators"`
		} `json:"groups"`
	}
	if err := json.Unmarshal(data, &shares); err != nil {
		return nil, fmt.Errorf("scoringtest: decode result: %w", err)
	}
	for i, g := range shares.Groups {
		for id, s := range g.Indicators {
			if ind := res.Groups[i].Indicators[id]; ind != nil {
				ind.ShareAbove = s.ShareAbove
			}
		}
	}
	return &res, nil
}
