// Package sheettest holds what the tests of imports share: the workbook
// that took gigabytes to read (issue 24) and a measure of what reading
// costs. Only tests import it.
package sheettest

import (
	"bytes"
	"fmt"
	"runtime"
	"testing"

	"github.com/xuri/excelize/v2"
)

// XFDWorkbook is the workbook of issue 24: rows rows, each with one cell
// in column XFD, the last of a sheet. 12,000 rows take about 65 KB, and
// took 5.9 GB to read with excelize's GetRows (13.6 GB with its row
// iterator).
func XFDWorkbook(tb testing.TB, rows int) []byte {
	tb.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		tb.Fatal(err)
	}
	for i := 1; i <= rows; i++ {
		if err := sw.SetRow(fmt.Sprintf("XFD%d", i), []any{"x"}); err != nil {
			tb.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		tb.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// Allocated returns the bytes allocated (TotalAlloc) while fn runs: a
// bound on the memory reading can take, whatever the garbage collector
// does meanwhile.
func Allocated(fn func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	fn()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}
