package vigie_test

import (
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/vigie-sante/vigie"
)

func FuzzZZSlow(f *testing.F) {
	if data, err := os.ReadFile("docs/examples/campagne.yaml"); err == nil {
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		done := make(chan struct{})
		go func() { vigie.ParseCampaignSpec("f.yaml", data); close(done) }()
		select {
		case <-done:
		case <-time.After(time.Second):
			os.WriteFile("/tmp/slow_input.yaml", data, 0o644)
			panic(fmt.Sprintf("slow input %q", data))
		}
	})
}
