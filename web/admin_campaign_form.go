package web

import (
	"errors"
	"fmt"
	"io"
	"maps"
	"mime/multipart"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/questionnaires"
)

// campaignForm is the guided form that creates or edits a draft campaign.
// Numbers stay strings so that a wrong entry is shown back as typed.
type campaignForm struct {
	Nav                 adminNav
	ID                  string // "" for a new campaign
	Title               string
	Organisation        string
	ConductedByFR       string // who runs the survey, shown on the entry page
	ConductedByEN       string
	PurposeFR           string // why, shown on the entry page
	PurposeEN           string
	Controller          string // data-protection facts, optional
	DPOContact          string
	LegalBasis          string
	Questionnaires      []questionnaireChoice
	Units               string // one "path;headcount" per line
	Segments            string // one "id;label;category;category..." per line
	MinGroupSize        string
	CommentMinGroupSize string
	PriorityShare       string // a decimal, "0,5" or "0.5"
	RetentionDays       string // days the raw answers are kept after closing
	LangEN              bool
	Access              string
	EndDate             string // "YYYY-MM-DD" or ""
	Previous            string // id of the previous wave, "" when none
	UnitMap             string // one "old/path => new/path" per line
	PreviousChoices     []previousChoice
	Errors              []string
}

// previousChoice is a closed campaign offered as the previous wave.
type previousChoice struct {
	ID, Title, ClosedWeek string
	Selected              bool
}

// questionnaireChoice is one questionnaire offered in the form.
type questionnaireChoice struct {
	ID, Title string
	Builtin   bool
	Checked   bool
}

// errClosedSettings answers an edit of a closed campaign.
var errClosedSettings = vigie.Errorf(vigie.ECONFLICT, "La campagne est close : ses réglages ne changent plus.")

// maxAdminForm bounds a back-office form, an imported units file included.
const maxAdminForm = maxUnitsFile + 1<<20

// adminCampaignNew shows an empty form with the defaults.
func (s *Server) adminCampaignNew(c *gin.Context) {
	f := &campaignForm{
		MinGroupSize:        strconv.Itoa(vigie.DefaultMinGroupSize),
		CommentMinGroupSize: strconv.Itoa(vigie.DefaultCommentMinGroupSize),
		PriorityShare:       formatShare(vigie.DefaultPriorityShare),
		RetentionDays:       strconv.Itoa(vigie.DefaultRetentionDays),
		Access:              string(vigie.AccessCodes),
	}
	// ?previous=ID: the next wave of that campaign, everything copied.
	var chosen []string
	if id := c.Query("previous"); id != "" {
		prev, err := s.store.Campaign(c.Request.Context(), id)
		if err != nil {
			s.htmlError(c, err)
			return
		}
		chosen = prefillFromWave(f, prev)
	}
	s.renderCampaignForm(c, http.StatusOK, f, chosen)
}

// adminCampaignEdit shows the form of a draft campaign.
func (s *Server) adminCampaignEdit(c *gin.Context) {
	camp, err := s.campaignOf(c)
	if err != nil {
		s.htmlError(c, err)
		return
	}
	switch camp.State {
	case vigie.StateOpen:
		s.render(c, http.StatusOK, "admin_campaign_amend", s.amendFormOf(c, camp))
		return
	case vigie.StateClosed:
		s.htmlError(c, errClosedSettings)
		return
	}
	sp := camp.Spec()
	f := &campaignForm{
		ID: camp.ID, Title: sp.Title, Organisation: sp.Organisation,
		Units: formatUnits(sp.Units), Segments: formatSegments(sp.Segments),
		MinGroupSize: strconv.Itoa(sp.MinGroupSize), CommentMinGroupSize: strconv.Itoa(sp.CommentMinGroupSize),
		PriorityShare: formatShare(sp.PriorityShare),
		LangEN:        contains(sp.Languages, "en"), Access: string(sp.Access),
		ConductedByFR: sp.ConductedBy["fr"], ConductedByEN: sp.ConductedBy["en"],
		PurposeFR: sp.Purpose["fr"], PurposeEN: sp.Purpose["en"],
		EndDate:  sp.EndDate,
		Previous: sp.Previous, UnitMap: formatUnitMap(sp.UnitMap),
		RetentionDays: strconv.Itoa(sp.RetentionDays),
		Controller:    sp.Controller, DPOContact: sp.DPOContact, LegalBasis: sp.LegalBasis,
	}
	s.renderCampaignForm(c, http.StatusOK, f, sp.Questionnaires)
}

