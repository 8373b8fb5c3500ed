package web

import (
	"cmp"
	"crypto/rand"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/store"
)

// The accounts page lets a consultant run the back office's accounts
// from the browser: create consultant, viewer (committee) and data-entry
// ("saisie") accounts, give and take away their campaigns, reset a
// password, disable, enable again and delete an account. A new or
// reset password is generated here and shown once, on the answer to the
// form: Vigie keeps only its hash, so the consultant passes it on.

// usersPage is the data of the accounts page.
type usersPage struct {
	Nav       adminNav
	Accounts  []accountRow
	Campaigns []campaignChoice
	Error     string
	// The outcome of the last form, shown once.
	Notice      string
	NewPassword string
	For         string // the address the password belongs to
	// The creation form, kept when refused.
	Email, Role string
}

// accountRow is one account and what it can read.
type accountRow struct {
	ID, Email  string
	Role       string // the role's name, as roleLabel writes it
	Consultant bool
	Entry      bool // a data-entry account: its campaigns are to type in, not to read
	Disabled   bool
	Self       bool
	Campaigns  []campaignChoice // granted, for viewers and data-entry accounts
}

// campaignChoice is a campaign named for people.
type campaignChoice struct {
	ID, Title string
}

// adminUsers shows the accounts page.
func (s *Server) adminUsers(c *gin.Context) {
	s.renderUsers(c, http.StatusOK, &usersPage{Role: string(vigie.RoleViewer)})
}

// renderUsers fills in the accounts and campaigns of p and shows it.
func (s *Server) renderUsers(c *gin.Context, status int, p *usersPage) {
	ctx := c.Request.Context()
	p.Nav = nav(c)
	camps, err := s.store.Campaigns(ctx)
	if err != nil {
		s.htmlError(c, err)
		return
	}
	titles := map[string]string{}
	for _, cp := range camps {
		p.Campaigns = append(p.Campaigns, campaignChoice{ID: cp.ID, Title: cp.Title})
		titles[cp.ID] = cp.Title
	}
	users, err := s.store.Users(ctx)
	if err != nil {
		s.htmlError(c, err)
		return
	}
	me := currentUser(c)
	for _, u := range users {
		row := accountRow{ID: u.ID, Email: u.Email, Role: roleLabel(u.Role), Consultant: u.IsConsultant(), Entry: u.Role == vigie.RoleEntry,
			Disabled: u.Disabled, Self: me != nil && me.ID == u.ID}
		if !row.Consultant {
			ids, err := s.store.GrantedCampaigns(ctx, u.ID)
			if err != nil {
				s.htmlError(c, err)
				return
			}
			for _, id := range ids {
				row.Campaigns = append(row.Campaigns, campaignChoice{ID: id, Title: cmp.Or(titles[id], id)})
			}
		}
		p.Accounts = append(p.Accounts, row)
	}
	s.render(c, status, "admin_users", p)
}

// adminUserCreate creates an account with a generated password, shown
// once on the answer.
func (s *Server) adminUserCreate(c *gin.Context) {
	if err := parseForm(c); err != nil {
		s.htmlError(c, err)
		return
	}
	p := &usersPage{Email: c.PostForm("email"), Role: c.PostForm("role")}
	if !vigie.Role(p.Role).Valid() {
		p.Error = "Choisissez le rôle du compte : consultant, lecteur (comité) ou saisie (questionnaires papier)."
		s.renderUsers(c, http.StatusBadRequest, p)
		return
	}
	password := generatePassword()
	u, err := s.store.CreateUser(c.Request.Context(), p.Email, vigie.Role(p.Role), password)
	if code := vigie.ErrorCode(err); code == vigie.EINVALID || code == vigie.ECONFLICT || code == vigie.ERATELIMIT {
		p.Error = vigie.ErrorMessage(err)
		s.renderUsers(c, http.StatusBadRequest, p)
		return
	} else if err != nil {
		s.htmlError(c, err)
		return
	}
	s.audit(c, "user.create", "", u.Email+" ("+roleLabel(u.Role)+")")
	out := &usersPage{Role: string(vigie.RoleViewer), NewPassword: password, For: u.Email,
		Notice: "Compte " + roleLabel(u.Role) + " créé pour " + u.Email + "."}
	s.renderUsers(c, http.StatusOK, out)
}

