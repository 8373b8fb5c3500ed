// Package locale is the one catalogue of words of the outputs: the
// employees' pages, the PDF and Excel reports, the discussion guide, the
// trends, the comparison with a reference and the GDPR documents (notice,
// AIPD); the DUERP's texts, the record of processing and the e-mails are
// still written in code (docs/architecture.md). A word shared
// by a page, the PDF and the workbook has one key, so it cannot drift
// between them; every text exists in French and English (tests), and the
// plural rule is vigie.Singular.
//
// Keys are dotted paths of lower-case words ("error.notfound",
// "report.h_summary", "word.unit"); the first part names the table the
// text comes from ("report", "xlsx", "notice", "aipd", "word"
// for words every output shares; the pages' own tables keep their first
// part: "error", "layout", "review"...). A text that counts has two keys,
// key+".one" and key+".other" (N picks one). Texts are format strings
// for fmt (%s, %d, and %% for a percent sign where the caller formats);
// each output applies its own typography (web.tr, reports.frenchTypography).
//
// web and reports keep thin wrappers (tr, trn) so their call sites name
// keys as they always have: reports' tr("h_summary") is
// T(lang, "report.h_summary"), and a key with a dot is taken whole.
package locale
