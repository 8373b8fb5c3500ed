package vigie

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Defaults and limits of a campaign description.
const (
	DefaultMinGroupSize        = 5  // k when the file does not say
	MinMinGroupSize            = 3  // the smallest k Vigie accepts
	DefaultCommentMinGroupSize = 10 // comment threshold when the file does not say
	// DefaultPriorityShare is the share of unfavourable respondents from
	// which a published result is a priority when the file does not say.
	DefaultPriorityShare = 0.5
	MaxSegments          = 5 // more segments would cut groups too thin
	MinSegmentCategories = 2
	MaxSegmentCategories = 8
	MaxUnits             = 5000
	maxNameLength        = 100 // runes in a unit name or category
	maxTitleLength       = 200
	MaxConductedByLength = 300  // runes in one language of conducted_by
	MaxPurposeLength     = 2000 // runes in one language of purpose: a short paragraph
	// DefaultRetentionDays is how long after closing the raw answers are
	// kept when the file does not say: a year covers the action plan and
	// the next committee meetings. MaxRetentionDays (three years) covers
	// a campaign used as the previous wave of the next one.
	DefaultRetentionDays = 365
	MaxRetentionDays     = 1095
)

// notSpecified is the name results give to respondents who left a unit or
// segment empty (scoring.NotSpecified); no real unit or category may take it.
const notSpecified = "(non renseigné)"

// Languages Vigie's pages exist in; French is always offered.
var supportedLanguages = []string{"fr", "en"}

var (
	questionnaireIDPattern = regexp.MustCompile(`^[a-z0-9-]{1,64}$`)
	segmentIDPattern       = regexp.MustCompile(`^[a-z0-9-]{1,32}$`)
)

// CampaignSpec is the description of a campaign as a consultant writes it in
// a YAML file or sends it as a JSON body (docs/examples/campagne.yaml). The
// store turns it into a Campaign.
type CampaignSpec struct {
	Title        string `json:"title"`
	Organisation string `json:"organisation"`
	// ConductedBy says who runs the survey and Purpose why, by language
	// ({fr, en}); both optional, French required when present. The entry
	// page shows them to employees.
	ConductedBy         map[string]string `json:"conducted_by,omitempty"`
	Purpose             map[string]string `json:"purpose,omitempty"`
	Questionnaires      []string          `json:"questionnaires"` // built-in or uploaded ids, in answering order
	Units               []UnitSpec        `json:"units"`          // listed paths; parents are implied
	Segments            []Segment         `json:"segments"`
	MinGroupSize        int               `json:"min_group_size"`
	CommentMinGroupSize int               `json:"comment_min_group_size"`
	// PriorityShare is the share of unfavourable respondents (0 < x <= 1)
	// that makes a published dimension a priority; 0 means the default.
	PriorityShare float64    `json:"priority_share,omitempty"`
	Languages     []string   `json:"languages"`
	Access        AccessMode `json:"access"`
	// PaperDoubleEntry is the share of paper sheets drawn for a second
	// entry, in (0, 1]; 0 in a description means the default, 1.
	PaperDoubleEntry float64 `json:"paper_double_entry,omitempty"`
	// Previous names the previous wave (a closed campaign's id) and
	// UnitMap renames its units ("old/path": "new/path"); both optional.
	Previous string            `json:"previous,omitempty"`
	UnitMap  map[string]string `json:"unit_map,omitempty"`
	// RetentionDays is how long after closing the raw answers (responses,
	// codes, comment originals) are kept before Vigie archives the
	// campaign: DefaultRetentionDays when 0, at most MaxRetentionDays.
	RetentionDays int `json:"retention_days,omitempty"`
	// Controller is the organisation responsible for the processing (the
	// client organisation when empty), DPOContact how to reach its data
	// protection officer (e-mail or address), LegalBasis the legal basis
	// (DefaultLegalBasis when empty). All optional.
	Controller string `json:"controller,omitempty"`
	DPOContact string `json:"dpo_contact,omitempty"`
	LegalBasis string `json:"legal_basis,omitempty"`
	// EndDate is the optional last day of answers, "YYYY-MM-DD": shown to
	// employees, and the campaign closes itself at the end of that day
	// (server time). Like every setting it is frozen at opening.
	EndDate string `json:"end_date,omitempty"`
}

