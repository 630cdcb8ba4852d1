package redaction

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"
)

// customValueKind is the kind reported for user value patterns (extraValuePatterns, SECOTEL_REDACT_VALUES).
const customValueKind = "custom"

// extraMarkerKinds are the kinds that do not come from the rules: user patterns, user key fragments, and a
// string that did not settle within maxPasses.
var extraMarkerKinds = []string{customValueKind, customKeyKind, passLimitKind}

// userPatterns applies the user's value patterns (kind custom, mask). Replacement markers are opaque to them:
// the text is cut at every marker and each piece between markers is searched as a text of its own, so a
// pattern never matches inside its own output (`[A-Z]{8}` in `[REDACTED:custom]`) or across a marker.
type userPatterns struct {
	patterns []userPattern
	markers  *regexp.Regexp
}

type userPattern struct {
	re *regexp.Regexp
	// restart is `(?s:.)(?:pattern)`, run from the character before a search's start: Go's regexp cannot start a
	// search at an offset, so the character before is consumed and ^ and \b read the right context (section 10).
	restart *regexp.Regexp
	secret  int // subexpression index of the `secret` group, or -1
}

func newUserPatterns(sources []string, rs ruleSet) (*userPatterns, error) {
	u := &userPatterns{markers: regexp.MustCompile(markerPattern(rs))}
	for _, source := range sources {
		pattern := translateUserPattern(source)
		re, err := regexp.Compile(pattern)
		if err == nil {
			var restart *regexp.Regexp
			if restart, err = regexp.Compile(`(?s:.)(?:` + pattern + `)`); err == nil {
				u.patterns = append(u.patterns, userPattern{re: re, restart: restart, secret: re.SubexpIndex("secret")})
			}
		}
		if err != nil {
			return nil, invalid("ExtraValuePatterns", "entry %q is not a valid regular expression (%v)", source, err)
		}
	}
	return u, nil
}

// markerPattern matches every marker the redactor writes (spec/redaction.md, "Markers"): a mask or partial mask
// of a known kind, a keyed hash of a hashing kind, and the structural markers.
func markerPattern(rs ruleSet) string {
	var kinds, hashKinds []string
	keepLast := 0
	for _, rule := range rs.keyRules {
		kinds = append(kinds, rule.kind)
	}
	for _, d := range rs.detectors {
		if d.kind != "" {
			kinds = append(kinds, d.kind)
			if d.strategy == "hash" {
				hashKinds = append(hashKinds, d.kind)
			}
		}
		keepLast = max(keepLast, d.keepLast)
	}
	kinds = append(kinds, extraMarkerKinds...)
	alternatives := func(list []string) string {
		list = slices.Compact(slices.Sorted(slices.Values(list)))
		for i, kind := range list {
			list[i] = regexp.QuoteMeta(kind)
		}
		return strings.Join(list, "|")
	}
	return fmt.Sprintf(`\[(?:REDACTED:(?:%s)(?::\*\*\*\*[A-Za-z0-9]{0,%d})?|HASH:(?:%s):[0-9a-f]{16}`+
		`|TRUNCATED:depth|UNSUPPORTED:(?:function|symbol|bigint|bytes|object)|CIRCULAR)\]`,
		alternatives(kinds), keepLast, alternatives(hashKinds))
}

// apply runs each pattern, in order, over the pieces of text between markers.
func (u *userPatterns) apply(s *stringRedactor, text string) string {
	for i := range u.patterns {
		text = u.applyOne(s, &u.patterns[i], text)
	}
	return text
}

func (u *userPatterns) applyOne(s *stringRedactor, p *userPattern, text string) string {
	var out strings.Builder
	start := 0
	for _, m := range u.markers.FindAllStringIndex(text, -1) {
		out.WriteString(replaceInPiece(s, p, text[start:m[0]]))
		out.WriteString(text[m[0]:m[1]])
		start = m[1]
	}
	if start == 0 {
		return replaceInPiece(s, p, text)
	}
	out.WriteString(replaceInPiece(s, p, text[start:]))
	return out.String()
}

// replaceInPiece is Matching (section 4) on one piece: leftmost matches without overlaps, the `secret` group
// when it took part, and a rejected (empty) secret retried one character after the match's start.
func replaceInPiece(s *stringRedactor, p *userPattern, piece string) string {
	if piece == "" {
		return piece
	}
	replacement := mask(customValueKind)
	var out strings.Builder
	copied := 0
	for from := 0; from <= len(piece); {
		m := p.find(piece, from)
		if m == nil {
			break
		}
		start, end := m[0], m[1]
		if p.secret >= 0 && m[2*p.secret] >= 0 {
			start, end = m[2*p.secret], m[2*p.secret+1]
		}
		if start == end || piece[start:end] == replacement {
			if m[0] >= len(piece) {
				break
			}
			_, width := utf8.DecodeRuneInString(piece[m[0]:])
			from = m[0] + width
			continue
		}
		s.stats.add(customValueKind)
		out.WriteString(piece[copied:start])
		out.WriteString(replacement)
		copied, from = end, m[1]
	}
	if copied == 0 {
		return piece
	}
	out.WriteString(piece[copied:])
	return out.String()
}

// find is the leftmost match starting at or after from, with the text before from as context.
func (p *userPattern) find(text string, from int) []int {
	if from == 0 {
		return p.re.FindStringSubmatchIndex(text)
	}
	_, before := utf8.DecodeLastRuneInString(text[:from])
	base := from - before
	m := p.restart.FindStringSubmatchIndex(text[base:])
	if m == nil {
		return nil
	}
	for i := range m {
		if m[i] >= 0 {
			m[i] += base
		}
	}
	_, consumed := utf8.DecodeRuneInString(text[m[0]:])
	m[0] += consumed
	return m
}
