package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/vigie-sante/vigie"
)

// ErrAccountDisabled is Authenticate's answer for the right password of a
// disabled account.
var ErrAccountDisabled = vigie.Errorf(vigie.EFORBIDDEN, "Ce compte est désactivé : demandez à un consultant de le réactiver.")

// errLastConsultant refuses to leave the back office without anyone to
// run it.
var errLastConsultant = vigie.Errorf(vigie.ECONFLICT, "C'est le dernier compte consultant actif : créez ou réactivez un autre compte consultant d'abord, sinon plus personne ne pourrait gérer les campagnes ni les comptes.")

// SetUserDisabled disables an account (it can no longer sign in, its
// sessions end, its API tokens stop working) or enables it again. The
// last active consultant cannot be disabled (ECONFLICT). It returns the
// account as it now is.
func (s *Store) SetUserDisabled(ctx context.Context, id string, disabled bool) (*vigie.User, error) {
	var u *vigie.User
	err := s.update(ctx, func(tx *sql.Tx) error {
		var err error
		if u, err = userInTx(ctx, tx, id); err != nil {
			return err
		}
		if disabled && !u.Disabled {
			if err := checkNotLastConsultant(ctx, tx, u); err != nil {
				return err
			}
		}
		flag := 0
		if disabled {
			flag = 1
		}
		// Disabling also ends the sessions (see User.SessionGeneration):
		// one opened before stays over once the account is enabled again.
		if _, err := tx.ExecContext(ctx, `
			UPDATE users SET disabled = ?, session_generation = session_generation + (CASE WHEN ? = 1 THEN 1 ELSE 0 END)
			WHERE id = ?`, flag, flag, id); err != nil {
			return fmt.Errorf("store: disable user %s: %w", id, err)
		}
		u, err = userInTx(ctx, tx, id)
		return err
	})
	if err != nil {
		return nil, err
	}
	return u, nil
}

// DeleteUser deletes an account with its grants, API tokens and sign-in
// rights; the audit log keeps its entries, which name the account by its
// address. The last active consultant cannot be deleted (ECONFLICT).
func (s *Store) DeleteUser(ctx context.Context, id string) error {
	return s.update(ctx, func(tx *sql.Tx) error {
		u, err := userInTx(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := checkNotLastConsultant(ctx, tx, u); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM users WHERE id = ?`, id); err != nil {
			return fmt.Errorf("store: delete user %s: %w", id, err)
		}
		return nil
	})
}

// userInTx reads an account in a transaction; ENOTFOUND when none.
func userInTx(ctx context.Context, tx *sql.Tx, id string) (*vigie.User, error) {
	u, err := scanUser(tx.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errUserNotFound
	} else if err != nil {
		return nil, fmt.Errorf("store: user %s: %w", id, err)
	}
	return u, nil
}

// checkNotLastConsultant refuses to take u away when it is the only
// active consultant account.
func checkNotLastConsultant(ctx context.Context, tx *sql.Tx, u *vigie.User) error {
	if u.Role != vigie.RoleConsultant || u.Disabled {
		return nil
	}
	var others int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM users WHERE role = 'consultant' AND disabled = 0 AND id != ?`, u.ID).Scan(&others); err != nil {
		return fmt.Errorf("store: count consultants: %w", err)
	}
	if others == 0 {
		return errLastConsultant
	}
	return nil
}

// errWrongPassword answers a password change whose current password is
// wrong.
var errWrongPassword = vigie.Errorf(vigie.EUNAUTHORIZED, "Le mot de passe actuel est incorrect.")

// ChangePassword is the change an account makes to its own password: the
// current one must be given. Like SetPassword, it ends every session of
// the account (the caller opens a new one for the browser that asked)
// and revokes its API tokens, whose number it returns.
func (s *Store) ChangePassword(ctx context.Context, userID, current, password string) (int, error) {
	u, err := s.User(ctx, userID)
	if err != nil {
		return 0, err
	}
	_, hash, err := userByEmail(ctx, s.read, u.Email)
	if err != nil {
		return 0, err
	}
	ok, err := checkPassword(ctx, hash, current)
	if err != nil {
		return 0, fmt.Errorf("store: change password of %s: %w", userID, err)
	}
	if !ok {
		return 0, errWrongPassword
	}
	if current == password {
		return 0, vigie.Errorf(vigie.EINVALID, "Le nouveau mot de passe est identique à l'actuel : choisissez-en un autre.")
	}
	return s.SetPassword(ctx, userID, password, PasswordChange{})
}
