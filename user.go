package vigie

import "time"

// Role is what a back-office account may do.
type Role string

// The roles. A consultant runs campaigns and sees every one of them; a
// viewer (HR, health committee, occupational physician) reads only the
// aggregated results of the campaigns granted to them; a data-entry
// account ("saisie") only types in the paper sheets of the campaigns
// granted to it, and sees no results, codes or comments.
const (
	RoleConsultant Role = "consultant"
	RoleViewer     Role = "viewer"
	RoleEntry      Role = "saisie"
)

// Valid reports whether r is one of the known roles.
func (r Role) Valid() bool { return r == RoleConsultant || r == RoleViewer || r == RoleEntry }

// User is a back-office account. Respondents never have one.
type User struct {
	ID    string
	Email string // lower-case
	Role  Role
	// SessionGeneration is recorded in each session at sign-in; a session
	// that recorded another number is over (the password changed since).
	SessionGeneration int64
	// Disabled accounts cannot sign in nor use their API tokens; they
	// keep their grants, and can be enabled again.
	Disabled bool
}

// IsConsultant reports whether u may run campaigns and see all of them.
func (u *User) IsConsultant() bool { return u != nil && u.Role == RoleConsultant }

// Token describes an API token without its secret, which is shown once at
// creation and stored only as a hash.
type Token struct {
	ID        string
	UserID    string
	Label     string
	CreatedOn string // day of creation, "2027-02-02"
	Revoked   bool
}

// AuditEntry is one line of the audit log: what a consultant or viewer did
// (or the command line, as "cli"). It never holds respondent data, codes or
// addresses.
type AuditEntry struct {
	ID     int64
	At     time.Time // UTC, to the second
	Actor  string    // e-mail of the account, or "cli"
	Action string    // e.g. "login", "campaign.open", "comment.publish"
	Target string    // what it was done to, usually a campaign id
	Detail string
}

// CommentStatus is where a comment is in moderation.
type CommentStatus string

// The moderation states of a comment.
const (
	CommentPending   CommentStatus = "pending"
	CommentPublished CommentStatus = "published"
	CommentRejected  CommentStatus = "rejected"
)

// Comment is a respondent's free-text comment as the moderation sees it:
// detached from its response (random id, no date) and attached to a unit
// group large enough to be shown.
type Comment struct {
	ID              string
	CampaignID      string
	QuestionnaireID string
	Unit            []string // the group shown with the comment; empty for the whole campaign
	Text            string   // the text to publish: the redacted version when Redacted
	Original        string   // the text as written; filled only for moderation
	Status          CommentStatus
	Redacted        bool
}
