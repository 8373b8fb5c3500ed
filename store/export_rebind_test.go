package store

// Rebind is rebind, for the black-box tests of dialect_rebind_test.go.
var Rebind = rebind
