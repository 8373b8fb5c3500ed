package store

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"strings"
	"time"

	"github.com/vigie-sante/vigie"
)

// Amendment is what may still change once a campaign is open: the texts
// employees read (title, who runs the survey, why), the data-protection
// contacts, the end date, and new units. Everything else (questionnaires,
// units already there, segments, thresholds, access, languages, waves,
// retention, legal basis) would change a published figure, a code handed
// out or what the notice told employees: it stays as it was at opening
// (LockedReason says why, field by field).
type Amendment struct {
	Title       string
	ConductedBy map[string]string
	Purpose     map[string]string
	Controller  string
	DPOContact  string
	EndDate     string           // "YYYY-MM-DD", "" for none; never a day already over
	AddUnits    []vigie.UnitSpec // new units (and their headcount); units already there are kept
}

// AmendmentOf returns the amendment that changes nothing in c, for the
// caller to edit.
func AmendmentOf(c *vigie.Campaign) *Amendment {
	return &Amendment{
		Title: c.Title, ConductedBy: maps.Clone(c.ConductedBy), Purpose: maps.Clone(c.Purpose),
		Controller: c.Controller, DPOContact: c.DPOContact, EndDate: c.EndDate,
	}
}

// Change is one setting changed by an amendment, with its old and new
// values as the audit log records them.
type Change struct {
	Field    string // the setting's key in a campaign description ("title", "end_date", "units"…)
	Old, New string
}

// lockedReasons says, for each setting of a description that is locked
// once a campaign is open, why. The keys are those of the campaign file
// (docs/campaign-file.md).
var lockedReasons = map[string]string{
	"organisation":           "l'organisation identifie la campagne dans les comparaisons entre vagues et entre organisations",
	"questionnaires":         "les réponses déjà reçues portent sur ces questionnaires ; les changer changerait les scores",
	"units":                  "des réponses et des codes sont déjà rattachés aux unités existantes, et les effectifs font les taux de participation : on peut seulement ajouter une unité",
	"segments":               "les réponses déjà reçues portent sur ces segments ; les changer changerait les groupes publiés",
	"min_group_size":         "le seuil d'anonymat décide de ce qui est publié : le changer en cours de route changerait les chiffres publiés",
	"comment_min_group_size": "le seuil d'anonymat décide de ce qui est publié : le changer en cours de route changerait les commentaires publiés",
	"priority_share":         "la part qui fait une priorité décide des priorités publiées",
	"languages":              "les questionnaires ont été figés dans ces langues à l'ouverture",
	"access":                 "des codes ou un lien ont déjà été distribués",
	"paper_double_entry":     "des feuilles papier ont peut-être déjà été tirées pour une double saisie",
	"previous":               "la vague précédente décide des évolutions publiées",
	"unit_map":               "la correspondance des unités décide des évolutions publiées",
	"retention_days":         "la durée de conservation a été annoncée aux salariés dans la notice d'information",
	"legal_basis":            "la base légale a été annoncée aux salariés dans la notice d'information",
}

// LockedReason returns why the setting key (a key of the campaign file)
// can no longer change once the campaign is open, "" when it can.
func LockedReason(key string) string { return lockedReasons[key] }