// UnitSpec is one unit listed in a campaign description. In a file the path
// is written "Direction A/Service 1" or as a list of names.
type UnitSpec struct {
	Path      []string `json:"path"`
	Headcount int      `json:"headcount"` // 0 when unknown
}

// MaxCampaignSpecSize bounds a campaign description file or body.
const MaxCampaignSpecSize = 1 << 20

// SetDefaults fills the fields a description may leave out: k, the comment
// threshold, the languages and the access mode.
func (s *CampaignSpec) SetDefaults() {
	if s.MinGroupSize == 0 {
		s.MinGroupSize = DefaultMinGroupSize
	}
	if s.CommentMinGroupSize == 0 {
		s.CommentMinGroupSize = max(DefaultCommentMinGroupSize, s.MinGroupSize)
	}
	if s.PriorityShare == 0 {
		s.PriorityShare = DefaultPriorityShare
	}
	if len(s.Languages) == 0 {
		s.Languages = []string{"fr"}
	}
	if s.Access == "" {
		s.Access = AccessCodes
	}
	if s.PaperDoubleEntry == 0 {
		s.PaperDoubleEntry = 1
	}
	if s.RetentionDays == 0 {
		s.RetentionDays = DefaultRetentionDays
	}
}

// Check records in p every rule the description breaks, at the lines l
// says each part was written on. Call SetDefaults first.
func (s *CampaignSpec) Check(l *SpecLines, p *Problems) { validateSpec(s, l, p) }

// Validate checks a description built in code (a form, a test) and returns
// an EINVALID *Error listing every problem, one per line. Call SetDefaults
// first: a zero k is refused here.
func (s *CampaignSpec) Validate() error {
	var p Problems
	validateSpec(s, &SpecLines{}, &p)
	return p.Err()
}

// UnitTree returns every unit of the description, the implied parents
// included, parents before their children and siblings in the order they
// first appear, so the tree reads the way the consultant wrote it.
func (s *CampaignSpec) UnitTree() []Unit {
	type node struct {
		unit     Unit
		children []*node
	}
	root := &node{}
	index := map[string]*node{}
	for _, u := range s.Units {
		parent := root
		for i := range u.Path {
			key := strings.Join(u.Path[:i+1], "/")
			n, ok := index[key]
			if !ok {
				n = &node{unit: Unit{Path: slices.Clone(u.Path[:i+1])}}
				index[key] = n
				parent.children = append(parent.children, n)
			}
			parent = n
		}
		parent.unit.Headcount = u.Headcount
	}
	var out []Unit
	var walk func(n *node)
	walk = func(n *node) {
		for _, c := range n.children {
			out = append(out, c.unit)
			walk(c)
		}
	}
	walk(root)
	return out
}

// Spec returns the description of c, so a draft campaign can be edited and
// saved again: the units listed are the leaves and every unit with a headcount.
func (c *Campaign) Spec() *CampaignSpec {
	s := &CampaignSpec{
		Title:               c.Title,
		Organisation:        c.Organisation,
		ConductedBy:         cloneText(c.ConductedBy),
		Purpose:             cloneText(c.Purpose),
		Questionnaires:      slices.Clone(c.Questionnaires),
		MinGroupSize:        c.MinGroupSize,
		CommentMinGroupSize: c.CommentMinGroupSize,
		PriorityShare:       c.PriorityShare,
		Languages:           slices.Clone(c.Languages),
		Access:              c.Access,
		EndDate:             c.EndDate,
		PaperDoubleEntry:    c.PaperDoubleEntry,
		Previous:            c.Previous,
		UnitMap:             cloneText(c.UnitMap),
		RetentionDays:       c.RetentionDays,
		Controller:          c.Controller,
		DPOContact:          c.DPOContact,
		LegalBasis:          c.LegalBasis,
	}
	for i, u := range c.Units {
		leaf := i+1 == len(c.Units) || !isPrefix(u.Path, c.Units[i+1].Path)
		if leaf || u.Headcount > 0 {
			s.Units = append(s.Units, UnitSpec{Path: slices.Clone(u.Path), Headcount: u.Headcount})
		}
	}
	for _, seg := range c.Segments {
		s.Segments = append(s.Segments, Segment{ID: seg.ID, Label: cloneMap(seg.Label), Categories: slices.Clone(seg.Categories), CategoryLabels: cloneLabels(seg.CategoryLabels)})
	}
	return s
}

