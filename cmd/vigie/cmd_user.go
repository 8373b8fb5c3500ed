package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/store"
)

// cliActor is the audit log's actor for everything done from the terminal.
const cliActor = "cli"

// runUser manages back-office accounts: consultants and viewers.
func runUser(args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return usagef("sous-commande attendue : add EMAIL --role consultant|viewer|saisie, grant EMAIL --campaign ID, revoke EMAIL --campaign ID, password EMAIL [--keep-tokens], disable EMAIL, enable EMAIL, delete EMAIL --yes, list")
	}
	switch args[0] {
	case "add":
		return userAdd(args[1:], stdout, stderr)
	case "grant", "revoke":
		return userGrant(args[0], args[1:], stdout, stderr)
	case "password":
		return userPassword(args[1:], stdout, stderr)
	case "disable", "enable":
		return userDisable(args[0], args[1:], stdout, stderr)
	case "delete":
		return userDelete(args[1:], stdout, stderr)
	case "list":
		return userList(args[1:], stdout, stderr)
	}
	return usagef("sous-commande inconnue « %s » (add, grant, revoke, password, disable, enable, delete, list)", args[0])
}

// userAdd creates an account; the password comes from the terminal or the
// first line of standard input.
func userAdd(args []string, stdout, stderr io.Writer) error {
	cmd := newStoreCommand("user add", "usage : vigie user add EMAIL --role consultant|viewer|saisie [--db vigie.db]", stderr)
	role := cmd.String("role", "", "consultant (mène les enquêtes, voit tout), viewer (RH, CSE, médecin : campagnes accordées, résultats agrégés) ou saisie (saisit les questionnaires papier des campagnes accordées, rien d'autre)")
	rest, err := cmd.parse(args, 1)
	if err != nil {
		return err
	}
	if !vigie.Role(*role).Valid() {
		return cmd.usageError()
	}
	return cmd.withStore(func(ctx context.Context, s *store.Store) error {
		// Fail on a bad or taken address before asking for a password.
		email, err := store.NormaliseEmail(rest[0])
		if err != nil {
			return userError(err)
		}
		if _, err := s.UserByEmail(ctx, email); err == nil {
			return fmt.Errorf("un compte existe déjà pour l'adresse %s", email)
		}
		password, err := readNewPassword(stderr)
		if err != nil {
			return err
		}
		u, err := s.CreateUser(ctx, email, vigie.Role(*role), password)
		if err != nil {
			return userError(err)
		}
		if err := s.Audit(ctx, cliActor, "user.add", u.Email, string(u.Role)); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "Compte %s créé pour %s (%s).\n", u.Role, u.Email, u.ID)
		return nil
	})
}

// userGrant gives a viewer a campaign, or takes it back.
func userGrant(action string, args []string, stdout, stderr io.Writer) error {
	cmd := newStoreCommand("user "+action, "usage : vigie user "+action+" EMAIL --campaign ID [--db vigie.db]", stderr)
	campaign := cmd.String("campaign", "", "identifiant de la campagne")
	rest, err := cmd.parse(args, 1)
	if err != nil {
		return err
	}
	if *campaign == "" {
		return cmd.usageError()
	}
	return cmd.withStore(func(ctx context.Context, s *store.Store) error {
		u, err := s.UserByEmail(ctx, rest[0])
		if err != nil {
			return userError(err)
		}
		if action == "grant" {
			err = s.GrantCampaign(ctx, u.ID, *campaign)
		} else {
			err = s.RevokeGrant(ctx, u.ID, *campaign)
		}
		if err != nil {
			return userError(err)
		}
		if err := s.Audit(ctx, cliActor, "user."+action, *campaign, u.Email); err != nil {
			return err
		}
		if action == "grant" {
			fmt.Fprintf(stdout, "%s peut lire la campagne %s.\n", u.Email, *campaign)
		} else {
			fmt.Fprintf(stdout, "%s ne peut plus lire la campagne %s.\n", u.Email, *campaign)
		}
		return nil
	})
}