// adminCampaignSave creates a campaign (no :id) or saves a draft one; an
// open campaign's form saves what may still change (adminCampaignAmend).
func (s *Server) adminCampaignSave(c *gin.Context) {
	if id := c.Param("id"); id != "" {
		camp, err := s.campaignOf(c)
		if err != nil {
			s.htmlError(c, err)
			return
		}
		switch camp.State {
		case vigie.StateOpen:
			s.adminCampaignAmend(c, camp)
			return
		case vigie.StateClosed:
			s.htmlError(c, errClosedSettings)
			return
		}
	}
	if err := c.Request.ParseMultipartForm(1 << 20); err != nil && !errors.Is(err, http.ErrNotMultipart) {
		s.htmlError(c, formError(err))
		return
	}
	f := &campaignForm{
		ID:                  c.Param("id"),
		Title:               c.PostForm("title"),
		Organisation:        c.PostForm("organisation"),
		ConductedByFR:       c.PostForm("conducted_by_fr"),
		ConductedByEN:       c.PostForm("conducted_by_en"),
		PurposeFR:           c.PostForm("purpose_fr"),
		PurposeEN:           c.PostForm("purpose_en"),
		Controller:          c.PostForm("controller"),
		DPOContact:          c.PostForm("dpo_contact"),
		LegalBasis:          c.PostForm("legal_basis"),
		Units:               c.PostForm("units"),
		Segments:            c.PostForm("segments"),
		MinGroupSize:        strings.TrimSpace(c.PostForm("min_group_size")),
		CommentMinGroupSize: strings.TrimSpace(c.PostForm("comment_min_group_size")),
		PriorityShare:       strings.TrimSpace(c.PostForm("priority_share")),
		RetentionDays:       strings.TrimSpace(c.PostForm("retention_days")),
		LangEN:              c.PostForm("lang_en") != "",
		Access:              c.PostForm("access"),
		EndDate:             strings.TrimSpace(c.PostForm("end_date")),
		Previous:            strings.TrimSpace(c.PostForm("previous")),
		UnitMap:             c.PostForm("unit_map"),
	}
	chosen := c.PostFormArray("questionnaires")
	spec := &vigie.CampaignSpec{
		Title: f.Title, Organisation: f.Organisation, Questionnaires: chosen,
		Languages: []string{"fr"}, Access: vigie.AccessMode(f.Access),
		ConductedBy: formText(f.ConductedByFR, f.ConductedByEN),
		Purpose:     formText(f.PurposeFR, f.PurposeEN),
		Controller:  f.Controller, DPOContact: f.DPOContact, LegalBasis: f.LegalBasis,
		EndDate: f.EndDate,
	}
	// A day already over would close the campaign as soon as it opens.
	if vigie.EndDue(f.EndDate, s.now()) {
		f.Errors = append(f.Errors, "La date de fin est déjà passée : choisissez aujourd'hui ou un jour à venir, ou laissez-la vide.")
	}
	if f.LangEN {
		spec.Languages = append(spec.Languages, "en")
	}
	// The form does not show the paper double-entry share nor the
	// translations of segments (file settings): editing keeps the
	// campaign's.
	var previous *vigie.Campaign
	if id := c.Param("id"); id != "" {
		if old, err := s.store.Campaign(c.Request.Context(), id); err == nil {
			spec.PaperDoubleEntry = old.PaperDoubleEntry
			previous = old
		}
	}
	// An imported file replaces the list typed in the form.
	if fh, err := c.FormFile("units_file"); err == nil && fh.Size > 0 {
		if fh.Size > maxUnitsFile {
			f.Errors = append(f.Errors, fmt.Sprintf("Le fichier des unités dépasse %d Mo.", maxUnitsFile>>20))
		} else if data, err := readUpload(fh); err != nil {
			s.htmlError(c, err)
			return
		} else {
			units, problems := parseUnitsFile(fh.Filename, data)
			for _, p := range problems {
				f.Errors = append(f.Errors, "Fichier des unités, "+strings.ToLower(p.String()[:1])+p.String()[1:])
			}
			if len(problems) == 0 {
				f.Units = formatUnits(units)
			}
		}
	}
	units, problems := parseUnitsText(f.Units)
	if len(f.Errors) == 0 {
		for _, p := range problems {
			f.Errors = append(f.Errors, "Unités, "+strings.ToLower(p.String()[:1])+p.String()[1:])
		}
	}
	spec.Units = units
	segments, segProblems := parseSegmentsText(f.Segments)
	f.Errors = append(f.Errors, segProblems...)
	spec.Segments = segments
	if previous != nil {
		keepTranslations(spec.Segments, previous.Segments)
	}
	spec.Previous = f.Previous
	// A new campaign whose previous wave is chosen takes from it what the
	// form left empty.
	if f.ID == "" && f.Previous != "" && len(problems) == 0 {
		if prev, err := s.store.Campaign(c.Request.Context(), f.Previous); err == nil {
			chosen = inheritWave(spec, f, prev, chosen)
		}
	}
	unitMap, mapProblems := parseUnitMapText(f.UnitMap)
	f.Errors = append(f.Errors, mapProblems...)
	spec.UnitMap = unitMap
	for _, n := range []struct {
		text  string
		field *int
		label string
	}{{f.MinGroupSize, &spec.MinGroupSize, "Taille minimale des groupes (k)"}, {f.CommentMinGroupSize, &spec.CommentMinGroupSize, "Seuil des commentaires"},
		{f.RetentionDays, &spec.RetentionDays, "Conservation des réponses"}} {
		if n.text == "" {
			continue
		}
		v, err := strconv.Atoi(n.text)
		if err != nil {
			f.Errors = append(f.Errors, fmt.Sprintf("%s : « %s » n'est pas un nombre entier.", n.label, n.text))
		}
		*n.field = v
	}
	if f.PriorityShare != "" {
		v, err := strconv.ParseFloat(strings.Replace(f.PriorityShare, ",", ".", 1), 64)
		switch {
		case err != nil:
			f.Errors = append(f.Errors, fmt.Sprintf("Part de répondants qui fait une priorité : « %s » n'est pas un nombre (exemple : 0,5).", f.PriorityShare))
		case !(v > 0 && v <= 1):
			// Said here, in the form's words: 0 would otherwise read as "the default".
			f.Errors = append(f.Errors, fmt.Sprintf("Part de répondants qui fait une priorité : elle doit être comprise entre 0 (exclu) et 1, pas « %s ».", f.PriorityShare))
		}
		spec.PriorityShare = v
	}
	if spec.RetentionDays == 0 && f.RetentionDays != "" {
		spec.RetentionDays = -1 // a typed 0 is a mistake, not a request for the default
	}
	if len(f.Errors) > 0 {
		s.renderCampaignForm(c, http.StatusBadRequest, f, chosen)
		return
	}
	var camp *vigie.Campaign
	var err error
	if f.ID == "" {
		camp, err = s.store.CreateCampaign(c.Request.Context(), spec)
	} else {
		camp, err = s.store.UpdateCampaign(c.Request.Context(), f.ID, spec)
	}
	if code := vigie.ErrorCode(err); code == vigie.EINVALID || code == vigie.ECONFLICT {
		f.Errors = nil
		for _, m := range strings.Split(vigie.ErrorMessage(err), "\n") {
			f.Errors = append(f.Errors, formMessage(m))
		}
		s.renderCampaignForm(c, errorStatus(code), f, chosen)
		return
	} else if err != nil {
		s.htmlError(c, err)
		return
	}
	action := "campaign.update"
	if f.ID == "" {
		action = "campaign.create"
	}
	s.audit(c, action, camp.ID, camp.Title)
	c.Redirect(http.StatusSeeOther, "/admin/campaigns/"+camp.ID)
}

