package vigie

// DUERPVersion describes a frozen version of a campaign's DUERP: numbered
// from 1, dated, never changed nor deleted (kept 40 years by law).
type DUERPVersion struct {
	CampaignID string
	Number     int
	FrozenOn   string // YYYY-MM-DD
	FrozenBy   string // e-mail of the account, or "cli"
}
