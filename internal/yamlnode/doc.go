// Package yamlnode is the line-aware YAML decoder the questionnaire files
// and the campaign files share: it reads exactly one document, follows
// aliases within a budget (a file repeating them cannot make the walk do
// far more work than its size), checks the keys of each table and reports
// every problem with its line, in French, instead of stopping at the
// first one. What a field means and how it is checked stays with each
// file format (questionnaires, campaignfile).
package yamlnode
