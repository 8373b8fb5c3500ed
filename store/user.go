package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/mail"
	"strings"
	"unicode/utf8"

	"github.com/vigie-sante/vigie"
)

// Password length bounds, in characters. The maximum only keeps absurd
// inputs out; length, not complexity rules, is what makes a password strong.
const (
	MinPasswordLength = 12
	MaxPasswordLength = 256
)

var (
	errUserNotFound = vigie.Errorf(vigie.ENOTFOUND, "Compte introuvable.")
	// errBadLogin is the same whether the address is unknown or the password
	// wrong, so the login page does not tell which addresses have accounts.
	errBadLogin = vigie.Errorf(vigie.EUNAUTHORIZED, "Adresse ou mot de passe incorrect.")
)

// NormaliseEmail trims and lower-cases an e-mail address and checks that it
// is a plain address (no display name); EINVALID otherwise.
func NormaliseEmail(email string) (string, error) {
	e := strings.ToLower(strings.TrimSpace(email))
	if e == "" {
		return "", vigie.Errorf(vigie.EINVALID, "L'adresse e-mail est obligatoire.")
	}
	a, err := mail.ParseAddress(e)
	if err != nil || a.Address != e || a.Name != "" || len(e) > 254 || !strings.Contains(e[strings.LastIndexByte(e, '@')+1:], ".") {
		return "", vigie.Errorf(vigie.EINVALID, "L'adresse e-mail « %s » n'est pas valide.", strings.TrimSpace(email))
	}
	return e, nil
}

// checkPasswordRules returns EINVALID when password is too short or too long.
func checkPasswordRules(password string) error {
	if !utf8.ValidString(password) {
		return vigie.Errorf(vigie.EINVALID, "Le mot de passe contient des caractères invalides.")
	}
	switch n := utf8.RuneCountInString(password); {
	case n < MinPasswordLength:
		return vigie.Errorf(vigie.EINVALID, "Le mot de passe doit compter au moins %d caractères (il en a %d).", MinPasswordLength, n)
	case n > MaxPasswordLength:
		return vigie.Errorf(vigie.EINVALID, "Le mot de passe ne peut pas dépasser %d caractères.", MaxPasswordLength)
	}
	return nil
}

// newUserID returns "u_" and 10 random characters.
func newUserID() string { return "u_" + randomString(idAlphabet, 10) }

// CreateUser adds an account. The address is normalised to lower case and
// must be unused (ECONFLICT otherwise); the password needs at least
// MinPasswordLength characters and is stored as an argon2id hash.
func (s *Store) CreateUser(ctx context.Context, email string, role vigie.Role, password string) (*vigie.User, error) {
	e, err := NormaliseEmail(email)
	if err != nil {
		return nil, err
	}
	if !role.Valid() {
		return nil, vigie.Errorf(vigie.EINVALID, "Le rôle « %s » n'existe pas : choisissez consultant, viewer (lecteur) ou saisie.", role)
	}
	if err := checkPasswordRules(password); err != nil {
		return nil, err
	}
	// Hash before taking the single writer: argon2id is slow on purpose.
	hash, err := hashPassword(ctx, password)
	if err != nil {
		return nil, fmt.Errorf("store: create user %s: %w", e, err)
	}
	u := &vigie.User{ID: newUserID(), Email: e, Role: role}
	err = s.update(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM users WHERE email = ?`, e).Scan(&n); err != nil {
			return fmt.Errorf("store: create user: %w", err)
		}
		if n > 0 {
			return vigie.Errorf(vigie.ECONFLICT, "Un compte existe déjà pour l'adresse %s.", e)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO users (id, email, role, password_hash) VALUES (?, ?, ?, ?)`,
			u.ID, u.Email, u.Role, hash); err != nil {
			return fmt.Errorf("store: create user: %w", err)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return u, nil
}

// userColumns are the columns scanned by scanUser.
const userColumns = `id, email, role, session_generation, disabled`

func scanUser(row interface{ Scan(...any) error }) (*vigie.User, error) {
	u := &vigie.User{}
	if err := row.Scan(&u.ID, &u.Email, &u.Role, &u.SessionGeneration, &u.Disabled); err != nil {
		return nil, err
	}
	return u, nil
}

// User returns the account with the given id; ENOTFOUND when none.
func (s *Store) User(ctx context.Context, id string) (*vigie.User, error) {
	u, err := scanUser(s.read.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errUserNotFound
	} else if err != nil {
		return nil, fmt.Errorf("store: user %s: %w", id, err)
	}
	return u, nil
}

// UserByEmail returns the account of an address, in any case; ENOTFOUND
// when none.
func (s *Store) UserByEmail(ctx context.Context, email string) (*vigie.User, error) {
	u, _, err := userByEmail(ctx, s.read, email)
	return u, err
}

// userByEmail returns the account of an address and its password hash.
func userByEmail(ctx context.Context, db queryer, email string) (*vigie.User, string, error) {
	e := strings.ToLower(strings.TrimSpace(email))
	u := &vigie.User{}
	var hash string
	err := db.QueryRowContext(ctx, `SELECT `+userColumns+`, password_hash FROM users WHERE email = ?`, e).
		Scan(&u.ID, &u.Email, &u.Role, &u.SessionGeneration, &u.Disabled, &hash)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, "", vigie.Errorf(vigie.ENOTFOUND, "Aucun compte pour l'adresse %s.", e)
	} else if err != nil {
		return nil, "", fmt.Errorf("store: user by email: %w", err)
	}
	return u, hash, nil
}

