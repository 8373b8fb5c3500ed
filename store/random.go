package store

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"time"
)

// randomString returns n characters drawn uniformly from alphabet, which
// must have 32 characters (5 bits each; 256 is a multiple of 32, so taking
// a byte modulo 32 introduces no bias).
func randomString(alphabet string, n int) string {
	if len(alphabet) != 32 {
		panic("store: alphabet must have 32 characters")
	}
	b := make([]byte, n)
	rand.Read(b) // never returns an error (crypto/rand since Go 1.24)
	for i := range b {
		b[i] = alphabet[b[i]%32]
	}
	return string(b)
}

// idAlphabet is lower-case letters and digits without l, o, 0 and 1, so ids
// and slugs read back without confusion.
const idAlphabet = "abcdefghijkmnpqrstuvwxyz23456789"

// newCampaignID returns "c_" and 10 random characters (50 bits).
func newCampaignID() string { return "c_" + randomString(idAlphabet, 10) }

// newSlug returns the unguessable part of the respondent URL (80 bits): in
// link mode it is the only thing that keeps strangers out.
func newSlug() string { return randomString(idAlphabet, 16) }

// newResponseID returns 16 random bytes in hex: ids carry no order.
func newResponseID() string {
	b := make([]byte, 16)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// newKey returns a random 32-byte key.
func newKey() []byte {
	b := make([]byte, 32)
	rand.Read(b)
	return b
}

// Week returns the ISO week of t as "2027-W05", the finest time Vigie keeps
// about an answer.
func Week(t time.Time) string {
	y, w := t.ISOWeek()
	return fmt.Sprintf("%04d-W%02d", y, w)
}
