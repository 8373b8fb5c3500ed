package web

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/vigie-sante/vigie"
)

// adminUserDisable disables an account (disable=1) or enables it again:
// a disabled account cannot sign in, its sessions end and its API tokens
// stop working until it is enabled. The last active consultant is kept.
func (s *Server) adminUserDisable(c *gin.Context) {
	u, ok := s.userOf(c)
	if !ok {
		return
	}
	disable := c.PostForm("disable") == "1"
	if me := currentUser(c); disable && me != nil && me.ID == u.ID {
		s.renderUsers(c, http.StatusBadRequest, &usersPage{Role: string(vigie.RoleViewer),
			Error: "Vous ne pouvez pas désactiver votre propre compte : demandez-le à un autre consultant."})
		return
	}
	u, err := s.store.SetUserDisabled(c.Request.Context(), u.ID, disable)
	if vigie.ErrorCode(err) == vigie.ECONFLICT {
		s.renderUsers(c, http.StatusConflict, &usersPage{Role: string(vigie.RoleViewer), Error: vigie.ErrorMessage(err)})
		return
	} else if err != nil {
		s.htmlError(c, err)
		return
	}
	action, notice := "user.enable", "Compte "+roleLabel(u.Role)+" de "+u.Email+" réactivé : il peut de nouveau se connecter, avec son mot de passe et ses accès d'avant."
	if disable {
		action, notice = "user.disable", "Compte "+roleLabel(u.Role)+" de "+u.Email+" désactivé : ses sessions sont fermées, il ne peut plus se connecter ni utiliser ses jetons d'API. Ses accès aux campagnes sont gardés pour une réactivation."
	}
	s.audit(c, action, "", u.Email)
	s.renderUsers(c, http.StatusOK, &usersPage{Role: string(vigie.RoleViewer), Notice: notice})
}

// adminUserDelete deletes an account, confirmed by a box: its grants and
// tokens go with it; the audit log keeps its entries under its address.
func (s *Server) adminUserDelete(c *gin.Context) {
	u, ok := s.userOf(c)
	if !ok {
		return
	}
	if me := currentUser(c); me != nil && me.ID == u.ID {
		s.renderUsers(c, http.StatusBadRequest, &usersPage{Role: string(vigie.RoleViewer),
			Error: "Vous ne pouvez pas supprimer votre propre compte : demandez-le à un autre consultant."})
		return
	}
	if c.PostForm("confirm") != "1" {
		s.renderUsers(c, http.StatusBadRequest, &usersPage{Role: string(vigie.RoleViewer),
			Error: "Cochez la case de confirmation pour supprimer le compte de " + u.Email + " : rien n'a été supprimé."})
		return
	}
	err := s.store.DeleteUser(c.Request.Context(), u.ID)
	if vigie.ErrorCode(err) == vigie.ECONFLICT {
		s.renderUsers(c, http.StatusConflict, &usersPage{Role: string(vigie.RoleViewer), Error: vigie.ErrorMessage(err)})
		return
	} else if err != nil {
		s.htmlError(c, err)
		return
	}
	s.audit(c, "user.delete", "", u.Email+" ("+roleLabel(u.Role)+")")
	s.renderUsers(c, http.StatusOK, &usersPage{Role: string(vigie.RoleViewer),
		Notice: "Compte " + roleLabel(u.Role) + " de " + u.Email + " supprimé, avec ses accès et ses jetons d'API. Le journal des actions garde ce qu'il a fait, sous son adresse."})
}
