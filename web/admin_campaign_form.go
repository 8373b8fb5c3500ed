package web

import (
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
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
	Questionnaires      []questionnaireChoice
	Units               string // one "path;headcount" per line
	Segments            string // one "id;label;category;category..." per line
	MinGroupSize        string
	CommentMinGroupSize string
	LangEN              bool
	Access              string
	EndDate             string // "YYYY-MM-DD" or ""
	Errors              []string
}

// questionnaireChoice is one questionnaire offered in the form.
type questionnaireChoice struct {
	ID, Title string
	Builtin   bool
	Checked   bool
}

// maxAdminForm bounds a back-office form, an imported units file included.
const maxAdminForm = maxUnitsFile + 1<<20

// adminCampaignNew shows an empty form with the defaults.
func (s *Server) adminCampaignNew(c *gin.Context) {
	f := &campaignForm{
		MinGroupSize:        strconv.Itoa(vigie.DefaultMinGroupSize),
		CommentMinGroupSize: strconv.Itoa(vigie.DefaultCommentMinGroupSize),
		Access:              string(vigie.AccessCodes),
	}
	s.renderCampaignForm(c, http.StatusOK, f, nil)
}

// adminCampaignEdit shows the form of a draft campaign.
func (s *Server) adminCampaignEdit(c *gin.Context) {
	camp, err := s.campaignOf(c)
	if err != nil {
		s.htmlError(c, err)
		return
	}
	if camp.State != vigie.StateDraft {
		s.htmlError(c, vigie.Errorf(vigie.ECONFLICT, "La campagne a été ouverte : ses réglages sont verrouillés."))
		return
	}
	sp := camp.Spec()
	f := &campaignForm{
		ID: camp.ID, Title: sp.Title, Organisation: sp.Organisation,
		Units: formatUnits(sp.Units), Segments: formatSegments(sp.Segments),
		MinGroupSize: strconv.Itoa(sp.MinGroupSize), CommentMinGroupSize: strconv.Itoa(sp.CommentMinGroupSize),
		LangEN: contains(sp.Languages, "en"), Access: string(sp.Access),
		ConductedByFR: sp.ConductedBy["fr"], ConductedByEN: sp.ConductedBy["en"],
		PurposeFR: sp.Purpose["fr"], PurposeEN: sp.Purpose["en"],
		EndDate: sp.EndDate,
	}
	s.renderCampaignForm(c, http.StatusOK, f, sp.Questionnaires)
}

// adminCampaignSave creates a campaign (no :id) or saves a draft one.
func (s *Server) adminCampaignSave(c *gin.Context) {
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
		Units:               c.PostForm("units"),
		Segments:            c.PostForm("segments"),
		MinGroupSize:        strings.TrimSpace(c.PostForm("min_group_size")),
		CommentMinGroupSize: strings.TrimSpace(c.PostForm("comment_min_group_size")),
		LangEN:              c.PostForm("lang_en") != "",
		Access:              c.PostForm("access"),
		EndDate:             strings.TrimSpace(c.PostForm("end_date")),
	}
	chosen := c.PostFormArray("questionnaires")
	spec := &vigie.CampaignSpec{
		Title: f.Title, Organisation: f.Organisation, Questionnaires: chosen,
		Languages: []string{"fr"}, Access: vigie.AccessMode(f.Access),
		ConductedBy: formText(f.ConductedByFR, f.ConductedByEN),
		Purpose:     formText(f.PurposeFR, f.PurposeEN),
		EndDate:     f.EndDate,
	}
	// A day already over would close the campaign as soon as it opens.
	if vigie.EndDue(f.EndDate, s.now()) {
		f.Errors = append(f.Errors, "La date de fin est déjà passée : choisissez aujourd'hui ou un jour à venir, ou laissez-la vide.")
	}
	if f.LangEN {
		spec.Languages = append(spec.Languages, "en")
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
	for _, n := range []struct {
		text  string
		field *int
		label string
	}{{f.MinGroupSize, &spec.MinGroupSize, "Taille minimale des groupes (k)"}, {f.CommentMinGroupSize, &spec.CommentMinGroupSize, "Seuil des commentaires"}} {
		if n.text == "" {
			continue
		}
		v, err := strconv.Atoi(n.text)
		if err != nil {
			f.Errors = append(f.Errors, fmt.Sprintf("%s : « %s » n'est pas un nombre entier.", n.label, n.text))
		}
		*n.field = v
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
	for _, q := range qs {
		_, builtin := builtinQuestionnaire(q.ID)
		f.Questionnaires = append(f.Questionnaires, questionnaireChoice{
			ID: q.ID, Title: q.Title.In("fr", q.Language), Builtin: builtin, Checked: contains(chosen, q.ID),
		})
	}
	s.render(c, status, "admin_campaign_form", f)
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

// formatSegments writes segments back as the textarea shows them.
func formatSegments(segs []vigie.Segment) string {
	var b strings.Builder
	for _, g := range segs {
		b.WriteString(g.ID + ";" + g.Label["fr"] + ";" + strings.Join(g.Categories, ";") + "\n")
	}
	return b.String()
}
