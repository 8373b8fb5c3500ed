package scoring

// UseLegacyOverlapRule makes the engine decide overlaps with the linear
// rule 4 of the previous releases instead of the cell rule, until the
// returned function is called. Only the attacker's canaries use it: they
// show that the counting attacker catches what the old rule let through.
func UseLegacyOverlapRule() (restore func()) {
	legacyOverlap = legacyPick
	return func() { legacyOverlap = nil }
}
