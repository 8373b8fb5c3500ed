package reports

// FrenchTypography exposes frenchTypography to the black-box tests.
var FrenchTypography = frenchTypography

// UnitReason exposes unitReason to the black-box tests.
var UnitReason = unitReason
