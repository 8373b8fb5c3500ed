package main

import (
	"context"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/vigie-sante/vigie/store"
)

// runToken manages API tokens (used as "Authorization: Bearer ...").
func runToken(args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return usagef("sous-commande attendue : create EMAIL [--label L], revoke ID, list EMAIL")
	}
	switch args[0] {
	case "create":
		return tokenCreate(args[1:], stdout, stderr)
	case "revoke":
		return tokenRevoke(args[1:], stdout, stderr)
	case "list":
		return tokenList(args[1:], stdout, stderr)
	}
	return usagef("sous-commande inconnue « %s » (create, revoke, list)", args[0])
}

// tokenCreate prints a new token alone on standard output, for scripts,
// and its id and a warning on standard error: only a hash is stored, so
// this is the one time anyone sees it.
func tokenCreate(args []string, stdout, stderr io.Writer) error {
	cmd := newStoreCommand("token create", "usage : vigie token create EMAIL [--label L] [--db vigie.db]", stderr)
	label := cmd.String("label", "", "à quoi sert le jeton (pour le reconnaître dans la liste)")
	rest, err := cmd.parse(args, 1)
	if err != nil {
		return err
	}
	return cmd.withStore(func(ctx context.Context, s *store.Store) error {
		u, err := s.UserByEmail(ctx, rest[0])
		if err != nil {
			return userError(err)
		}
		id, token, err := s.CreateToken(ctx, u.ID, *label)
		if err != nil {
			return userError(err)
		}
		if err := s.Audit(ctx, cliActor, "token.create", u.Email, id); err != nil {
			return err
		}
		fmt.Fprintln(stdout, token)
		fmt.Fprintf(stderr, "Jeton %s créé pour %s. Copiez-le maintenant : il ne sera plus affiché (seule son empreinte est conservée).\n", id, u.Email)
		return nil
	})
}

// tokenRevoke makes a token unusable.
func tokenRevoke(args []string, stdout, stderr io.Writer) error {
	cmd := newStoreCommand("token revoke", "usage : vigie token revoke ID [--db vigie.db]", stderr)
	rest, err := cmd.parse(args, 1)
	if err != nil {
		return err
	}
	return cmd.withStore(func(ctx context.Context, s *store.Store) error {
		if err := s.RevokeToken(ctx, rest[0]); err != nil {
			return userError(err)
		}
		if err := s.Audit(ctx, cliActor, "token.revoke", rest[0], ""); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "Jeton %s révoqué.\n", rest[0])
		return nil
	})
}

// tokenList prints the tokens of an account, without their secrets.
func tokenList(args []string, stdout, stderr io.Writer) error {
	cmd := newStoreCommand("token list", "usage : vigie token list EMAIL [--db vigie.db]", stderr)
	rest, err := cmd.parse(args, 1)
	if err != nil {
		return err
	}
	return cmd.withStore(func(ctx context.Context, s *store.Store) error {
		u, err := s.UserByEmail(ctx, rest[0])
		if err != nil {
			return userError(err)
		}
		tokens, err := s.Tokens(ctx, u.ID)
		if err != nil {
			return err
		}
		w := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(w, "ID\tCRÉÉ LE\tÉTAT\tLIBELLÉ")
		for _, t := range tokens {
			state := "actif"
			if t.Revoked {
				state = "révoqué"
			}
			fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", t.ID, t.CreatedOn, state, t.Label)
		}
		return w.Flush()
	})
}
