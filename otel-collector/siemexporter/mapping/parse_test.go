package mapping

import (
	"fmt"
	"strconv"
	"strings"
)

// The parsers below read CEF and LEEF the way the formats define them, independently of the encoders: the
// round-trip tests hold the encoders to what a consumer reads back.

type parsedLine struct {
	header []string
	ext    map[string]string
	keys   []string // in line order
}

// parseCEF splits the 7 header fields (\| and \\ escaped) and the extension, whose keys are the words before
// each unescaped '=' and whose values unescape \\, \=, \n and \r.
func parseCEF(line string) (parsedLine, error) {
	rest, ok := strings.CutPrefix(line, "CEF:")
	if !ok {
		return parsedLine{}, fmt.Errorf("no CEF: prefix in %q", line)
	}
	header, ext, err := splitHeader(rest, 7)
	if err != nil {
		return parsedLine{}, err
	}
	out := parsedLine{header: header, ext: map[string]string{}}
	// Positions of the unescaped '=' signs.
	var equals []int
	for i := 0; i < len(ext); i++ {
		switch ext[i] {
		case '\\':
			i++
		case '=':
			equals = append(equals, i)
		}
	}
	keyStart := func(eq int) int { return strings.LastIndexByte(ext[:eq], ' ') + 1 }
	for n, eq := range equals {
		key := ext[keyStart(eq):eq]
		end := len(ext)
		if n+1 < len(equals) {
			end = keyStart(equals[n+1]) - 1 // the space before the next key
			if end < eq+1 {
				return parsedLine{}, fmt.Errorf("key %q has no separating space before the next key", key)
			}
		}
		value, err := unescape(ext[eq+1:end], map[byte]string{'\\': `\`, '=': "=", 'n': "\n", 'r': "\r"})
		if err != nil {
			return parsedLine{}, fmt.Errorf("%s: %w", key, err)
		}
		if _, dup := out.ext[key]; dup {
			return parsedLine{}, fmt.Errorf("key %q twice", key)
		}
		out.ext[key] = value
		out.keys = append(out.keys, key)
	}
	return out, nil
}

// parseLEEF splits the LEEF:2.0 header (6 fields, the last the delimiter as a character or x09/0x09 hex) and the
// attributes, split on the unescaped delimiter, each key=value at its first '=', values unescaping \\, \n, \r and
// the delimiter.
func parseLEEF(line string) (parsedLine, error) {
	rest, ok := strings.CutPrefix(line, "LEEF:")
	if !ok {
		return parsedLine{}, fmt.Errorf("no LEEF: prefix in %q", line)
	}
	header, attrs, err := splitHeader(rest, 6)
	if err != nil {
		return parsedLine{}, err
	}
	delimiter, err := leefDelimiter(header[5])
	if err != nil {
		return parsedLine{}, err
	}
	out := parsedLine{header: header, ext: map[string]string{}}
	var token strings.Builder
	flush := func() error {
		key, value, ok := strings.Cut(token.String(), "=")
		if !ok {
			return fmt.Errorf("attribute %q has no '='", token.String())
		}
		if _, dup := out.ext[key]; dup {
			return fmt.Errorf("key %q twice", key)
		}
		out.ext[key] = value
		out.keys = append(out.keys, key)
		token.Reset()
		return nil
	}
	for i := 0; i < len(attrs); i++ {
		c := attrs[i]
		switch {
		case c == '\\':
			if i+1 == len(attrs) {
				return parsedLine{}, fmt.Errorf("dangling backslash")
			}
			i++
			switch attrs[i] {
			case 'n':
				token.WriteByte('\n')
			case 'r':
				token.WriteByte('\r')
			case '\\', delimiter:
				token.WriteByte(attrs[i])
			default:
				return parsedLine{}, fmt.Errorf("unknown escape \\%c", attrs[i])
			}
		case c == delimiter:
			if err := flush(); err != nil {
				return parsedLine{}, err
			}
		default:
			token.WriteByte(c)
		}
	}
	if err := flush(); err != nil {
		return parsedLine{}, err
	}
	return out, nil
}

func leefDelimiter(field string) (byte, error) {
	if len(field) == 1 {
		return field[0], nil
	}
	hex := strings.TrimPrefix(strings.TrimPrefix(field, "0"), "x")
	n, err := strconv.ParseUint(hex, 16, 8)
	if err != nil || !strings.HasPrefix(strings.TrimPrefix(field, "0"), "x") {
		return 0, fmt.Errorf("bad delimiter field %q", field)
	}
	return byte(n), nil
}

// splitHeader returns n pipe-separated header fields (unescaping \| and \\) and what follows the n-th pipe.
func splitHeader(s string, n int) ([]string, string, error) {
	var fields []string
	var field strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\':
			if i+1 == len(s) || (s[i+1] != '\\' && s[i+1] != '|') {
				return nil, "", fmt.Errorf("bad header escape at %d in %q", i, s)
			}
			i++
			field.WriteByte(s[i])
		case '|':
			fields = append(fields, field.String())
			field.Reset()
			if len(fields) == n {
				return fields, s[i+1:], nil
			}
		case '\n', '\r':
			return nil, "", fmt.Errorf("line break in header %q", s)
		default:
			field.WriteByte(c)
		}
	}
	return nil, "", fmt.Errorf("header has %d of %d fields: %q", len(fields), n, s)
}

func unescape(s string, escapes map[byte]string) (string, error) {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' {
			if s[i] == '\n' || s[i] == '\r' {
				return "", fmt.Errorf("raw line break in %q", s)
			}
			b.WriteByte(s[i])
			continue
		}
		if i+1 == len(s) {
			return "", fmt.Errorf("dangling backslash in %q", s)
		}
		i++
		repl, ok := escapes[s[i]]
		if !ok {
			return "", fmt.Errorf("unknown escape \\%c in %q", s[i], s)
		}
		b.WriteString(repl)
	}
	return b.String(), nil
}