// HasUnit reports whether path is a unit of c (a listed or implied one).
func (c *Campaign) HasUnit(path []string) bool {
	for _, u := range c.Units {
		if slices.Equal(u.Path, path) {
			return true
		}
	}
	return false
}

// Segment returns the campaign's segment with the given id, or nil.
func (c *Campaign) Segment(id string) *Segment {
	for i := range c.Segments {
		if c.Segments[i].ID == id {
			return &c.Segments[i]
		}
	}
	return nil
}

func isPrefix(prefix, path []string) bool {
	return len(prefix) < len(path) && slices.Equal(prefix, path[:len(prefix)])
}

func cloneMap(m map[string]string) map[string]string {
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// cloneLabels copies a segment's category translations, nil staying nil.
func cloneLabels(m map[string]map[string]string) map[string]map[string]string {
	if m == nil {
		return nil
	}
	out := make(map[string]map[string]string, len(m))
	for k, v := range m {
		out[k] = cloneMap(v)
	}
	return out
}

// cloneText copies a language map, keeping nil as nil (an absent field).
func cloneText(m map[string]string) map[string]string {
	if m == nil {
		return nil
	}
	return cloneMap(m)
}

// SpecLines remembers where each part of a description was written, so a
// problem found after decoding still points at its line. Every lookup
// tolerates a missing entry (descriptions built in code have no lines).
// The campaign-file decoder (campaignfile) fills it.
type SpecLines struct {
	Fields         map[string]int // top-level key -> line of its value
	Questionnaires []int
	Units          []int
	Segments       []SegmentLines
	Languages      []int
	Texts          map[string]map[string]int // language-map field -> language -> line
}

// SegmentLines are the lines of one segment of a description.
type SegmentLines struct {
	ID, Label, Categories int
	Category              []int
	MissingFrench         []int // lines of categories written {en: ...} without fr
}

func (l *SpecLines) field(name string) int { return l.Fields[name] }

func at(lines []int, i int) int {
	if i < len(lines) {
		return lines[i]
	}
	return 0
}

// validateSpec checks every rule of a description and records the problems.
func validateSpec(s *CampaignSpec, l *SpecLines, p *Problems) {
	checkText(p, l.field("title"), "title", "le titre", "requis", s.Title)
	checkText(p, l.field("organisation"), "organisation", "l'organisation", "requise", s.Organisation)
	checkLanguageText(p, l, "conducted_by", s.ConductedBy, MaxConductedByLength)
	checkLanguageText(p, l, "purpose", s.Purpose, MaxPurposeLength)
	for _, f := range []struct{ key, v string }{{"controller", s.Controller}, {"dpo_contact", s.DPOContact}, {"legal_basis", s.LegalBasis}} {
		if n := utf8.RuneCountInString(f.v); n > MaxGDPRFieldLength {
			p.Add(l.field(f.key), "%s : le texte dépasse %s caractères (%s)", f.key, Grouped(MaxGDPRFieldLength), Grouped(n))
		}
	}

	if len(s.Questionnaires) == 0 {
		p.Add(l.field("questionnaires"), "questionnaires : au moins un questionnaire est requis")
	}
	seenQ := map[string]bool{}
	for i, id := range s.Questionnaires {
		switch {
		case !questionnaireIDPattern.MatchString(id):
			p.Add(at(l.Questionnaires, i), "questionnaires : identifiant invalide « %s » (lettres minuscules, chiffres et tirets)", Reveal(id))
		case seenQ[id]:
			p.Add(at(l.Questionnaires, i), "questionnaires : « %s » figure deux fois", id)
		}
		seenQ[id] = true
	}

	validateUnits(s, l, p)
	validateSegments(s, l, p)

	if s.MinGroupSize < MinMinGroupSize {
		p.Add(l.field("min_group_size"), "min_group_size : le seuil d'anonymat doit être au moins %d, pas %d", MinMinGroupSize, s.MinGroupSize)
	}
	if !(s.PaperDoubleEntry > 0 && s.PaperDoubleEntry <= 1) {
		p.Add(l.field("paper_double_entry"), "paper_double_entry : la part des feuilles saisies deux fois est comprise entre 0 (exclu) et 1 (toutes), pas %v", s.PaperDoubleEntry)
	}
	if s.CommentMinGroupSize < s.MinGroupSize {
		p.Add(l.field("comment_min_group_size"), "comment_min_group_size : le seuil des commentaires (%d) doit être au moins égal au seuil d'anonymat (%d)", s.CommentMinGroupSize, s.MinGroupSize)
	}
	// NaN fails both comparisons, hence the negated form.
	if !(s.PriorityShare > 0 && s.PriorityShare <= 1) {
		p.Add(l.field("priority_share"), "priority_share : la part de répondants en zone défavorable qui fait une priorité doit être comprise entre 0 (exclu) et 1, pas %v", s.PriorityShare)
	}

	if s.RetentionDays < 1 || s.RetentionDays > MaxRetentionDays {
		p.Add(l.field("retention_days"), "retention_days : la durée de conservation des réponses après la clôture va de 1 à %d jours (3 ans), pas %d", MaxRetentionDays, s.RetentionDays)
	}

	seenL := map[string]bool{}
	for i, lang := range s.Languages {
		switch {
		case !slices.Contains(supportedLanguages, lang):
			p.Add(at(l.Languages, i), "languages : langue « %s » non prise en charge (fr ou en)", lang)
		case seenL[lang]:
			p.Add(at(l.Languages, i), "languages : « %s » figure deux fois", lang)
		}
		seenL[lang] = true
	}
	if !seenL["fr"] {
		p.Add(l.field("languages"), "languages : le français (fr) doit figurer parmi les langues")
	}

	if s.Access != AccessCodes && s.Access != AccessLink {
		p.Add(l.field("access"), "access : mode d'accès « %s » inconnu (codes ou link)", s.Access)
	}
	if s.EndDate != "" {
		if _, err := ParseEndDate(s.EndDate); err != nil {
			p.Add(l.field("end_date"), "end_date : la date de fin « %s » n'est pas une date AAAA-MM-JJ (par exemple 2026-11-15)", Reveal(s.EndDate))
		}
	}
	validateWaves(s, l, p)
}

// ParseEndDate reads a campaign's end date ("2026-11-15") as midnight of
// that day in the server's time zone.
func ParseEndDate(s string) (time.Time, error) {
	return time.ParseInLocation(time.DateOnly, s, time.Local)
}

// EndDue reports whether a campaign with end date endDate ("" for none)
// is past it at now: answers are accepted until the end of that day.
func EndDue(endDate string, now time.Time) bool {
	if endDate == "" {
		return false
	}
	d, err := ParseEndDate(endDate)
	if err != nil {
		return false
	}
	return !now.Before(d.AddDate(0, 0, 1))
}

// validateWaves checks previous and unit_map as far as the description
// alone allows; that the previous campaign exists and is closed is the
// store's to check.
func validateWaves(s *CampaignSpec, l *SpecLines, p *Problems) {
	if s.Previous != "" && strings.TrimSpace(s.Previous) != s.Previous {
		p.Add(l.field("previous"), "previous : identifiant de campagne invalide « %s »", Reveal(s.Previous))
	}
	if len(s.UnitMap) > 0 && s.Previous == "" {
		p.Add(l.field("unit_map"), "unit_map : ne sert qu'avec previous (la campagne précédente)")
	}
	byNew := map[string][]string{}
	for _, old := range slices.Sorted(maps.Keys(s.UnitMap)) {
		cur := s.UnitMap[old]
		if strings.Trim(old, " /") == "" || strings.Trim(cur, " /") == "" {
			p.Add(l.field("unit_map"), "unit_map : chemin de service vide (« %s » → « %s »)", Reveal(old), Reveal(cur))
			continue
		}
		byNew[cur] = append(byNew[cur], old)
	}
	// A merge is refused: the merged group was never published as such in
	// the previous wave, and rebuilding it from its parts is not what the
	// rules published.
	for _, cur := range slices.Sorted(maps.Keys(byNew)) {
		if olds := byNew[cur]; len(olds) > 1 {
			p.Add(l.field("unit_map"), "unit_map : « %s » deviennent tous « %s » ; une fusion ne se compare pas (les groupes d'avant ne sont pas ceux d'aujourd'hui) : renommez au plus un ancien service vers chaque nouveau",
				strings.Join(olds, " », « "), cur)
		}
	}
}

// checkName records CheckName's message when name holds an unsafe
// character; what starts the message.
func checkName(p *Problems, line int, what, name string) {
	if err := CheckName(what, name); err != nil {
		p.Add(line, "%s", strings.TrimSuffix(ErrorMessage(err), "."))
	}
}

// checkText checks a required one-line text; required is « requis » or
// « requise », agreeing with what (French needs the noun's gender, which
// the message cannot guess).
func checkText(p *Problems, line int, key, what, required, v string) {
	switch {
	case strings.TrimSpace(v) == "":
		p.Add(line, "%s : %s est %s", key, what, required)
	case utf8.RuneCountInString(v) > maxTitleLength:
		p.Add(line, "%s : %s dépasse %d caractères", key, what, maxTitleLength)
	default:
		checkName(p, line, key+" : "+what, v)
	}
}

// checkLanguageText checks an optional language map: absent (nil) is fine;
// present, it needs a French text, only supported languages, and texts of
// at most limit runes.
func checkLanguageText(p *Problems, l *SpecLines, key string, m map[string]string, limit int) {
	if m == nil {
		return
	}
	line := func(lang string) int {
		if n := l.Texts[key][lang]; n > 0 {
			return n
		}
		return l.field(key)
	}
	if strings.TrimSpace(m["fr"]) == "" {
		p.Add(l.field(key), "%s : le texte en français (%s.fr) est requis", key, key)
	}
	langs := make([]string, 0, len(m))
	for lang := range m {
		langs = append(langs, lang)
	}
	slices.Sort(langs) // one message order whatever the map's
	for _, lang := range langs {
		switch n := utf8.RuneCountInString(m[lang]); {
		case !slices.Contains(supportedLanguages, lang):
			p.Add(line(lang), "%s : langue « %s » non prise en charge (fr ou en)", key, lang)
		case n > limit:
			p.Add(line(lang), "%s.%s : le texte dépasse %s caractères (%s)", key, lang, Grouped(limit), Grouped(n))
		}
	}
}

func validateUnits(s *CampaignSpec, l *SpecLines, p *Problems) {
	if len(s.Units) > MaxUnits {
		p.Add(l.field("units"), "unités : au plus %d unités", MaxUnits)
		return
	}
	seen := map[string]int{}
	for i, u := range s.Units {
		line := at(l.Units, i)
		if len(u.Path) == 0 {
			p.Add(line, "unités : le chemin est vide")
			continue
		}
		ok := true
		for _, name := range u.Path {
			if _, bad := UnsafeRune(name); bad {
				// First, and without quoting the raw name: the character
				// would act inside the message too.
				checkName(p, line, "unités : le nom « "+Reveal(name)+" »", name)
				ok = false
				continue
			}
			switch {
			case strings.TrimSpace(name) == "":
				p.Add(line, "unités : « %s » contient un nom vide", strings.Join(u.Path, "/"))
				ok = false
			case strings.Contains(name, "/"):
				p.Add(line, "unités : le nom « %s » ne peut pas contenir « / »", name)
				ok = false
			case utf8.RuneCountInString(name) > maxNameLength:
				p.Add(line, "unités : le nom « %s » dépasse %d caractères", name, maxNameLength)
				ok = false
			case name == notSpecified:
				p.Add(line, "unités : « %s » est réservé aux réponses sans unité", notSpecified)
				ok = false
			}
		}
		if u.Headcount < 0 {
			p.Add(line, "unités : l'effectif de « %s » ne peut pas être négatif (%d)", strings.Join(u.Path, "/"), u.Headcount)
		}
		if !ok {
			continue
		}
		key := strings.Join(u.Path, "/")
		if prev, dup := seen[key]; dup {
			if prev > 0 {
				p.Add(line, "unités : « %s » figure deux fois (déjà à la ligne %d)", key, prev)
			} else {
				p.Add(line, "unités : « %s » figure deux fois", key)
			}
		}
		seen[key] = line
	}
}

func validateSegments(s *CampaignSpec, l *SpecLines, p *Problems) {
	if len(s.Segments) > MaxSegments {
		p.Add(l.field("segments"), "segments : au plus %d segments (chacun réduit la taille des groupes)", MaxSegments)
	}
	seen := map[string]bool{}
	for i, seg := range s.Segments {
		sid := Reveal(seg.ID) // quoted in messages
		var sl SegmentLines
		if i < len(l.Segments) {
			sl = l.Segments[i]
		}
		switch {
		case !segmentIDPattern.MatchString(seg.ID):
			p.Add(sl.ID, "segments : identifiant invalide « %s » (lettres minuscules, chiffres et tirets)", sid)
		case seen[seg.ID]:
			p.Add(sl.ID, "segments : « %s » figure deux fois", sid)
		}
		seen[seg.ID] = true
		if strings.TrimSpace(seg.Label["fr"]) == "" {
			p.Add(sl.Label, "segments : « %s » : le libellé en français (label.fr) est requis", sid)
		}
		for _, lang := range slices.Sorted(maps.Keys(seg.Label)) {
			if !slices.Contains(supportedLanguages, lang) {
				p.Add(sl.Label, "segments : « %s » : langue « %s » non prise en charge (fr ou en)", sid, lang)
				continue
			}
			checkName(p, sl.Label, fmt.Sprintf("segments : « %s » : le libellé (label.%s)", sid, lang), seg.Label[lang])
		}
		if n := len(seg.Categories); n < MinSegmentCategories || n > MaxSegmentCategories {
			p.Add(sl.Categories, "segments : « %s » doit avoir entre %d et %d catégories, pas %d", sid, MinSegmentCategories, MaxSegmentCategories, n)
		}
		for _, line := range sl.MissingFrench {
			p.Add(line, "segments : « %s » : une catégorie n'a pas de texte en français (fr), qui lui sert de nom dans les résultats", sid)
		}
		validateCategoryLabels(p, sl, sid, &seg)
		seenC := map[string]bool{}
		for j, c := range seg.Categories {
			line := at(sl.Category, j)
			if line == 0 {
				line = sl.Categories
			}
			if _, bad := UnsafeRune(c); bad {
				checkName(p, line, fmt.Sprintf("segments : « %s » : la catégorie « %s »", sid, Reveal(c)), c)
				continue
			}
			switch {
			case strings.TrimSpace(c) == "":
				p.Add(line, "segments : « %s » : une catégorie est vide", sid)
			case utf8.RuneCountInString(c) > maxNameLength:
				p.Add(line, "segments : « %s » : la catégorie « %s » dépasse %d caractères", sid, c, maxNameLength)
			case c == notSpecified:
				p.Add(line, "segments : « %s » : « %s » est réservé aux réponses sans catégorie", sid, notSpecified)
			case seenC[c]:
				p.Add(line, "segments : « %s » : la catégorie « %s » figure deux fois", sid, c)
			}
			seenC[c] = true
		}
	}
}

// validateCategoryLabels checks the translations of a segment's
// categories: each belongs to a category, in a supported language, with a
// safe text. The French text is the category itself, so it must match.
func validateCategoryLabels(p *Problems, sl SegmentLines, sid string, seg *Segment) {
	for j, c := range seg.Categories {
		labels, ok := seg.CategoryLabels[c]
		if !ok {
			continue
		}
		line := at(sl.Category, j)
		if line == 0 {
			line = sl.Categories
		}
		if fr, ok := labels["fr"]; ok && fr != c {
			p.Add(line, "segments : « %s » : la catégorie « %s » a pour texte français « %s »", sid, Reveal(c), Reveal(fr))
		}
		for _, lang := range slices.Sorted(maps.Keys(labels)) {
			if !slices.Contains(supportedLanguages, lang) {
				p.Add(line, "segments : « %s » : langue « %s » non prise en charge (fr ou en)", sid, lang)
				continue
			}
			if lang == "fr" {
				continue // the category itself, checked with the plain form
			}
			switch v := labels[lang]; {
			case strings.TrimSpace(v) == "":
				p.Add(line, "segments : « %s » : la catégorie « %s » a un texte vide en %s", sid, Reveal(c), lang)
			case utf8.RuneCountInString(v) > maxNameLength:
				p.Add(line, "segments : « %s » : la catégorie « %s » dépasse %d caractères en %s", sid, Reveal(c), maxNameLength, lang)
			default:
				checkName(p, line, fmt.Sprintf("segments : « %s » : la catégorie « %s » (%s)", sid, Reveal(c), lang), v)
			}
		}
	}
	for c := range seg.CategoryLabels {
		if !slices.Contains(seg.Categories, c) {
			p.Add(sl.Categories, "segments : « %s » : traduction d'une catégorie absente « %s »", sid, Reveal(c))
		}
	}
}
