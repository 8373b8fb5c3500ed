package scoring

// legacyOverlap, set only by tests (UseLegacyOverlapRule), replaces the
// cell rule with the linear rule 4 of the previous releases, so that the
// counting attacker's canaries can show what it let through.
var legacyOverlap func(k int, ids []string, n []int, reasons []string, cells []cell) int
