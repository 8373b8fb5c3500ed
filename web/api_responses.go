package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"github.com/vigie-sante/vigie"
)

// apiSubmission is the body of POST /api/v1/campaigns/:id/responses.
//
// answers accepts item ids at the top level when the id belongs to one
// questionnaire of the campaign only ({"eff1": 4}), or grouped by
// questionnaire ({"reconnaissance": {"eff1": 4}}), which is always
// unambiguous; both forms may be mixed. A null value means "prefer not to
// answer". See docs/api.md.
type apiSubmission struct {
	Code     string                     `json:"code"`
	Unit     string                     `json:"unit"`
	Segments map[string]json.RawMessage `json:"segments"`
	Answers  map[string]json.RawMessage `json:"answers"`
	Comments map[string]json.RawMessage `json:"comments"`
}

// apiSubmitResponse stores one complete response sent as JSON (kiosks,
// integrations). It answers 201 {"status":"ok"} and never the response's
// id, which would let the sender find the answer again. A valid, unused
// code always goes through; refused codes are told within the limits of
// code_limits.go, and answered 429 beyond: here the answer to an unused
// code is to spend it, so a 429 that means "used" gives a poller nothing
// it could not get by spending the code.
func (s *Server) apiSubmitResponse(c *gin.Context) {
	cv, err := s.campaignByID(c.Request.Context(), c.Param("id"))
	if err != nil {
		s.jsonError(c, err)
		return
	}
	var sub apiSubmission
	if err := decodeJSON(c.Request.Body, &sub); err != nil {
		s.jsonError(c, err)
		return
	}
	a, err := cv.apiAnswers(&sub)
	if err != nil {
		s.jsonError(c, err)
		return
	}

	code := strings.TrimSpace(sub.Code)
	if cv.Access != vigie.AccessLink {
		if code == "" {
			s.jsonError(c, vigie.Errorf(vigie.EINVALID, "code : le code d'accès est obligatoire."))
			return
		}
		// An address past its limit is a guesser's or a poller's, maybe
		// with honest colleagues: the code is checked read-only first,
		// so that guesses do not reach the single writer.
		if !s.limits.client.Allow(addrID(c.ClientIP())) {
			if _, err := s.store.CheckCode(c.Request.Context(), cv.ID, code); err != nil {
				s.apiCodeError(c, cv.ID, err)
				return
			}
		}
	} else if code != "" {
		s.jsonError(c, vigie.Errorf(vigie.EINVALID, "code : cette enquête s'ouvre par un lien et n'utilise pas de code."))
		return
	}
	// The unit fixed by a code, if any, is checked by the store in the
	// same transaction that uses the code: no separate look-up here.
	r, err := cv.response(a, nil)
	if err != nil {
		s.jsonError(c, err)
		return
	}
	if err := s.store.SubmitResponse(c.Request.Context(), cv.ID, code, r, s.now()); err != nil {
		if vigie.ErrorCode(err) == vigie.EINTERNAL {
			// An outage, or worse: the response may be recorded (see
			// respondSubmit); the message says how to find out.
			err = fmt.Errorf("%w: %w", errSubmitUncertainAPI, err)
		}
		s.apiCodeError(c, cv.ID, err)
		return
	}
	c.JSON(http.StatusCreated, gin.H{"status": "ok"})
}

// apiCodeError answers a refused submission: a refused code as such
// within the limits, 429 beyond; any other error as it is.
func (s *Server) apiCodeError(c *gin.Context, campaignID string, err error) {
	if codeRefused(err) && !s.mayTell(c, campaignID, err) {
		err = errTooManyAttempts
	}
	s.jsonError(c, err)
}

