// Command vigie is Vigie's one binary: the server, the demo, and the
// command-line tools of consultants (scoring, campaigns, codes, reports).
package main

import (
	"fmt"
	"io"
	"os"
)

// command is one subcommand: its one-line help and the function that runs
// it with the arguments after its name.
type command struct {
	name  string
	usage string
	run   func(args []string, stdout, stderr io.Writer) error
}

// commands lists every subcommand, in the order `vigie help` shows them.
// Each one lives in its own file (cmd_<name>.go).
func commands() []command {
	return []command{
		{"demo", "vigie demo [--addr 127.0.0.1:8080] [--dir DOSSIER [--reset]] : lance une démonstration complète", runDemo},
		{"serve", "vigie serve [--addr :8080] [--db vigie.db|postgres://…] : lance le serveur (base SQLite ou PostgreSQL)", runServe},
		{"questionnaires", "vigie questionnaires list | show ID | validate FICHIER... | import FICHIER.xlsx|.lss --out FICHIER.yaml | template --out FICHIER.xlsx : les questionnaires", runQuestionnaires},
		{"score", "vigie score --questionnaire ID|FICHIER --responses FICHIER.csv|.xlsx [--previous FICHIER [--previous-questionnaire ID|FICHIER] [--unit-map ANCIEN=>NOUVEAU]] [--min-group-size K] [--out FICHIER] : calcule les résultats (JSON)", runScore},
		{"campaign", "vigie campaign create --file campagne.yaml | open ID | close ID | archive ID | delete ID [--confirm TITRE] | list : les campagnes", runCampaign},
		{"codes", "vigie codes --campaign ID --count N [--unit CHEMIN] : crée des codes d'accès", runCodes},
		{"paper", "vigie paper --campaign ID --count N --out FICHIER.pdf : questionnaires papier à imprimer, un numéro de feuille (code) chacun", runPaper},
		{"report", "vigie report --campaign ID | --questionnaire ID|FICHIER --responses FICHIER [--previous FICHIER] --out FICHIER.pdf|.xlsx [--audience consultant|committee] [--lang fr|en] [--duerp] : produit un rapport, ou avec --duerp le document unique de la campagne", runReport},
		{"guide", "vigie guide --campaign ID [--unit CHEMIN] [--lang fr|en] --out FICHIER.pdf : guide d'échange d'une unité publiée (ou de l'ensemble)", runGuide},
		{"portfolio", "vigie portfolio status | on | off | minimum N | include ID | exclude ID | freeze : la référence du portefeuille (organisations clientes)", runPortfolio},
		{"user", "vigie user add EMAIL --role consultant|viewer|saisie | grant|revoke EMAIL --campaign ID | password EMAIL [--keep-tokens] | disable|enable EMAIL | delete EMAIL --yes | list : les comptes", runUser},
		{"token", "vigie token create EMAIL [--label L] | revoke ID | list EMAIL : les jetons d'API", runToken},
		{"backup", "vigie backup --db vigie.db --out FICHIER : copie cohérente d'une base SQLite en service (PostgreSQL : pg_dump)", runBackup},
		{"migrate", "vigie migrate --from vigie.db --to postgres://… : copie une installation SQLite dans une base PostgreSQL vide", runMigrate},
		{"version", "vigie version : affiche la version", runVersion},
	}
}

// Version is set at build time with -ldflags "-X main.Version=...".
var Version = "dev"

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run dispatches to a subcommand and returns the process exit code: 0 on
// success, 1 when the command failed, 2 on a usage error.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		printHelp(stdout)
		return 0
	}
	for _, c := range commands() {
		if c.name == args[0] {
			if err := c.run(args[1:], stdout, stderr); err != nil {
				fmt.Fprintf(stderr, "vigie %s : %v\n", c.name, err)
				if isUsageError(err) {
					return 2
				}
				return 1
			}
			return 0
		}
	}
	fmt.Fprintf(stderr, "vigie : commande inconnue %q (voir « vigie help »)\n", args[0])
	return 2
}

func printHelp(w io.Writer) {
	fmt.Fprintln(w, "Vigie : enquêtes anonymes en santé au travail.")
	fmt.Fprintln(w, "\nCommandes :")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-15s %s\n", c.name, c.usage)
	}
}

func runVersion(args []string, stdout, stderr io.Writer) error {
	fmt.Fprintln(stdout, "vigie", Version)
	return nil
}
