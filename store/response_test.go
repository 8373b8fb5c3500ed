package store_test

import (
	"context"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/store"
	"github.com/vigie-sante/vigie/store/storetest"
)

func TestSubmitResponse(t *testing.T) {
	ctx := context.Background()
	s := MustOpenStore(t)
	c := MustOpenCampaign(t, s, nil)
	codes := MustGenerateCodes(t, s, c.ID, 3)

	r := validResponse()
	if err := s.SubmitResponse(ctx, c.ID, codes[0], r, now); err != nil {
		t.Fatalf("SubmitResponse: %v", err)
	}
	if len(r.ID) != 32 || r.Week != nowWeek {
		t.Fatalf("response id %q week %q, want 32 hex chars and %s", r.ID, r.Week, nowWeek)
	}
	var got []*vigie.Response
	if err := s.EachResponse(ctx, c.ID, func(r *vigie.Response) error { got = append(got, r); return nil }); err != nil {
		t.Fatalf("EachResponse: %v", err)
	}
	if len(got) != 1 {
		t.Fatalf("%d responses stored, want 1", len(got))
	}
	g := got[0]
	if g.ID != r.ID || g.Week != nowWeek || g.Answers["sens-du-travail"]["us2"] != 5 || g.Segments["metier"] != "Encadrement" ||
		g.Comments["reconnaissance"] != "Trop de dossiers." || len(g.Unit) != 2 || g.Unit[1] != "Service 2" {
		t.Fatalf("stored response = %+v", g)
	}
	t.Run("ErrCodeAlreadyUsed", func(t *testing.T) {
		wantCode(t, s.SubmitResponse(ctx, c.ID, codes[0], validResponse(), now), vigie.ECONFLICT)
	})
}

