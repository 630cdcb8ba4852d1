// Command secotel-verify checks the hash chains in the file exporter's OTLP JSON lines output and
// reports every record that was modified, deleted, inserted or reordered, every byte that is not
// a chained record, and, with keys, every record no verified checkpoint signature covers.
//
//	secotel-verify [-ed25519-key KEY_ID=BASE64|@FILE]... [-hmac-key KEY_ID=BASE64|@FILE]...
//	               [-digests FILE|GLOB]... [-digest-max-age DURATION] FILE|GLOB...
//
// Files are read in the order given as one stream; a glob is expanded in rotation order (the
// file exporter's rotated backups by their timestamp, then the active file).
//
// Exit status: 0 when every chain is intact (with keys: attested; without: consistent), 1 when
// something was found, 2 on usage or read errors.
package main

import (
	"crypto/ed25519"
	"encoding/base64"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"time"

	"github.com/secotel/secotel/otel-collector/securityprocessor/integrity"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("secotel-verify", flag.ContinueOnError)
	fs.SetOutput(stderr)
	keys := integrity.KeyRing{Ed25519: map[string]ed25519.PublicKey{}, HMAC: map[string][]byte{}}
	fs.Func("ed25519-key", "public key for checkpoint signatures, KEY_ID=BASE64 or KEY_ID=@FILE (repeatable)", func(v string) error {
		id, raw, err := parseKey(v)
		if err == nil && len(raw) != ed25519.PublicKeySize {
			err = fmt.Errorf("an ed25519 public key is %d bytes, got %d", ed25519.PublicKeySize, len(raw))
		}
		keys.Ed25519[id] = raw
		return err
	})
	fs.Func("hmac-key", "HMAC secret for checkpoint signatures, KEY_ID=BASE64 or KEY_ID=@FILE (repeatable)", func(v string) error {
		id, raw, err := parseKey(v)
		keys.HMAC[id] = raw
		return err
	})
	var digestArgs []string
	fs.Func("digests", "the collector's digest file (integrity.digest.path), FILE or GLOB (repeatable): chain heads the output must reach", func(v string) error {
		digestArgs = append(digestArgs, v)
		return nil
	})
	maxAge := fs.Duration("digest-max-age", 0, "fail when the newest digest is older than this and not a shutdown digest (default: twice the collector's checkpoint_interval)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: secotel-verify [-ed25519-key KEY_ID=BASE64|@FILE]... [-hmac-key KEY_ID=BASE64|@FILE]... [-digests FILE|GLOB]... [-digest-max-age DURATION] FILE|GLOB...")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return 2
	}
	outputs, err := expand(fs.Args())
	if err != nil {
		fmt.Fprintf(stderr, "secotel-verify: %v\n", err)
		return 2
	}
	var digests *integrity.DigestSet
	if len(digestArgs) > 0 {
		if digests, err = readDigests(digestArgs, keys, *maxAge); err != nil {
			fmt.Fprintf(stderr, "secotel-verify: %v\n", err)
			return 2
		}
	}
	v := integrity.NewVerifier(keys, digests)
	if err := integrity.ReadOutput(sources(outputs), v); err != nil {
		fmt.Fprintf(stderr, "secotel-verify: %v\n", err)
		return 2
	}
	rep := v.Finish()
	printReport(stdout, rep, digests)
	if !rep.Intact() {
		return 1
	}
	return 0
}

// readDigests reads the digest files; a digest file that is missing is a finding, not a usage
// error: whoever cut the output may have deleted the digests too.
func readDigests(args []string, keys integrity.KeyRing, maxAge time.Duration) (*integrity.DigestSet, error) {
	var present []string
	var missing []integrity.Finding
	for _, arg := range args {
		paths, err := expand([]string{arg})
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		if len(paths) == 0 {
			missing = append(missing, integrity.Finding{Kind: integrity.Deleted, Detail: fmt.Sprintf("the digest file %s is missing", arg)})
		}
		present = append(present, paths...)
	}
	set, err := integrity.ReadDigests(sources(present), keys, time.Now(), maxAge)
	if err != nil {
		return nil, err
	}
	set.Findings = append(missing, set.Findings...)
	return set, nil
}

// parseKey splits KEY_ID=BASE64 or KEY_ID=@FILE and decodes the key.
func parseKey(v string) (string, []byte, error) {
	id, value, ok := strings.Cut(v, "=")
	if !ok || id == "" || value == "" {
		return "", nil, errors.New("want KEY_ID=BASE64 or KEY_ID=@FILE, e.g. collector-2026=@checkpoint.pub")
	}
	if path, isFile := strings.CutPrefix(value, "@"); isFile {
		raw, err := os.ReadFile(path)
		if err != nil {
			return "", nil, err
		}
		value = strings.TrimSpace(string(raw))
	}
	raw, err := base64.StdEncoding.DecodeString(value)
	if err != nil {
		return "", nil, fmt.Errorf("key %q is not base64: %w", id, err)
	}
	return id, raw, nil
}

func printReport(w io.Writer, rep integrity.Report, digests *integrity.DigestSet) {
	for _, f := range rep.Findings {
		where := ""
		if f.Stream != "" || f.Chain != "" {
			where = fmt.Sprintf(" stream %q chain %s seq %s", f.Stream, f.Chain, seqRange(f))
		}
		if f.Position != "" {
			where += " at " + f.Position
		}
		if where != "" {
			where += ":"
		}
		fmt.Fprintf(w, "%s:%s %s\n", strings.ToUpper(f.Kind), where, f.Detail)
	}
	for _, n := range rep.Notes {
		fmt.Fprintf(w, "note: %s\n", n)
	}
	for _, c := range rep.Chains {
		fmt.Fprintf(w, "chain: stream %q chain %s: %d records, seq %d-%d, %d checkpoints, %d signatures verified\n",
			c.Stream, c.Chain, c.Records, c.FirstSeq, c.LastSeq, c.Checkpoints, c.SignedVerified)
	}
	if digests != nil && digests.Newest != nil {
		fmt.Fprintf(w, "digests: %d, the newest %d (%s) at %s\n", digests.Count, digests.Newest.Seq, digests.Newest.Reason,
			time.Unix(0, digests.Newest.Time).UTC().Format(time.RFC3339Nano))
	}
	switch {
	case !rep.Intact() && rep.OnlyUnattested():
		fmt.Fprintf(w, "UNATTESTED: %d findings in %d records: records or checkpoints that no verified signature covers\n", len(rep.Findings), rep.Records)
	case !rep.Intact():
		fmt.Fprintf(w, "TAMPERED: %d findings in %d records\n", len(rep.Findings), rep.Records)
	case !rep.Attested:
		fmt.Fprintf(w, "CONSISTENT: %d records in %d chains; consistency only: no key was given, so no signature was checked and an output rewritten with fresh hashes would pass too\n", rep.Records, len(rep.Chains))
	default:
		fmt.Fprintf(w, "INTACT: %d records in %d chains; nothing modified, deleted, inserted or reordered, every record covered by a verified signature", rep.Records, len(rep.Chains))
		if digests != nil {
			fmt.Fprint(w, ", every attested head present")
		} else {
			fmt.Fprint(w, "; without -digests a tail cut back to a checkpoint would not show")
		}
		fmt.Fprintln(w)
	}
}

func seqRange(f integrity.Finding) string {
	if f.LastSeq > f.Seq {
		return fmt.Sprintf("%d-%d", f.Seq, f.LastSeq)
	}
	return fmt.Sprint(f.Seq)
}