// Users returns every account, by address.
func (s *Store) Users(ctx context.Context) ([]*vigie.User, error) {
	var out []*vigie.User
	err := eachRow(ctx, s.read, `SELECT `+userColumns+` FROM users ORDER BY email`, nil, func(rows *sql.Rows) error {
		u, err := scanUser(rows)
		if err == nil {
			out = append(out, u)
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: list users: %w", err)
	}
	return out, nil
}

// PasswordChange says what else changes with a password.
type PasswordChange struct {
	// KeepTokens keeps the account's API tokens working. By default they
	// are revoked: a password is usually changed because it, or the
	// account, may have leaked, and a token taken then would outlive it.
	KeepTokens bool
}

// SetPassword replaces the password of an account (same rules as
// CreateUser), ends every back-office session opened before (see
// User.SessionGeneration) and, unless opts.KeepTokens, revokes its API
// tokens, all in one transaction. It returns the number of tokens revoked.
func (s *Store) SetPassword(ctx context.Context, userID, password string, opts PasswordChange) (revoked int, err error) {
	if err := checkPasswordRules(password); err != nil {
		return 0, err
	}
	hash, err := hashPassword(ctx, password)
	if err != nil {
		return 0, fmt.Errorf("store: set password of %s: %w", userID, err)
	}
	err = s.update(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `
			UPDATE users SET password_hash = ?, session_generation = session_generation + 1
			WHERE id = ?`, hash, userID)
		if err != nil {
			return fmt.Errorf("store: set password of %s: %w", userID, err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return errUserNotFound
		}
		if opts.KeepTokens {
			return nil
		}
		res, err = tx.ExecContext(ctx, `UPDATE tokens SET revoked = 1 WHERE user_id = ? AND revoked = 0`, userID)
		if err != nil {
			return fmt.Errorf("store: revoke tokens of %s: %w", userID, err)
		}
		n, _ := res.RowsAffected()
		revoked = int(n)
		return nil
	})
	if err != nil {
		return 0, err
	}
	return revoked, nil
}

// Authenticate returns the account whose address and password match.
// An unknown address and a wrong password give the same EUNAUTHORIZED
// error and take about the same time (a dummy hash is computed), so
// neither the message nor the delay tells which addresses exist.
// Rate-limiting attempts is the caller's job; ERATELIMIT means the
// server had no free hashing slot (see hashSlots) and the password was
// not checked.
func (s *Store) Authenticate(ctx context.Context, email, password string) (*vigie.User, error) {
	u, hash, err := userByEmail(ctx, s.read, email)
	if vigie.ErrorCode(err) == vigie.ENOTFOUND {
		if _, err := hashPassword(ctx, password); err != nil {
			return nil, fmt.Errorf("store: authenticate: %w", err)
		}
		return nil, errBadLogin
	} else if err != nil {
		return nil, err
	}
	ok, err := checkPassword(ctx, hash, password)
	if err != nil {
		return nil, fmt.Errorf("store: authenticate %s: %w", u.ID, err)
	}
	if !ok {
		return nil, errBadLogin
	}
	// Said only to whoever knows the password: the address alone tells
	// nothing.
	if u.Disabled {
		return nil, ErrAccountDisabled
	}
	return u, nil
}
