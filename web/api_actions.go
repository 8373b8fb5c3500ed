package web

import (
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/vigie-sante/vigie"
)

// apiAction is an action of the plan as the API shows and takes it
// (docs/api.md, "Plan d'action").
type apiAction struct {
	ID          string   `json:"id"`
	Title       string   `json:"title"`
	Description string   `json:"description"`
	Unit        string   `json:"unit"`
	Dimensions  []string `json:"dimensions"`
	RiskFamily  string   `json:"risk_family"`
	Owner       string   `json:"owner"`
	Due         string   `json:"due"`
	Budget      string   `json:"budget"`
	Status      string   `json:"status"`
	FollowUp    string   `json:"follow_up"`
}

func toAPIAction(a *vigie.Action) apiAction {
	dims := a.Dimensions
	if dims == nil {
		dims = []string{}
	}
	return apiAction{ID: a.ID, Title: a.Title, Description: a.Description, Unit: a.Unit, Dimensions: dims,
		RiskFamily: a.RiskFamily, Owner: a.Owner, Due: a.Due, Budget: a.Budget, Status: string(a.Status), FollowUp: a.FollowUp}
}

// apiActionRequest is the body of POST .../actions: every field but the
// title may be left out (status then "planned", risk_family the first
// dimension's).
type apiActionRequest struct {
	Title       string   `json:"title"`
	Description string   `json:"description"`
	Unit        string   `json:"unit"`
	Dimensions  []string `json:"dimensions"`
	RiskFamily  string   `json:"risk_family"`
	Owner       string   `json:"owner"`
	Due         string   `json:"due"`
	Budget      string   `json:"budget"`
	Status      string   `json:"status"`
	FollowUp    string   `json:"follow_up"`
}

// apiActionPatch is the body of PATCH .../actions/:aid: the fields sent
// change, the others stay.
type apiActionPatch struct {
	Title       *string   `json:"title"`
	Description *string   `json:"description"`
	Unit        *string   `json:"unit"`
	Dimensions  *[]string `json:"dimensions"`
	RiskFamily  *string   `json:"risk_family"`
	Owner       *string   `json:"owner"`
	Due         *string   `json:"due"`
	Budget      *string   `json:"budget"`
	Status      *string   `json:"status"`
	FollowUp    *string   `json:"follow_up"`
}

// patch turns the request into the store's patch, and names the fields
// it changes for the audit log.
func (p *apiActionPatch) patch() (vigie.ActionPatch, string) {
	out := vigie.ActionPatch{Title: p.Title, Description: p.Description, Unit: p.Unit, Dimensions: p.Dimensions,
		RiskFamily: p.RiskFamily, Owner: p.Owner, Due: p.Due, Budget: p.Budget, FollowUp: p.FollowUp}
	if p.Status != nil {
		st := vigie.ActionStatus(*p.Status)
		out.Status = &st
	}
	var fields []string
	for _, f := range []struct {
		name string
		set  bool
	}{
		{"title", p.Title != nil}, {"description", p.Description != nil}, {"unit", p.Unit != nil},
		{"dimensions", p.Dimensions != nil}, {"risk_family", p.RiskFamily != nil}, {"owner", p.Owner != nil},
		{"due", p.Due != nil}, {"budget", p.Budget != nil}, {"status", p.Status != nil}, {"follow_up", p.FollowUp != nil},
	} {
		if f.set {
			fields = append(fields, f.name)
		}
	}
	return out, strings.Join(fields, ", ")
}

// apiActions lists the action plan of a closed campaign.
func (s *Server) apiActions(c *gin.Context) {
	list, err := s.store.Actions(c.Request.Context(), c.Param("id"))
	if err != nil {
		s.jsonError(c, err)
		return
	}
	out := make([]apiAction, len(list))
	for i := range list {
		out[i] = toAPIAction(&list[i])
	}
	c.JSON(http.StatusOK, gin.H{"actions": out})
}

// apiActionGet answers one action.
func (s *Server) apiActionGet(c *gin.Context) {
	a, err := s.store.Action(c.Request.Context(), c.Param("id"), c.Param("aid"))
	if err != nil {
		s.jsonError(c, err)
		return
	}
	c.JSON(http.StatusOK, toAPIAction(a))
}

// apiActionCreate adds an action to the plan (201 with the action).
func (s *Server) apiActionCreate(c *gin.Context) {
	var req apiActionRequest
	if err := decodeJSON(c.Request.Body, &req); err != nil {
		s.jsonError(c, err)
		return
	}
	a, err := s.createAction(c, vigie.Action{Title: req.Title, Description: req.Description, Unit: req.Unit,
		Dimensions: req.Dimensions, RiskFamily: req.RiskFamily, Owner: req.Owner, Due: req.Due, Budget: req.Budget,
		Status: vigie.ActionStatus(req.Status), FollowUp: req.FollowUp})
	if err != nil {
		s.jsonError(c, err)
		return
	}
	c.JSON(http.StatusCreated, toAPIAction(a))
}

// apiActionUpdate changes the fields sent.
func (s *Server) apiActionUpdate(c *gin.Context) {
	var req apiActionPatch
	if err := decodeJSON(c.Request.Body, &req); err != nil {
		s.jsonError(c, err)
		return
	}
	p, fields := req.patch()
	a, err := s.updateAction(c, c.Param("aid"), p, fields)
	if err != nil {
		s.jsonError(c, err)
		return
	}
	c.JSON(http.StatusOK, toAPIAction(a))
}

// apiActionDelete removes an action from the plan.
func (s *Server) apiActionDelete(c *gin.Context) {
	if err := s.deleteAction(c, c.Param("aid")); err != nil {
		s.jsonError(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"status": "ok"})
}

// createAction, updateAction and deleteAction change the plan of the
// campaign :id and log it (the action's id and title, or the fields
// changed: the plan is about work, not people). The API and the page
// share them.
func (s *Server) createAction(c *gin.Context, a vigie.Action) (*vigie.Action, error) {
	id := c.Param("id")
	out, err := s.store.CreateAction(c.Request.Context(), id, a)
	if err != nil {
		return nil, err
	}
	s.audit(c, "action.create", id, out.ID+" « "+out.Title+" »")
	return out, nil
}

func (s *Server) updateAction(c *gin.Context, aid string, p vigie.ActionPatch, fields string) (*vigie.Action, error) {
	id := c.Param("id")
	out, err := s.store.UpdateAction(c.Request.Context(), id, aid, p)
	if err != nil {
		return nil, err
	}
	if fields == "" {
		fields = "aucun champ"
	}
	s.audit(c, "action.update", id, aid+" : "+fields)
	return out, nil
}

func (s *Server) deleteAction(c *gin.Context, aid string) error {
	id := c.Param("id")
	if err := s.store.DeleteAction(c.Request.Context(), id, aid); err != nil {
		return err
	}
	s.audit(c, "action.delete", id, aid)
	return nil
}
