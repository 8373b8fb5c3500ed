package scoring

// legacyOverlap, set only by tests (UseLegacyOverlapRule), brings back
// the linear rule 4 of the previous releases so that the attacker's
// canaries can show what it let through.
var legacyOverlap bool
