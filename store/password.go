package store

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"time"

	"golang.org/x/crypto/argon2"

	"github.com/vigie-sante/vigie"
)

// PasswordParams are the argon2id parameters of new password hashes
// (OWASP's second recommended set: 19 MiB, 2 passes, 1 lane, cheaper on
// a 2-core server than 64 MiB). Each hash records its own parameters, so
// changing these never locks anyone out. Tests lower them to stay fast;
// nothing else should change them.
var PasswordParams = Argon2Params{Memory: 19 * 1024, Time: 2, Threads: 1}

// Argon2Params are the cost parameters of argon2id.
type Argon2Params struct {
	Memory  uint32 // KiB
	Time    uint32
	Threads uint8
}

const (
	passwordSaltLen = 16
	passwordKeyLen  = 32
)

var b64 = base64.RawStdEncoding

// hashSlots bounds how many argon2id computations run at once, whatever
// asks for them (sign-in, account creation, password change): each one
// holds PasswordParams.Memory (19 MiB) and a core for tens of
// milliseconds, so 100 at once took a server to 1.9 GB and starved every
// other request. With one slot per core, hashing never needs more than
// cores × 19 MiB and the queue drains as fast as the CPU allows anyway.
// The slots are per process, not per Store: the memory and the cores are.
var hashSlots = make(chan struct{}, runtime.NumCPU())

// PasswordQueueWait is how long a password hash waits for a free slot
// before giving up with ERATELIMIT (the caller's context may end the wait
// sooner). Tests shorten it; nothing else should change it.
var PasswordQueueWait = 2 * time.Second

// PasswordHashHook, when not nil, is called by every argon2id computation
// while it holds its slot. It lets tests count the hashes that really run
// and hold them to observe the bound; nothing else should set it.
var PasswordHashHook func()

// errPasswordBusy is returned when every hashing slot stayed taken for
// PasswordQueueWait: a burst of sign-ins, usually an attack.
var errPasswordBusy = vigie.Errorf(vigie.ERATELIMIT,
	"Le serveur vérifie déjà beaucoup de mots de passe en ce moment. Réessayez dans quelques secondes.")

// argon2Key computes an argon2id key once a hashing slot is free; see
// hashSlots. It is the only caller of argon2.IDKey.
func argon2Key(ctx context.Context, password string, salt []byte, p Argon2Params, keyLen uint32) ([]byte, error) {
	select {
	case hashSlots <- struct{}{}:
	default:
		wait := time.NewTimer(PasswordQueueWait)
		defer wait.Stop()
		select {
		case hashSlots <- struct{}{}:
		case <-wait.C:
			return nil, errPasswordBusy
		case <-ctx.Done():
			return nil, fmt.Errorf("store: wait to hash a password: %w", ctx.Err())
		}
	}
	defer func() { <-hashSlots }()
	if hook := PasswordHashHook; hook != nil {
		hook()
	}
	return argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, keyLen), nil
}

// hashPassword returns the PHC string of password:
// $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>.
func hashPassword(ctx context.Context, password string) (string, error) {
	p := PasswordParams
	salt := make([]byte, passwordSaltLen)
	rand.Read(salt)
	key, err := argon2Key(ctx, password, salt, p, passwordKeyLen)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, p.Memory, p.Time, p.Threads, b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// checkPassword reports whether password matches the PHC string encoded.
// A malformed hash is an error; so is a wait for a hashing slot that
// fails (ERATELIMIT, or the context's error).
func checkPassword(ctx context.Context, encoded, password string) (bool, error) {
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false, errors.New("not an argon2id hash")
	}
	var version int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return false, fmt.Errorf("unsupported argon2 version %q", parts[2])
	}
	var p Argon2Params
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.Memory, &p.Time, &p.Threads); err != nil {
		return false, fmt.Errorf("bad argon2 parameters %q: %w", parts[3], err)
	}
	if p.Memory == 0 || p.Time == 0 || p.Threads == 0 {
		return false, fmt.Errorf("bad argon2 parameters %q", parts[3])
	}
	salt, err := b64.DecodeString(parts[4])
	if err != nil {
		return false, fmt.Errorf("bad argon2 salt: %w", err)
	}
	want, err := b64.DecodeString(parts[5])
	if err != nil || len(want) == 0 {
		return false, fmt.Errorf("bad argon2 hash")
	}
	got, err := argon2Key(ctx, password, salt, p, uint32(len(want)))
	if err != nil {
		return false, err
	}
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}