// renderCampaignForm shows the form with the questionnaires offered,
// chosen ones checked.
func (s *Server) renderCampaignForm(c *gin.Context, status int, f *campaignForm, chosen []string) {
	qs, err := s.store.Questionnaires(c.Request.Context())
	if err != nil {
		s.htmlError(c, err)
		return
	}
	f.Nav = nav(c)
	camps, err := s.store.Campaigns(c.Request.Context())
	if err != nil {
		s.htmlError(c, err)
		return
	}
	for _, camp := range camps {
		if camp.State == vigie.StateClosed && camp.ID != f.ID {
			f.PreviousChoices = append(f.PreviousChoices, previousChoice{ID: camp.ID, Title: camp.Title, ClosedWeek: camp.ClosedWeek, Selected: camp.ID == f.Previous})
		}
	}
	for _, q := range qs {
		_, builtin := builtinQuestionnaire(q.ID)
		f.Questionnaires = append(f.Questionnaires, questionnaireChoice{
			ID: q.ID, Title: q.Title.In("fr", q.Language), Builtin: builtin, Checked: contains(chosen, q.ID),
		})
	}
	s.render(c, status, "admin_campaign_form", f)
}

// formUpload reads the file posted in field: its name and bytes, or ""
// and nil when the form holds none (or an empty one), which each form
// answers in its own words. The body is already bounded (bodyLimit).
func formUpload(c *gin.Context, field string) (string, []byte, error) {
	fh, err := c.FormFile(field)
	if err != nil || fh.Size == 0 {
		return "", nil, nil
	}
	data, err := readUpload(fh)
	if err != nil {
		return "", nil, err
	}
	return fh.Filename, data, nil
}