// adminUserPassword gives an account a new generated password, shown
// once; its sessions end and its API tokens are revoked (the usual
// reason for a reset is a password that leaked or was lost).
func (s *Server) adminUserPassword(c *gin.Context) {
	u, ok := s.userOf(c)
	if !ok {
		return
	}
	if me := currentUser(c); me != nil && me.ID == u.ID {
		s.renderUsers(c, http.StatusBadRequest, &usersPage{Role: string(vigie.RoleViewer),
			Error: "Vous ne pouvez pas réinitialiser votre propre mot de passe ici : demandez-le à un autre consultant, ou utilisez « vigie user password » sur le serveur."})
		return
	}
	password := generatePassword()
	if _, err := s.store.SetPassword(c.Request.Context(), u.ID, password, store.PasswordChange{}); err != nil {
		s.htmlError(c, err)
		return
	}
	s.audit(c, "user.password_reset", "", u.Email)
	s.renderUsers(c, http.StatusOK, &usersPage{Role: string(vigie.RoleViewer), NewPassword: password, For: u.Email,
		Notice: "Nouveau mot de passe pour " + u.Email + " : ses sessions ouvertes sont fermées et ses jetons d'API révoqués."})
}

// adminUserGrant gives a viewer a campaign, from the accounts page.
func (s *Server) adminUserGrant(c *gin.Context) {
	u, ok := s.userOf(c)
	if !ok {
		return
	}
	err := s.grantViewer(c, c.PostForm("campaign"), u.Email)
	if code := vigie.ErrorCode(err); code == vigie.EINVALID || code == vigie.ENOTFOUND {
		s.renderUsers(c, http.StatusBadRequest, &usersPage{Role: string(vigie.RoleViewer), Error: vigie.ErrorMessage(err)})
		return
	} else if err != nil {
		s.htmlError(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, "/admin/users")
}

// adminViewerRevoke takes a campaign away from a viewer; the form says
// which page to go back to.
func (s *Server) adminViewerRevoke(c *gin.Context) {
	u, ok := s.userOf(c)
	if !ok {
		return
	}
	id := c.Param("id")
	if err := s.store.RevokeGrant(c.Request.Context(), u.ID, id); err != nil {
		s.htmlError(c, err)
		return
	}
	s.audit(c, "viewer.revoke", id, u.Email)
	back := "/admin/campaigns/" + id
	if c.PostForm("back") == "users" {
		back = "/admin/users"
	}
	c.Redirect(http.StatusSeeOther, back)
}

// userOf parses the form and loads the account named by :uid; on failure
// it has answered.
func (s *Server) userOf(c *gin.Context) (*vigie.User, bool) {
	if err := parseForm(c); err != nil {
		s.htmlError(c, err)
		return nil, false
	}
	u, err := s.store.User(c.Request.Context(), c.Param("uid"))
	if err != nil {
		s.htmlError(c, err)
		return nil, false
	}
	return u, true
}

// roleLabel names a role in French.
func roleLabel(r vigie.Role) string {
	switch r {
	case vigie.RoleConsultant:
		return "consultant"
	case vigie.RoleEntry:
		return "saisie"
	}
	return "lecteur"
}

// passwordAlphabet leaves out characters read alike (0/O, 1/l/I) so a
// password read aloud or copied by hand arrives intact.
const passwordAlphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"

// generatePassword returns 20 random characters in groups of five
// (about 116 bits), well over store.MinPasswordLength.
func generatePassword() string {
	var b strings.Builder
	for i := range 20 {
		if i > 0 && i%5 == 0 {
			b.WriteByte('-')
		}
		b.WriteByte(passwordAlphabet[randIntn(len(passwordAlphabet))])
	}
	return b.String()
}

// randIntn returns a uniform random number in [0, n) from crypto/rand.
func randIntn(n int) int {
	var buf [1]byte
	limit := 256 - 256%n // reject the bytes that would bias the draw
	for {
		if _, err := rand.Read(buf[:]); err != nil {
			panic("web: crypto/rand failed: " + err.Error()) // never on supported systems (Go 1.24+)
		}
		if int(buf[0]) < limit {
			return int(buf[0]) % n
		}
	}
}
