package reports_test

import (
	"os"
	"testing"
)

func TestZZBench(t *testing.T) {
	os.WriteFile("/tmp/x/bench.pdf", renderPDF(t, pdfBenchReport(t)), 0o644)
}
