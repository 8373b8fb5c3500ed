// Package mail sends Vigie's e-mails (access codes, reminders) through an
// SMTP relay. Addresses pass through it in memory only: it neither logs
// nor stores them, and its errors are returned to the caller, who shows
// them to the consultant who typed the addresses.
package mail
