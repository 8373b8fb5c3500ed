package reports

// FrenchTypography exposes frenchTypography to the black-box tests.
var FrenchTypography = frenchTypography
