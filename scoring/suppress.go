package scoring

// This file holds the anonymity rules, once, for every figure Vigie shows:
// group results, each measure inside them, and participation counts.

// partition is a set of disjoint groups inside a whole: the top-level units
// inside everyone, the children of a unit inside that unit, the categories
// of a segment inside everyone. The members need not cover the whole: the
// people of a unit who chose no sub-unit belong to none of its children,
// and they are never published on their own.
type partition struct {
	whole   int   // index of the group that contains the members
	members []int // indexes of the members
}

// suppress applies the anonymity rules to one count (respondents of a
// group, or the n of one measure in each group) and returns why each group
// is withheld ("" when it may be published).
//
// n[i] is the count of group i and ids[i] its id (ties are broken by the
// smallest id). reasons, if not nil, gives groups already withheld (a
// measure of a suppressed group is suppressed with it); it is modified and
// returned. parts must list a partition whose whole is a member of another
// partition after that other partition (top-down), so that the whole's fate
// is settled before its members are looked at.
//
// The rules:
//  1. Primary: a group with fewer than k is withheld (below_threshold).
//  2. Secondary, per partition whose whole is published: what the published
//     members leave of the whole (the withheld members plus the people in
//     no member) is exactly what a subtraction would reveal. While that is
//     between 1 and k-1 people and a published member remains, the
//     published member with the smallest count (ties: smallest id) is
//     withheld too (secondary). Members with a count of zero change
//     nothing: they hide nobody and are withheld by rule 1 anyway.
//  3. When the whole is withheld, so is every member (secondary unless
//     already withheld): every descendant of a suppressed unit is
//     suppressed, since the partitions are visited top-down.
//
// Afterwards, for every partition with a published whole, the whole's count
// minus the published members' counts is 0 or at least k.
func suppress(k int, ids []string, n []int, reasons []string, parts []partition) []string {
	if reasons == nil {
		reasons = make([]string, len(n))
	}
	for i := range n {
		if reasons[i] == "" && n[i] < k {
			reasons[i] = ReasonBelowThreshold
		}
	}
	for _, p := range parts {
		if reasons[p.whole] != "" {
			for _, m := range p.members {
				if reasons[m] == "" {
					reasons[m] = ReasonSecondary
				}
			}
			continue
		}
		hidden := n[p.whole]
		for _, m := range p.members {
			if reasons[m] == "" {
				hidden -= n[m]
			}
		}
		for hidden > 0 && hidden < k {
			pick := -1
			for _, m := range p.members {
				if reasons[m] != "" {
					continue
				}
				if pick < 0 || n[m] < n[pick] || n[m] == n[pick] && ids[m] < ids[pick] {
					pick = m
				}
			}
			if pick < 0 {
				break // cannot happen: the whole, published, holds at least k
			}
			reasons[pick] = ReasonSecondary
			hidden += n[pick]
		}
	}
	return reasons
}