// userPassword replaces an account's password, which also ends its
// back-office sessions and, unless --keep-tokens, revokes its API tokens:
// a password is changed because it may have leaked, and whoever had it may
// have signed in or made a token meanwhile.
func userPassword(args []string, stdout, stderr io.Writer) error {
	cmd := newStoreCommand("user password", "usage : vigie user password EMAIL [--keep-tokens] [--db vigie.db]", stderr)
	keep := cmd.Bool("keep-tokens", false, "garder les jetons d'API du compte (par défaut, ils sont révoqués)")
	rest, err := cmd.parse(args, 1)
	if err != nil {
		return err
	}
	return cmd.withStore(func(ctx context.Context, s *store.Store) error {
		u, err := s.UserByEmail(ctx, rest[0])
		if err != nil {
			return userError(err)
		}
		password, err := readNewPassword(stderr)
		if err != nil {
			return err
		}
		revoked, err := s.SetPassword(ctx, u.ID, password, store.PasswordChange{KeepTokens: *keep})
		if err != nil {
			return userError(err)
		}
		tokens := vigie.Plural(revoked, "jeton d'API révoqué", "jetons d'API révoqués")
		if *keep {
			tokens = "jetons d'API conservés"
		}
		if err := s.Audit(ctx, cliActor, "user.password", u.Email, "sessions fermées, "+tokens); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "Mot de passe de %s changé. Ses sessions ouvertes sont fermées ; %s.\n", u.Email, tokens)
		return nil
	})
}

// userDisable disables an account (it can no longer sign in, its
// sessions end, its API tokens stop working) or enables it again.
func userDisable(action string, args []string, stdout, stderr io.Writer) error {
	cmd := newStoreCommand("user "+action, "usage : vigie user "+action+" EMAIL [--db vigie.db]", stderr)
	rest, err := cmd.parse(args, 1)
	if err != nil {
		return err
	}
	return cmd.withStore(func(ctx context.Context, s *store.Store) error {
		u, err := s.UserByEmail(ctx, rest[0])
		if err != nil {
			return userError(err)
		}
		if u, err = s.SetUserDisabled(ctx, u.ID, action == "disable"); err != nil {
			return userError(err)
		}
		if err := s.Audit(ctx, cliActor, "user."+action, "", u.Email); err != nil {
			return err
		}
		if action == "disable" {
			fmt.Fprintf(stdout, "Compte %s de %s désactivé : ses sessions sont fermées, il ne peut plus se connecter ni utiliser ses jetons d'API.\n", u.Role, u.Email)
		} else {
			fmt.Fprintf(stdout, "Compte %s de %s réactivé.\n", u.Role, u.Email)
		}
		return nil
	})
}

// userDelete deletes an account with its grants and tokens; --yes
// confirms. The audit log keeps its entries under its address.
func userDelete(args []string, stdout, stderr io.Writer) error {
	cmd := newStoreCommand("user delete", "usage : vigie user delete EMAIL --yes [--db vigie.db]", stderr)
	yes := cmd.Bool("yes", false, "confirmer la suppression (sans retour)")
	rest, err := cmd.parse(args, 1)
	if err != nil {
		return err
	}
	if !*yes {
		return usagef("la suppression d'un compte est sans retour : confirmez avec --yes (ou désactivez-le : vigie user disable %s)", rest[0])
	}
	return cmd.withStore(func(ctx context.Context, s *store.Store) error {
		u, err := s.UserByEmail(ctx, rest[0])
		if err != nil {
			return userError(err)
		}
		if err := s.DeleteUser(ctx, u.ID); err != nil {
			return userError(err)
		}
		if err := s.Audit(ctx, cliActor, "user.delete", "", u.Email+" ("+string(u.Role)+")"); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "Compte %s de %s supprimé, avec ses accès et ses jetons d'API ; le journal garde ses actions sous son adresse.\n", u.Role, u.Email)
		return nil
	})
}

// userList prints every account with its role and, for viewers, the
// campaigns granted.
func userList(args []string, stdout, stderr io.Writer) error {
	cmd := newStoreCommand("user list", "usage : vigie user list [--db vigie.db]", stderr)
	if _, err := cmd.parse(args, 0); err != nil {
		return err
	}
	return cmd.withStore(func(ctx context.Context, s *store.Store) error {
		users, err := s.Users(ctx)
		if err != nil {
			return err
		}
		w := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(w, "ADRESSE\tRÔLE\tÉTAT\tCAMPAGNES")
		for _, u := range users {
			campaigns := "toutes"
			if u.Role != vigie.RoleConsultant {
				ids, err := s.GrantedCampaigns(ctx, u.ID)
				if err != nil {
					return err
				}
				campaigns = strings.Join(ids, ",")
				if campaigns == "" {
					campaigns = "aucune"
				}
			}
			state := "actif"
			if u.Disabled {
				state = "désactivé"
			}
			fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", u.Email, u.Role, state, campaigns)
		}
		return w.Flush()
	})
}
