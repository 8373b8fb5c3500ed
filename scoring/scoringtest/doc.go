// Package scoringtest is the attacker the tests of every layer share:
// scoring's random campaigns, the store's, the API's and `vigie score`'s
// each feed it what they publish and the truth behind it (who is where,
// who answered what), and it reports what someone holding the published
// figures learns about fewer than k people.
//
// Its strongest part is the counting attacker (counting.go): counts are
// non-negative integers, so the published histograms of overlapping
// groups bound what each cell of people answered, which a linear program
// solves exactly. The rest replays the attacks of docs/scoring.md:
// subtraction within and across outputs, a dimension against its items,
// any linear combination of groups. Only tests import it.
package scoringtest
