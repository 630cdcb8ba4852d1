// Command secotel-verify checks the hash chains in the file exporter's OTLP JSON lines output and
// reports every record that was modified, deleted, inserted or reordered.
//
//	secotel-verify [-ed25519-key KEY_ID=BASE64|@FILE]... [-hmac-key KEY_ID=BASE64|@FILE]... FILE...
//
// Exit status: 0 when every chain is intact, 1 when something was changed, 2 on usage or read errors.
package main

import (
	"bufio"
	"bytes"
	"crypto/ed25519"
	"encoding/base64"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"go.opentelemetry.io/collector/pdata/plog"

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
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: secotel-verify [-ed25519-key KEY_ID=BASE64|@FILE]... [-hmac-key KEY_ID=BASE64|@FILE]... FILE...")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return 2
	}
	var entries []integrity.Entry
	for _, path := range fs.Args() {
		read, err := readFile(path)
		if err != nil {
			fmt.Fprintf(stderr, "secotel-verify: %v\n", err)
			return 2
		}
		entries = append(entries, read...)
	}
	rep := integrity.Verify(entries, keys)
	printReport(stdout, rep, len(entries))
	if !rep.Intact() {
		return 1
	}
	return 0
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

// readFile parses one OTLP JSON payload per line, as the file exporter writes with format: json.
func readFile(path string) ([]integrity.Entry, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var entries []integrity.Entry
	r := bufio.NewReader(f)
	var unmarshaler plog.JSONUnmarshaler
	for line := 1; ; line++ {
		raw, err := r.ReadBytes('\n')
		if trimmed := bytes.TrimSpace(raw); len(trimmed) > 0 {
			ld, perr := unmarshaler.UnmarshalLogs(trimmed)
			if perr != nil {
				return nil, fmt.Errorf("%s line %d: not OTLP JSON logs: %w", path, line, perr)
			}
			for _, e := range integrity.Entries(ld, line) {
				e.Position = path + " " + e.Position
				entries = append(entries, e)
			}
		}
		if errors.Is(err, io.EOF) {
			return entries, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
	}
}

func printReport(w io.Writer, rep integrity.Report, records int) {
	for _, f := range rep.Findings {
		fmt.Fprintf(w, "%s: stream %q chain %s seq %s", strings.ToUpper(f.Kind), f.Stream, f.Chain, seqRange(f))
		if f.Position != "" {
			fmt.Fprintf(w, " at %s", f.Position)
		}
		fmt.Fprintf(w, ": %s\n", f.Detail)
	}
	for _, n := range rep.Notes {
		fmt.Fprintf(w, "note: %s\n", n)
	}
	for _, c := range rep.Chains {
		fmt.Fprintf(w, "chain: stream %q chain %s: %d records, seq %d-%d, %d checkpoints, %d signatures verified\n",
			c.Stream, c.Chain, c.Records, c.FirstSeq, c.LastSeq, c.Checkpoints, c.SignedVerified)
	}
	if rep.Intact() {
		fmt.Fprintf(w, "INTACT: %d records in %d chains; nothing modified, deleted, inserted or reordered\n", records, len(rep.Chains))
		return
	}
	fmt.Fprintf(w, "TAMPERED: %d findings in %d records\n", len(rep.Findings), records)
}

func seqRange(f integrity.Finding) string {
	if f.LastSeq > f.Seq {
		return fmt.Sprintf("%d-%d", f.Seq, f.LastSeq)
	}
	return fmt.Sprint(f.Seq)
}
