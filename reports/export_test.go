package reports

// FrenchTypography exposes frenchTypography to the black-box tests.
var FrenchTypography = frenchTypography

// UnitReason exposes Report.unitReason to the black-box tests.
func (r *Report) UnitReason(path []string) string { return r.unitReason(path) }
