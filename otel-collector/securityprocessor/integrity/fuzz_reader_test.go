package integrity

import (
	"bytes"
	"testing"
	"time"
)

// FuzzReadOutput feeds arbitrary bytes to the output and digest readers and the verifier, with
// and without keys: whatever the file holds, verification reports it and never panics.
// Seed corpus: testdata/fuzz/FuzzReadOutput (intact output, forged checkpoints, cut and glued
// lines, digests).
func FuzzReadOutput(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, keys := range []KeyRing{testKeys(), {}} {
			digests, err := ReadDigests([]Source{{Name: "d", R: bytes.NewReader(data)}}, keys, time.Unix(0, 0), 0)
			if err != nil {
				t.Fatal(err)
			}
			v := NewVerifier(keys, digests)
			if err := ReadOutput([]Source{{Name: "a", R: bytes.NewReader(data)}, {Name: "b", R: bytes.NewReader(data)}}, v); err != nil {
				t.Fatal(err)
			}
			rep := v.Finish()
			if len(data) == 0 && rep.Intact() {
				t.Fatal("an empty output verified")
			}
		}
	})
}
