// Package dossier is what a closed campaign publishes, as a model: the
// input of its reports (Report, Section, Comment) and the psychosocial-risk
// part of its document unique (DUERP). It holds no figure that did not
// come out of scoring's anonymity rules, and renders nothing: store
// assembles a dossier from a campaign, reports turns it into PDF and XLSX,
// and neither imports the other.
package dossier