// decodeJSON reads one JSON object into v, turning decoding failures into
// messages that name the field at fault. Bytes that are not UTF-8 are
// refused before decoding: encoding/json would quietly turn them into
// U+FFFD, and a comment or an action would be stored other than sent.
func decodeJSON(body io.Reader, v any) error {
	data, err := readBody(body)
	if err != nil {
		return err
	}
	if !utf8.Valid(data) {
		return vigie.Errorf(vigie.EINVALID, "Le corps de la requête n'est pas du texte UTF-8 valide (octet n° %d) : envoyez-le en UTF-8.", invalidUTF8At(data)+1)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	err = dec.Decode(v)
	if err == nil && dec.More() {
		err = errors.New("trailing data")
	}
	var maxErr *http.MaxBytesError
	var typeErr *json.UnmarshalTypeError
	var syntaxErr *json.SyntaxError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &maxErr):
		return errTooLarge
	case errors.As(err, &typeErr) && typeErr.Field == "":
		return vigie.Errorf(vigie.EINVALID, "Le corps de la requête doit être un objet JSON ({…}), pas %s.", jsonValue(typeErr.Value))
	case errors.As(err, &typeErr):
		return vigie.Errorf(vigie.EINVALID, "%s : type incorrect (%s attendu, %s reçu).", typeErr.Field, jsonType(typeErr.Type.Kind().String()), jsonValue(typeErr.Value))
	case errors.As(err, &syntaxErr), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return vigie.Errorf(vigie.EINVALID, "Le corps de la requête n'est pas un JSON valide.")
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		return vigie.Errorf(vigie.EINVALID, "%s : champ inconnu.", strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`))
	default:
		return vigie.Errorf(vigie.EINVALID, "Le corps de la requête n'est pas un JSON valide.")
	}
}

// invalidUTF8At returns the offset of the first byte of data that is not
// part of a UTF-8 character.
func invalidUTF8At(data []byte) int {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return len(data)
}

// readBody reads a whole request body that is not a JSON object of known
// fields (decodeJSON's case): over the size limit it is a 413, any other
// failure a 400.
func readBody(body io.Reader) ([]byte, error) {
	data, err := io.ReadAll(body)
	var maxErr *http.MaxBytesError
	switch {
	case err == nil:
		return data, nil
	case errors.As(err, &maxErr):
		return nil, errTooLarge
	default:
		return nil, vigie.Errorf(vigie.EINVALID, "Le corps de la requête est illisible.")
	}
}

// jsonType names a Go kind in JSON words.
func jsonType(kind string) string {
	switch kind {
	case "string":
		return "texte"
	case "map", "struct":
		return "objet"
	case "int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64":
		return "entier"
	case "float32", "float64":
		return "nombre"
	case "slice", "array":
		return "tableau"
	case "bool":
		return "booléen"
	default:
		return kind
	}
}

// jsonValue names, in French, the JSON value that encoding/json describes
// as "number 3.5", "string", "array", "object" or "bool".
func jsonValue(v string) string {
	kind, rest, _ := strings.Cut(v, " ")
	word, ok := map[string]string{"number": "nombre", "string": "texte", "array": "tableau", "object": "objet", "bool": "booléen"}[kind]
	if !ok {
		return shorten(v)
	}
	if rest != "" {
		return word + " " + shorten(rest)
	}
	return word
}

// apiAnswers resolves the answers of sub to questionnaire ids.
func (cv *campaignView) apiAnswers(sub *apiSubmission) (*answerSet, error) {
	a := &answerSet{
		Unit:     strings.Trim(sub.Unit, "/ "),
		Segments: map[string]string{},
		Answers:  map[string]map[string]int{},
		Comments: map[string]string{},
	}
	for id, raw := range sub.Segments {
		v, err := textValue("segments."+id, raw)
		if err != nil {
			return nil, err
		}
		a.Segments[id] = v
	}
	for qid, raw := range sub.Comments {
		v, err := textValue("comments."+qid, raw)
		if err != nil {
			return nil, err
		}
		a.Comments[qid] = v
	}
	put := func(field, qid, item string, raw json.RawMessage) error {
		v, err := answerValue(field, raw)
		if err != nil {
			return err
		}
		if a.Answers[qid] == nil {
			a.Answers[qid] = map[string]int{}
		}
		if _, dup := a.Answers[qid][item]; dup {
			return vigie.Errorf(vigie.EINVALID, "%s : l'item est donné deux fois.", field)
		}
		a.Answers[qid][item] = v
		return nil
	}
	for key, raw := range sub.Answers {
		raw = bytes.TrimSpace(raw)
		if len(raw) > 0 && raw[0] == '{' {
			if cv.questionnaire(key) == nil {
				return nil, vigie.Errorf(vigie.EINVALID, "answers.%s : cette enquête n'a pas de questionnaire « %s ».", key, key)
			}
			var items map[string]json.RawMessage
			if err := json.Unmarshal(raw, &items); err != nil {
				return nil, vigie.Errorf(vigie.EINVALID, "answers.%s : objet invalide.", key)
			}
			for item, v := range items {
				if err := put("answers."+key+"."+item, key, item, v); err != nil {
					return nil, err
				}
			}
			continue
		}
		var owners []string
		for _, q := range cv.Qs {
			if q.Item(key) != nil {
				owners = append(owners, q.ID)
			}
		}
		switch len(owners) {
		case 0:
			return nil, vigie.Errorf(vigie.EINVALID, "answers.%s : aucun questionnaire de cette enquête n'a d'item « %s ».", key, key)
		case 1:
			if err := put("answers."+key, owners[0], key, raw); err != nil {
				return nil, err
			}
		default:
			return nil, vigie.Errorf(vigie.EINVALID, "answers.%s : l'item existe dans plusieurs questionnaires (%s) ; regroupez les réponses par questionnaire : {\"%s\": {\"%s\": 4}}.",
				key, strings.Join(owners, ", "), owners[0], key)
		}
	}
	return a, nil
}

// answerValue reads one answer: an integer, or null for "prefer not to
// answer".
func answerValue(field string, raw json.RawMessage) (int, error) {
	s := string(raw)
	if s == "null" {
		return declined, nil
	}
	v, err := strconv.Atoi(s)
	if err != nil || v == declined {
		return 0, vigie.Errorf(vigie.EINVALID, "%s : une réponse est un nombre entier (ou null), pas %s.", field, shorten(s))
	}
	return v, nil
}

// textValue reads a text field of a map: a string, or null for none.
func textValue(field string, raw json.RawMessage) (string, error) {
	var v *string
	if err := json.Unmarshal(raw, &v); err != nil {
		return "", vigie.Errorf(vigie.EINVALID, "%s : du texte est attendu, pas %s.", field, shorten(string(raw)))
	}
	if v == nil {
		return "", nil
	}
	return *v, nil
}

// shorten cuts a value quoted back in a message.
func shorten(s string) string {
	if len(s) > 20 {
		return fmt.Sprintf("%.20s…", s)
	}
	return s
}