func TestSubmitResponseErrors(t *testing.T) {
	ctx := context.Background()
	s := MustOpenStore(t)
	c := MustOpenCampaign(t, s, nil)
	codes := MustGenerateCodes(t, s, c.ID, 1)
	code := codes[0]
	unitCode, err := s.GenerateCodes(ctx, c.ID, 1, []string{"Direction B"})
	if err != nil {
		t.Fatal(err)
	}
	draft := MustCreateCampaign(t, s, nil)
	draftCodes := MustGenerateCodes(t, s, draft.ID, 1)
	closed := MustOpenCampaign(t, s, nil)
	closedCodes := MustGenerateCodes(t, s, closed.ID, 1)
	if err := s.CloseCampaign(ctx, closed.ID, now); err != nil {
		t.Fatal(err)
	}

	long := strings.Repeat("é", store.MaxCommentLength+1)
	for _, tt := range []struct {
		name     string
		campaign string
		code     string
		edit     func(r *vigie.Response)
		want     string
	}{
		{"ErrCampaignNotFound", "c_nope", code, nil, vigie.ENOTFOUND},
		{"ErrCampaignDraft", draft.ID, draftCodes[0], nil, vigie.ECONFLICT},
		{"ErrCampaignClosed", closed.ID, closedCodes[0], nil, vigie.ECONFLICT},
		{"ErrNoCode", c.ID, "", nil, vigie.EFORBIDDEN},
		{"ErrUnknownCode", c.ID, "AAAA-BBBB-CCCC", nil, vigie.EFORBIDDEN},
		{"ErrCodeOfAnotherCampaign", c.ID, closedCodes[0], nil, vigie.EFORBIDDEN},
		{"ErrUnknownUnit", c.ID, code, func(r *vigie.Response) { r.Unit = []string{"Direction A", "Service 9"} }, vigie.EINVALID},
		{"ErrUnitOfCode", c.ID, unitCode[0], func(r *vigie.Response) { r.Unit = []string{"Direction A"} }, vigie.EINVALID},
		{"ErrUnknownSegment", c.ID, code, func(r *vigie.Response) { r.Segments["age"] = "30-39" }, vigie.EINVALID},
		{"ErrUnknownCategory", c.ID, code, func(r *vigie.Response) { r.Segments["metier"] = "Pilote" }, vigie.EINVALID},
		{"ErrUnknownQuestionnaire", c.ID, code, func(r *vigie.Response) { r.Answers["autre"] = map[string]int{"x": 1} }, vigie.EINVALID},
		{"ErrUnknownItem", c.ID, code, func(r *vigie.Response) { r.Answers["sens-du-travail"]["zz9"] = 3 }, vigie.EINVALID},
		{"ErrValueOutOfScale", c.ID, code, func(r *vigie.Response) { r.Answers["sens-du-travail"]["us1"] = 6 }, vigie.EINVALID},
		{"ErrValueZero", c.ID, code, func(r *vigie.Response) { r.Answers["sens-du-travail"]["us1"] = 0 }, vigie.EINVALID},
		{"ErrCommentTooLong", c.ID, code, func(r *vigie.Response) { r.Comments["sens-du-travail"] = long }, vigie.EINVALID},
		{"ErrCommentUnknownQuestionnaire", c.ID, code, func(r *vigie.Response) { r.Comments["autre"] = "x" }, vigie.EINVALID},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := validResponse()
			if tt.edit != nil {
				tt.edit(r)
			}
			wantCode(t, s.SubmitResponse(ctx, tt.campaign, tt.code, r, now), tt.want)
		})
	}
	// Nothing was stored, and the code still works.
	if n, _ := s.ResponseCount(ctx, c.ID); n != 0 {
		t.Fatalf("%d responses stored after refused submissions, want 0", n)
	}
	if _, err := s.CheckCode(ctx, c.ID, code); err != nil {
		t.Fatalf("code no longer valid after refused submissions: %v", err)
	}

	t.Run("UnitFromCode", func(t *testing.T) {
		r := validResponse()
		r.Unit = nil
		if err := s.SubmitResponse(ctx, c.ID, unitCode[0], r, now); err != nil {
			t.Fatal(err)
		}
		counts, err := s.UnitCounts(ctx, c.ID)
		if err != nil || counts["Direction B"] != 1 || len(counts) != 1 {
			t.Fatalf("UnitCounts = %v, %v; want Direction B: 1", counts, err)
		}
	})
	t.Run("EmptyPartsDropped", func(t *testing.T) {
		r := &vigie.Response{
			Segments: map[string]string{"metier": ""},
			Answers:  map[string]map[string]int{"reconnaissance": {}},
			Comments: map[string]string{"sens-du-travail": "   "},
		}
		if err := s.SubmitResponse(ctx, c.ID, code, r, now); err != nil {
			t.Fatal(err)
		}
		err := s.EachResponse(ctx, c.ID, func(got *vigie.Response) error {
			if got.ID == r.ID && (len(got.Segments)+len(got.Answers)+len(got.Comments) != 0 || got.Unit != nil) {
				t.Fatalf("stored %+v, want an empty response", got)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	})
}

func TestSubmitResponseLinkMode(t *testing.T) {
	ctx := context.Background()
	s := MustOpenStore(t)
	spec := testSpec()
	spec.Access = vigie.AccessLink
	c := MustOpenCampaign(t, s, spec)
	for range 2 { // one person can answer twice: that is what link mode means
		if err := s.SubmitResponse(ctx, c.ID, "", validResponse(), now); err != nil {
			t.Fatalf("SubmitResponse in link mode: %v", err)
		}
	}
	wantCode(t, s.SubmitResponse(ctx, c.ID, "AAAA-BBBB-CCCC", validResponse(), now), vigie.EINVALID)
	if n, _ := s.ResponseCount(ctx, c.ID); n != 2 {
		t.Fatalf("ResponseCount = %d, want 2", n)
	}
}

// TestSubmitResponseConcurrent submits 200 responses with distinct codes at
// once, and 5 at once for each of 20 other codes: every distinct code lands
// exactly once.
func TestSubmitResponseConcurrent(t *testing.T) {
	ctx := context.Background()
	s := MustOpenStore(t)
	c := MustOpenCampaign(t, s, nil)
	codes := MustGenerateCodes(t, s, c.ID, 220)

	var wg sync.WaitGroup
	errs := make(chan error, 300)
	for _, code := range codes[:200] {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs <- s.SubmitResponse(ctx, c.ID, code, validResponse(), now)
		}()
	}
	var ok, conflict atomic.Int32
	for _, code := range codes[200:] {
		for range 5 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				switch err := s.SubmitResponse(ctx, c.ID, code, validResponse(), now); vigie.ErrorCode(err) {
				case "":
					ok.Add(1)
				case vigie.ECONFLICT:
					conflict.Add(1)
				default:
					errs <- err
				}
			}()
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatalf("SubmitResponse: %v", err)
		}
	}
	if ok.Load() != 20 || conflict.Load() != 80 {
		t.Fatalf("double submits: %d stored, %d conflicts; want 20 and 80", ok.Load(), conflict.Load())
	}
	if n, _ := s.ResponseCount(ctx, c.ID); n != 220 {
		t.Fatalf("ResponseCount = %d, want 220", n)
	}
	if total, used, _ := s.CodeCounts(ctx, c.ID); total != 220 || used != 220 {
		t.Fatalf("CodeCounts = %d, %d; want 220, 220", total, used)
	}
}

