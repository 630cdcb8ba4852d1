package main

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/secotel/secotel/otel-collector/securityprocessor/integrity"
)

// rotatedStamp matches the timestamp the file exporter's rotation puts in a backup's name,
// e.g. output-2026-12-06T03-35-46.000-size.json.
var rotatedStamp = regexp.MustCompile(`-(\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}\.\d{3})-[a-z]+`)

// expand returns the files named by args: plain paths as given (they must exist), globs in
// rotation order.
func expand(args []string) ([]string, error) {
	var out []string
	for _, arg := range args {
		if !strings.ContainsAny(arg, "*?[") {
			if _, err := os.Stat(arg); err != nil {
				return nil, err
			}
			out = append(out, arg)
			continue
		}
		matches, err := filepath.Glob(arg)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", arg, err)
		}
		if len(matches) == 0 {
			return nil, fmt.Errorf("%s: no file matches: %w", arg, fs.ErrNotExist)
		}
		sortRotation(matches)
		out = append(out, matches...)
	}
	return out, nil
}

// sortRotation puts rotated backups first, oldest first, and files without a rotation
// timestamp (the file being written) last.
func sortRotation(paths []string) {
	key := func(p string) string {
		if m := rotatedStamp.FindStringSubmatch(filepath.Base(p)); m != nil {
			return "0" + m[1] + p
		}
		return "1" + p
	}
	sort.Slice(paths, func(i, j int) bool { return key(paths[i]) < key(paths[j]) })
}

// sources opens each file when the reader reaches it and closes it at its end.
func sources(paths []string) []integrity.Source {
	out := make([]integrity.Source, len(paths))
	for i, p := range paths {
		out[i] = integrity.Source{Name: p, R: &lazyFile{path: p}}
	}
	return out
}

type lazyFile struct {
	path string
	f    *os.File
	done bool
}

func (l *lazyFile) Read(p []byte) (int, error) {
	if l.done {
		return 0, io.EOF
	}
	if l.f == nil {
		f, err := os.Open(l.path)
		if err != nil {
			return 0, err
		}
		l.f = f
	}
	n, err := l.f.Read(p)
	if err == io.EOF {
		l.done = true
		l.f.Close()
	}
	return n, err
}
