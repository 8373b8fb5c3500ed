package main

import (
	"io"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkReportCommand runs the offline `vigie report` on the data of
// BenchmarkScoreCommandCSV (100,000 respondents × 80 items × 40 units),
// from reading the CSV file to the renamed report: the consultant's
// workbook and the PDF.
func BenchmarkReportCommand(b *testing.B) {
	dir := b.TempDir()
	qfile := writeBenchQuestionnaire(b, dir)
	responses := writeBenchResponses(b, dir)
	for _, format := range []string{"xlsx", "pdf"} {
		b.Run(format, func(b *testing.B) {
			args := []string{"report", "--questionnaire", qfile, "--responses", responses,
				"--out", filepath.Join(dir, "rapport."+format)}
			for b.Loop() {
				var stderr strings.Builder
				if code := run(args, io.Discard, &stderr); code != 0 {
					b.Fatalf("exit code %d: %s", code, stderr.String())
				}
			}
		})
	}
}
