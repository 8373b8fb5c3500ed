package scoring

// RulesVersion numbers the anonymity rules this package applies
// (suppress, the campaign pattern, the cell rule): what a closed
// campaign publishes depends on them alone, given its responses. The
// store keeps a closed campaign's figures, computed once after its
// closing, with the version they were computed under, and computes them
// again at start when this number has grown. Bump it with any change to
// which groups or measures are withheld, here or in how the store applies
// these rules (the groups comments are shown with); never for a change
// that leaves every publication as it was.
//
// Versions so far (figures were first stored under 3):
//   - 1: each output under its own rules (before issue 9);
//   - 2: issue 9: measures suppressed with their dimension, one group
//     pattern for every output of a campaign, rule 4 as a search over
//     overlapping groups;
//   - 3: issue 19: rule 4 became the cell rule (cells.go), and a group
//     nobody belongs to is withheld as below k, like one of 1 to k-1.
//
// Figures frozen by archiving are never computed again: the responses
// they came from are erased. An archived campaign keeps publishing what
// the rules of its archiving day gave.
const RulesVersion = 3
