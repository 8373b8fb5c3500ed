package e2e_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"
)

// axePath is axe-core as npm installs it from package-lock.json
// (cd web/e2e && npm ci).
const axePath = "node_modules/axe-core/axe.min.js"

// axeTags are the rule sets every page must pass: WCAG 2.0, 2.1 and 2.2
// at levels A and AA.
var axeTags = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"}

var (
	axeOnce   sync.Once
	axeSource string
	axeErr    error
)

// axeScript returns axe-core's source, or skips (fails in CI) when it is
// not installed.
func axeScript(t *testing.T) string {
	t.Helper()
	axeOnce.Do(func() {
		var b []byte
		b, axeErr = os.ReadFile(axePath)
		axeSource = string(b)
	})
	if errors.Is(axeErr, fs.ErrNotExist) {
		missing(t, "axe-core is not installed in web/e2e/node_modules (run: cd web/e2e && npm ci)")
	}
	if axeErr != nil {
		t.Fatalf("read %s: %v", axePath, axeErr)
	}
	return axeSource
}

// axeViolation is one failed rule, as axe.run reports it.
type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	URL    string `json:"helpUrl"`
	Nodes  []struct {
		Target  json.RawMessage `json:"target"`
		Summary string          `json:"summary"`
	} `json:"nodes"`
}

// audit runs axe-core on the tab's page and reports every WCAG 2.2 AA
// violation with its rule, impact, help and the elements concerned. It
// marks the test failed but lets the scenario go on, so that one run
// lists the problems of every page.
func audit(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	src := axeScript(t)
	if !eval[bool](t, ctx, `typeof window.axe === "object"`) {
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](src)); err != nil {
			t.Fatalf("inject axe-core into %s: %v", name, err)
		}
	}
	tags, _ := json.Marshal(axeTags)
	expr := `axe.run(document, {runOnly: {type: "tag", values: ` + string(tags) + `}, resultTypes: ["violations"]})
		.then(r => ({
			violations: r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
				nodes: v.nodes.map(n => ({target: n.target, summary: n.failureSummary}))})),
			incomplete: r.incomplete.map(v => v.id + " at " + v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(", "))}))`
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[[]byte](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("axe.run on %s: %v", name, err)
	}
	var res struct {
		Violations []axeViolation `json:"violations"`
		Incomplete []string       `json:"incomplete"`
	}
	if err := json.Unmarshal(raw, &res); err != nil {
		t.Fatalf("axe.run on %s: decode %s: %v", name, raw, err)
	}
	violations := res.Violations
	if len(res.Incomplete) > 0 {
		// Rules axe could not decide (contrast over a gradient...):
		// not failures, but worth a look by a person.
		t.Logf("axe-core on %s: to review by hand: %s", name, strings.Join(res.Incomplete, ", "))
	}
	if len(violations) == 0 {
		return
	}
	var b strings.Builder
	fmt.Fprintf(&b, "axe-core: %d WCAG 2.2 AA violation(s) on %s (%s):\n", len(violations), name, location(ctx))
	for _, v := range violations {
		fmt.Fprintf(&b, "  - %s [%s] %s (%s)\n", v.ID, v.Impact, v.Help, v.URL)
		for _, n := range v.Nodes {
			fmt.Fprintf(&b, "      at %s\n", n.Target)
			if n.Summary != "" {
				fmt.Fprintf(&b, "         %s\n", strings.ReplaceAll(n.Summary, "\n", "\n         "))
			}
		}
	}
	t.Error(b.String())
}

// auditWidths runs audit on the tab's page at a phone's width and at a
// desktop's (390 and 1280 px): contrast, target sizes and reflow can fail
// at one and not the other. The viewport is reset afterwards.
func auditWidths(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	for _, w := range []int64{phoneWidth, desktopWidth} {
		do(t, ctx, fmt.Sprintf("%d px viewport", w), viewport(w))
		audit(t, ctx, fmt.Sprintf("%s at %d px", name, w))
	}
	do(t, ctx, "reset viewport", chromedp.ResetViewport())
}
