// Package vigie holds the domain types shared by every layer of Vigie, an
// anonymous occupational-health survey tool: campaigns, responses, users and
// the domain error type. It has no dependencies on storage or HTTP; the
// store package persists these types and the web package serves them.
package vigie