// AmendCampaign applies a to an open campaign, in one transaction, and
// returns the campaign as it now is and what changed (nothing when a
// changes nothing). The new settings are checked as a description is
// (title, texts, unit names…; EINVALID); the end date may move either
// way but never to a day already over at now (EINVALID). A draft campaign
// is edited with UpdateCampaign; a closed one no longer changes
// (ECONFLICT).
func (s *Store) AmendCampaign(ctx context.Context, id string, a *Amendment, now time.Time) (*vigie.Campaign, []Change, error) {
	var out *vigie.Campaign
	var changes []Change
	err := s.update(ctx, func(tx *sql.Tx) error {
		old, _, err := loadCampaign(ctx, tx, id)
		if err != nil {
			return err
		}
		switch old.State {
		case vigie.StateDraft:
			return vigie.Errorf(vigie.ECONFLICT, "La campagne n'est pas encore ouverte : tous ses réglages se modifient dans son formulaire.")
		case vigie.StateClosed:
			return vigie.Errorf(vigie.ECONFLICT, "La campagne est close : ses réglages ne changent plus.")
		}
		end := strings.TrimSpace(a.EndDate)
		if end != old.EndDate && vigie.EndDue(end, now) {
			return vigie.Errorf(vigie.EINVALID, "end_date : le %s est déjà passé ; choisissez aujourd'hui ou un jour à venir.", end)
		}
		sp := old.Spec()
		sp.Title, sp.ConductedBy, sp.Purpose = a.Title, a.ConductedBy, a.Purpose
		sp.Controller, sp.DPOContact, sp.EndDate = a.Controller, a.DPOContact, end
		sp.Units = append(sp.Units, a.AddUnits...)
		c, err := s.campaignFromSpec(ctx, sp)
		if err != nil {
			return err
		}
		c.ID, c.Slug, c.State, c.OpenedWeek = old.ID, old.Slug, old.State, old.OpenedWeek
		if err := checkAddedUnits(old, c); err != nil {
			return err
		}
		changes = amendChanges(old, c)
		if len(changes) == 0 {
			out = old
			return nil
		}
		if _, err := tx.ExecContext(ctx, `
			UPDATE campaigns SET title = ?, conducted_by = ?, purpose = ?, controller = ?, dpo_contact = ?, end_date = ?
			WHERE id = ?`,
			c.Title, textJSON(c.ConductedBy), textJSON(c.Purpose), c.Controller, c.DPOContact, c.EndDate, id); err != nil {
			return fmt.Errorf("store: amend campaign %s: %w", id, err)
		}
		if len(c.Units) != len(old.Units) {
			if err := replaceUnits(ctx, tx, c); err != nil {
				return err
			}
		}
		out = c
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	if len(changes) > 0 {
		s.mu.Lock()
		delete(s.running, id) // the next answer reads the new units
		s.mu.Unlock()
	}
	return out, changes, nil
}

// amendChanges lists what differs between a campaign and its amended
// version, in the order of the form.
func amendChanges(old, c *vigie.Campaign) []Change {
	var out []Change
	add := func(field, o, n string) {
		if o != n {
			out = append(out, Change{Field: field, Old: o, New: n})
		}
	}
	add("title", old.Title, c.Title)
	for _, lang := range []string{"fr", "en"} {
		add("conducted_by."+lang, old.ConductedBy[lang], c.ConductedBy[lang])
		add("purpose."+lang, old.Purpose[lang], c.Purpose[lang])
	}
	add("controller", old.Controller, c.Controller)
	add("dpo_contact", old.DPOContact, c.DPOContact)
	add("end_date", old.EndDate, c.EndDate)
	var added []string
	for _, u := range c.Units {
		if !old.HasUnit(u.Path) {
			added = append(added, strings.Join(u.Path, "/"))
		}
	}
	if len(added) > 0 {
		out = append(out, Change{Field: "units", New: strings.Join(added, ", ")})
	}
	return out
}

// replaceUnits writes the unit tree of c again: the units already there
// keep their path and headcount (AmendCampaign adds units only), the
// positions follow the new tree.
func replaceUnits(ctx context.Context, tx *sql.Tx, c *vigie.Campaign) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM campaign_units WHERE campaign_id = ?`, c.ID); err != nil {
		return fmt.Errorf("store: amend campaign %s: units: %w", c.ID, err)
	}
	for i, u := range c.Units {
		if _, err := tx.ExecContext(ctx, `INSERT INTO campaign_units (campaign_id, path, position, headcount) VALUES (?, ?, ?, ?)`,
			c.ID, strings.Join(u.Path, "/"), i, u.Headcount); err != nil {
			return fmt.Errorf("store: amend campaign %s: insert unit: %w", c.ID, err)
		}
	}
	return nil
}

// checkAddedUnits refuses an amended tree that does not keep every unit
// of old with its headcount, or that puts a new unit under a unit that
// had none: answers and codes already name that unit, which would stop
// being a unit one answers in.
func checkAddedUnits(old, c *vigie.Campaign) error {
	now := map[string]int{}
	for _, u := range c.Units {
		now[strings.Join(u.Path, "/")] = u.Headcount
	}
	for i, u := range old.Units {
		path := strings.Join(u.Path, "/")
		if n, ok := now[path]; !ok || n != u.Headcount {
			return vigie.Errorf(vigie.ECONFLICT, "units : l'unité « %s » ne peut plus changer : %s.", path, lockedReasons["units"])
		}
		leaf := i+1 == len(old.Units) || !strings.HasPrefix(strings.Join(old.Units[i+1].Path, "/"), path+"/")
		if !leaf {
			continue
		}
		for _, v := range c.Units {
			if p := strings.Join(v.Path, "/"); strings.HasPrefix(p, path+"/") {
				return vigie.Errorf(vigie.ECONFLICT, "units : « %s » ne peut pas être ajoutée sous « %s », où des salariés répondent déjà ; ajoutez-la à côté.", p, path)
			}
		}
	}
	return nil
}
