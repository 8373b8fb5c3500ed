package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/vigie-sante/vigie/reports"
)

// runDUERPReport writes the DUERP of a campaign (vigie report --duerp):
// the workbook the web page offers, or its stand-alone PDF, as of today.
func runDUERPReport(req *reportRequest) error {
	s, err := openStore(req.db)
	if err != nil {
		return err
	}
	defer s.Close()
	ctx := context.Background()
	req.progress.step("Calcul du document unique…")
	d, err := s.DUERP(ctx, req.campaign, time.Now())
	if err != nil {
		req.progress.clear()
		return userError(err)
	}
	render := reports.DUERPPDF
	if req.format == "xlsx" {
		render = reports.DUERPXLSX
	}
	audit := func() error {
		return s.Audit(ctx, cliActor, "duerp.export", req.campaign, req.format+" du "+d.Date)
	}
	size, err := writeAtomic(req.out, func(w io.Writer) error { return render(w, d) }, audit)
	req.progress.clear()
	if err != nil {
		return err
	}
	req.progress.done(fmt.Sprintf("Document unique écrit : %s (%s)", req.out, formatSize(size)))
	return nil
}