// TestResponsesTableRevealsNothing checks the schema: no column that could
// hold an address, a code or a time finer than the week, and no rowid
// whose order would be the order of submission.
func TestResponsesTableRevealsNothing(t *testing.T) {
	ctx := context.Background()
	s := MustOpenStore(t)
	c := MustOpenCampaign(t, s, nil)
	codes := MustGenerateCodes(t, s, c.ID, 40)
	var submitted []string
	for _, code := range codes {
		r := validResponse()
		if err := s.SubmitResponse(ctx, c.ID, code, r, now); err != nil {
			t.Fatal(err)
		}
		submitted = append(submitted, r.ID)
	}

	db := rawDB(t, s.Path())
	if storetest.Postgres() {
		// No rowid to look for: what would number the rows is a
		// sequence (serial or identity column).
		var n int
		err := db.QueryRow(`SELECT count(*) FROM information_schema.columns
			WHERE table_schema = current_schema() AND table_name = 'responses'
				AND (column_default LIKE 'nextval%' OR is_identity = 'YES')`).Scan(&n)
		if err != nil || n != 0 {
			t.Fatalf("responses has %d columns drawn from a sequence (%v), want none", n, err)
		}
	} else {
		var ddl string
		if err := db.QueryRow(`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'responses'`).Scan(&ddl); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(strings.ToUpper(ddl), "WITHOUT ROWID") || strings.Contains(strings.ToUpper(ddl), "AUTOINCREMENT") {
			t.Fatalf("responses must be WITHOUT ROWID and without AUTOINCREMENT:\n%s", ddl)
		}
		if _, err := db.Exec(`SELECT rowid FROM responses`); err == nil {
			t.Fatal("responses has a rowid")
		}
	}
	cols := tableColumns(t, s.Path(), "responses")
	for _, name := range cols {
		for _, bad := range []string{"ip", "addr", "agent", "referer", "referrer", "time", "date", "created", "updated", "submitted", "code", "hash", "seq", "user", "session"} {
			if strings.Contains(strings.ToLower(name), bad) {
				t.Errorf("responses has a column %q (looks like %q)", name, bad)
			}
		}
	}
	if strings.Join(cols, ",") != "id,campaign_id,unit,segments,answers,comments,week" {
		t.Errorf("responses columns = %v", cols)
	}

	var stored []string
	s.EachResponse(ctx, c.ID, func(r *vigie.Response) error {
		stored = append(stored, r.ID)
		if r.Week != nowWeek {
			t.Errorf("week = %q, want %q", r.Week, nowWeek)
		}
		return nil
	})
	if !slices.IsSorted(stored) || slices.Equal(stored, submitted) {
		t.Fatalf("responses come back in submission order; want the order of their random ids")
	}
	if storetest.Postgres() {
		// A PostgreSQL heap keeps rows in the order they were written
		// until the compaction rewrites it in key order (postgres.go);
		// the idle store would compact now.
		if err := store.Compact(ctx, s); err != nil {
			t.Fatalf("Compact: %v", err)
		}
	}
	var physical []string
	prow, _ := db.Query(`SELECT id FROM responses`)
	for prow.Next() {
		var id string
		prow.Scan(&id)
		physical = append(physical, id)
	}
	prow.Close()
	if slices.Equal(physical, submitted) {
		t.Fatal("the table's physical order is the submission order")
	}
}

func TestResult(t *testing.T) {
	ctx := context.Background()
	s := MustOpenStore(t)
	c := MustOpenCampaign(t, s, nil)
	codes := MustGenerateCodes(t, s, c.ID, 6)
	for i, code := range codes {
		r := validResponse()
		if i == 5 {
			delete(r.Answers, "reconnaissance") // not a respondent of that questionnaire
		}
		if err := s.SubmitResponse(ctx, c.ID, code, r, now); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.CloseCampaign(ctx, c.ID, now); err != nil {
		t.Fatalf("CloseCampaign: %v", err)
	}
	res, err := s.Result(ctx, c.ID, "reconnaissance")
	if err != nil {
		t.Fatalf("Result: %v", err)
	}
	if res.Respondents != 5 || res.MinGroupSize != 5 || res.Questionnaire.ID != "reconnaissance" {
		t.Fatalf("Result: %d respondents, k %d, questionnaire %s; want 5, 5, reconnaissance", res.Respondents, res.MinGroupSize, res.Questionnaire.ID)
	}
	_, err = s.Result(ctx, c.ID, "strategies-defensives")
	wantCode(t, err, vigie.ENOTFOUND)
}

// TestCloseKeepsAcceptedAnswers closes the store while submissions are in
// flight: every submission that reported success is in the file.
func TestCloseKeepsAcceptedAnswers(t *testing.T) {
	ctx := context.Background()
	s := MustOpenStore(t)
	c := MustOpenCampaign(t, s, nil)
	codes := MustGenerateCodes(t, s, c.ID, 100)
	var wg sync.WaitGroup
	var accepted atomic.Int32
	for _, code := range codes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := s.SubmitResponse(ctx, c.ID, code, validResponse(), now); err == nil {
				accepted.Add(1)
			}
		}()
	}
	if err := s.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	wg.Wait()
	s2, err := store.Open(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if n, _ := s2.ResponseCount(ctx, c.ID); n != int(accepted.Load()) {
		t.Fatalf("%d responses in the file, %d accepted", n, accepted.Load())
	}
}
