package web

import (
	"bytes"
	"encoding/json"
	"net/http"
	"slices"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/store"
)

// amendKeys are the keys a PATCH of an open campaign may carry: what
// store.Amendment may change.
var amendKeys = []string{"title", "conducted_by", "purpose", "controller", "dpo_contact", "end_date", "add_units"}

// apiChange is one change made by a PATCH, as the audit log records it.
type apiChange struct {
	Field string `json:"field"`
	Old   string `json:"old"`
	New   string `json:"new"`
}

// apiCampaignAmend changes what may still change in an open campaign
// (PATCH /api/v1/campaigns/:id): the keys given replace the current
// values, "add_units" adds units. A key that is locked once the campaign
// is open is refused (409) with its reason; nothing is changed then.
// 200 {"campaign", "changes"}.
func (s *Server) apiCampaignAmend(c *gin.Context) {
	camp, err := s.campaignOf(c)
	if err != nil {
		s.jsonError(c, err)
		return
	}
	data, err := readBody(c.Request.Body)
	if err != nil {
		s.jsonError(c, err)
		return
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		s.jsonError(c, vigie.Errorf(vigie.EINVALID, "Le corps n'est pas un objet JSON."))
		return
	}
	for key := range raw {
		if slices.Contains(amendKeys, key) {
			continue
		}
		if why := store.LockedReason(key); why != "" {
			s.jsonError(c, vigie.Errorf(vigie.ECONFLICT, "%s ne peut plus changer : %s.", key, why))
			return
		}
		s.jsonError(c, vigie.Errorf(vigie.EINVALID, "« %s » n'est pas un réglage modifiable ; modifiables une fois la campagne ouverte : %s.", key, strings.Join(amendKeys, ", ")))
		return
	}
	a := store.AmendmentOf(camp)
	var body struct {
		Title       *string            `json:"title"`
		ConductedBy *map[string]string `json:"conducted_by"`
		Purpose     *map[string]string `json:"purpose"`
		Controller  *string            `json:"controller"`
		DPOContact  *string            `json:"dpo_contact"`
		EndDate     *string            `json:"end_date"`
		AddUnits    []vigie.UnitSpec   `json:"add_units"`
	}
	if err := decodeJSON(bytes.NewReader(data), &body); err != nil {
		s.jsonError(c, err)
		return
	}
	for _, f := range []struct {
		v   *string
		dst *string
	}{{body.Title, &a.Title}, {body.Controller, &a.Controller}, {body.DPOContact, &a.DPOContact}, {body.EndDate, &a.EndDate}} {
		if f.v != nil {
			*f.dst = *f.v
		}
	}
	if body.ConductedBy != nil {
		a.ConductedBy = *body.ConductedBy
	}
	if body.Purpose != nil {
		a.Purpose = *body.Purpose
	}
	a.AddUnits = body.AddUnits
	camp, changes, err := s.store.AmendCampaign(c.Request.Context(), camp.ID, a, s.now())
	if err != nil {
		s.jsonError(c, err)
		return
	}
	s.auditChanges(c, camp.ID, changes)
	out := make([]apiChange, 0, len(changes))
	for _, ch := range changes {
		out = append(out, apiChange(ch))
	}
	c.JSON(http.StatusOK, gin.H{"campaign": s.apiCampaignOf(c, camp), "changes": out})
}