// readUpload reads an uploaded file.
func readUpload(fh *multipart.FileHeader) ([]byte, error) {
	f, err := fh.Open()
	if err != nil {
		return nil, fmt.Errorf("web: open upload: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(f)
	if err != nil {
		return nil, fmt.Errorf("web: read upload: %w", err)
	}
	return data, nil
}

// builtinQuestionnaire reports whether id is an instrument shipped with Vigie.
func builtinQuestionnaire(id string) (*questionnaires.Questionnaire, bool) {
	return questionnaires.BuiltinByID(id)
}

// formError turns a failure to read a posted form into a domain error.
func formError(err error) error {
	var maxErr *http.MaxBytesError
	if errors.As(err, &maxErr) {
		return errTooLarge
	}
	return vigie.Errorf(vigie.EINVALID, "Le formulaire envoyé est illisible.")
}

// formText is a text of the form by language; nil when both boxes are
// blank, which leaves the entry page's generic sentence.
func formText(fr, en string) map[string]string {
	// Browsers send line breaks as CRLF but count them as one character.
	nl := strings.NewReplacer("\r\n", "\n")
	fr, en = strings.TrimSpace(nl.Replace(fr)), strings.TrimSpace(nl.Replace(en))
	if fr == "" && en == "" {
		return nil
	}
	m := map[string]string{"fr": fr} // an empty fr is then refused with its message
	if en != "" {
		m["en"] = en
	}
	return m
}

// parseSegmentsText reads segments written one per line as
// "id;Libellé;catégorie 1;catégorie 2;...".
func parseSegmentsText(text string) ([]vigie.Segment, []string) {
	var out []vigie.Segment
	var problems []string
	for i, line := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		cells := strings.Split(line, ";")
		for j := range cells {
			cells[j] = strings.TrimSpace(cells[j])
		}
		if len(cells) < 4 {
			problems = append(problems, fmt.Sprintf("Segments, ligne %d : écrivez « identifiant;Libellé;catégorie 1;catégorie 2… » (au moins deux catégories).", i+1))
			continue
		}
		// Checked here too (the spec checks again) so the message gives the line.
		bad := false
		for j, c := range cells[1:] {
			what := "le libellé « " + vigie.Reveal(c) + " »"
			if j > 0 {
				what = "la catégorie « " + vigie.Reveal(c) + " »"
			}
			if err := vigie.CheckName(what, c); err != nil {
				problems = append(problems, fmt.Sprintf("Segments, ligne %d : %s", i+1, vigie.ErrorMessage(err)))
				bad = true
			}
		}
		if bad {
			continue
		}
		var cats []string
		for _, c := range cells[2:] {
			if c != "" {
				cats = append(cats, c)
			}
		}
		out = append(out, vigie.Segment{ID: cells[0], Label: map[string]string{"fr": cells[1]}, Categories: cats})
	}
	return out, problems
}

// keepTranslations gives segments typed in the form the translations
// (label and categories) their previous version had, as far as the
// segment id and the French texts are unchanged: the form shows French
// only, and saving it must not silently drop the English of a file.
func keepTranslations(segs, old []vigie.Segment) {
	for i := range segs {
		g := &segs[i]
		var prev *vigie.Segment
		for j := range old {
			if old[j].ID == g.ID {
				prev = &old[j]
			}
		}
		if prev == nil {
			continue
		}
		if prev.Label["fr"] == g.Label["fr"] {
			for lang, v := range prev.Label {
				if _, ok := g.Label[lang]; !ok {
					g.Label[lang] = v
				}
			}
		}
		for _, cat := range g.Categories {
			if labels, ok := prev.CategoryLabels[cat]; ok {
				if g.CategoryLabels == nil {
					g.CategoryLabels = map[string]map[string]string{}
				}
				g.CategoryLabels[cat] = labels
			}
		}
	}
}

// formatSegments writes segments back as the textarea shows them.
func formatSegments(segs []vigie.Segment) string {
	var b strings.Builder
	for _, g := range segs {
		b.WriteString(g.ID + ";" + g.Label["fr"] + ";" + strings.Join(g.Categories, ";") + "\n")
	}
	return b.String()
}

// formatShare writes a share the French way ("0,5"), as the form shows it.
func formatShare(v float64) string {
	return strings.Replace(strconv.FormatFloat(v, 'f', -1, 64), ".", ",", 1)
}

// parseUnitMapText reads unit renames written one per line as
// "old/path => new/path".
func parseUnitMapText(text string) (map[string]string, []string) {
	var out map[string]string
	var problems []string
	for i, line := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		old, cur, ok := strings.Cut(line, "=>")
		old, cur = strings.TrimSpace(old), strings.TrimSpace(cur)
		if !ok || old == "" || cur == "" {
			problems = append(problems, fmt.Sprintf("Services renommés, ligne %d : écrivez « ancien chemin => nouveau chemin ».", i+1))
			continue
		}
		if out == nil {
			out = map[string]string{}
		}
		out[old] = cur
	}
	return out, problems
}

// formatUnitMap writes unit renames back as the textarea shows them.
func formatUnitMap(m map[string]string) string {
	var b strings.Builder
	for _, old := range slices.Sorted(maps.Keys(m)) {
		b.WriteString(old + " => " + m[old] + "\n")
	}
	return b.String()
}
