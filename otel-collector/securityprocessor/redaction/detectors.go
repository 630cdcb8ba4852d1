package redaction

import (
	"fmt"
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
)

// detector is one compiled entry of the rules' `detectors` (or a user pattern), see spec/redaction.md, section 4.
type detector struct {
	kind string // "" when the kind comes from the key rule that matches the `key` group
	re   *regexp.Regexp
	// restart finds matches in text[from:] for from > 0 as if the search started at from in the whole text: the
	// pattern with its leading ^ disabled (user patterns: userpatterns.go).
	restart *regexp.Regexp
	// anchored is `^(?:pattern)` for patterns that start with their `key` group: every match starts where a key
	// word starts, so only those places are tried (the same search with the certain misses skipped).
	anchored *regexp.Regexp
	// value is what anchored matches after the key group, `^(?:` + the rest of the pattern: with plain key
	// words the key group always spans the identifier that starts the match (see mayFollowIdentifier), so the key is
	// checked by hand (keyMatcher.fragmentAt) and only this much smaller expression runs. nil when the rest
	// reads context before it (\b, ^) or the groups do not line up.
	value *regexp.Regexp
	// valueMay rules out most places where value cannot match without running it (nil: always try).
	valueMay *feasibility
	// prefix is the literal every match starts with ("" for none): a cheap gate of its own.
	prefix    string
	secret    int // subexpression index of the `secret` group, or -1
	key       int // subexpression index of the `key` group, or -1
	literals  []string
	index     int // position among the redactor's detectors
	prefilter *regexp.Regexp
	// cheap is a necessary condition of prefilter that needs no regular expression, or nil.
	cheap     func(*textProfile) bool
	minLength int
	validate  validator
	strategy  string
	keepLast  int
}

// startsWithKey: a pattern whose matches start with the `key` group (macros wrap it in non-capturing groups).
var startsWithKey = regexp.MustCompile(`^(?:\(\?:)*\(\?<key>`)

// compileBuiltIn compiles a spec detector; {{secret_key}} becomes the active key rules' alternation.
func compileBuiltIn(spec detectorSpec, keys *keyMatcher, brands []cardBrandSpec) (*detector, error) {
	pattern := foldASCII(strings.ReplaceAll(spec.pattern, "{{secret_key}}", keys.textPattern()))
	re, err := regexp.Compile(pattern)
	if err != nil {
		return nil, fmt.Errorf("detector %s: %w", spec.id, err)
	}
	restart, err := regexp.Compile(restartVariant(pattern))
	if err != nil {
		return nil, fmt.Errorf("detector %s: %w", spec.id, err)
	}
	d := &detector{
		kind: spec.kind, re: re, restart: restart,
		secret: re.SubexpIndex("secret"), key: re.SubexpIndex("key"),
		minLength: spec.minLength, strategy: spec.strategy, keepLast: spec.keepLast,
	}
	if spec.validator != "" {
		d.validate = newValidator(spec.validator, brands)
	}
	if spec.kindFromKey {
		d.literals = keys.firstWords()
	} else {
		for _, literal := range spec.literals {
			d.literals = append(d.literals, lowerASCII(literal))
		}
	}
	d.prefix, _ = re.LiteralPrefix()
	if startsWithKey.MatchString(spec.pattern) {
		if d.anchored, err = regexp.Compile(`^(?:` + pattern + `)`); err != nil {
			return nil, fmt.Errorf("detector %s: %w", spec.id, err)
		}
		if d.value = valueAfterKey(spec.pattern, re); d.value != nil {
			if d.valueMay, err = newFeasibility(d.value.String()); err != nil {
				return nil, fmt.Errorf("detector %s: %w", spec.id, err)
			}
		}
	}
	if spec.prefilter != "" {
		d.cheap = cheapPrefilters[spec.prefilter]
		if d.prefilter, err = regexp.Compile(foldASCII(spec.prefilter)); err != nil {
			return nil, fmt.Errorf("detector %s prefilter: %w", spec.id, err)
		}
	}
	return d, nil
}

// keyHead is how the kind_from_key patterns that start with their key open: the key group, inside a group
// that the rest of the pattern closes.
const keyHead = `(?:(?<key>{{secret_key}}[A-Za-z0-9_.-]*)`

// valueAfterKey compiles what follows keyHead in pattern, anchored, when the split is safe: the rest reads no
// context before it and its groups are re's groups after the key group, in the same order.
func valueAfterKey(pattern string, re *regexp.Regexp) *regexp.Regexp {
	rest, ok := strings.CutPrefix(pattern, keyHead)
	if !ok || strings.Contains(rest, "{{secret_key}}") {
		return nil
	}
	source := foldASCII(`(?:` + rest)
	if tree, err := syntax.Parse(source, syntax.Perl); err != nil || readsContext(tree) {
		return nil
	}
	value, err := regexp.Compile(`^` + source)
	if err != nil || re.SubexpIndex("key") != 1 || !slices.Equal(value.SubexpNames()[1:], re.SubexpNames()[2:]) {
		return nil
	}
	return value
}

// readsContext reports whether the expression looks at text before where it starts matching (^, \b, \B).
func readsContext(re *syntax.Regexp) bool {
	switch re.Op {
	case syntax.OpBeginLine, syntax.OpBeginText, syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return true
	}
	for _, sub := range re.Sub {
		if readsContext(sub) {
			return true
		}
	}
	return false
}

// find is step 1 of Matching: the leftmost match starting at or after from, with the text before from as
// context. It returns absolute submatch indices, or nil.
func (d *detector) find(text string, from int) []int {
	if from == 0 {
		return d.re.FindStringSubmatchIndex(text)
	}
	m := d.restart.FindStringSubmatchIndex(text[from:])
	for i := range m {
		if m[i] >= 0 {
			m[i] += from
		}
	}
	return m
}

// gate reports whether the detector's pre-filter lets the text through: one of its literals occurs, or its
// pre-filter pattern matches (checked only when a cheaper necessary condition holds). A literal prefix of the
// pattern that the text lacks rules the detector out too.
func (d *detector) gate(p *textProfile) bool {
	if len(d.literals) > 0 {
		return p.gated[d.index] && (d.prefix == "" || strings.Contains(p.text, d.prefix))
	}
	if d.prefilter != nil {
		return (d.cheap == nil || d.cheap(p)) && d.prefilter.MatchString(p.text)
	}
	return true
}

// findAnchored is find for anchored detectors: the first key-word start at or after from where the pattern
// matches. Every match of such a pattern starts with a key word, so this is the leftmost match.
// With plainKeys (every key word is made of identifier characters), places where no key can end are skipped.
func (d *detector) findAnchored(text string, from int, p *textProfile, keys *keyMatcher, plainKeys bool) []int {
	for i, start := range p.starts {
		if start < from {
			continue
		}
		if plainKeys {
			end := p.keyEnds[i]
			if end < 0 {
				continue
			}
			if d.value != nil {
				if m := d.matchAfterKey(text, start, end, keys); m != nil {
					return m
				}
				continue
			}
		}
		if m := d.anchored.FindStringSubmatchIndex(text[start:]); m != nil {
			for i := range m {
				if m[i] >= 0 {
					m[i] += start
				}
			}
			return m
		}
	}
	return nil
}

// matchAfterKey is anchored's match at start, whose key group is text[start:end] (see value), or nil.
func (d *detector) matchAfterKey(text string, start, end int, keys *keyMatcher) []int {
	if d.valueMay != nil && !d.valueMay.possible(text[end:]) || !keys.fragmentAt(text[start:end]) {
		return nil
	}
	v := d.value.FindStringSubmatchIndex(text[end:])
	if v == nil {
		return nil
	}
	m := make([]int, len(v)+2)
	m[0], m[1], m[2], m[3] = start, end+v[1], start, end
	for i := 2; i < len(v); i++ {
		m[i+2] = v[i]
		if v[i] >= 0 {
			m[i+2] += end
		}
	}
	return m
}

// identifierEnd is the end of the run of identifier characters that starts at start.
func identifierEnd(text string, start int) int {
	i := start
	for i < len(text) && isIdentifier(text[i]) {
		i++
	}
	return i
}

// mayFollowIdentifier is a necessary condition for a text key match whose identifier ends at end (the key
// group, `{{secret_key}}[A-Za-z0-9_.-]*`, always takes all of it, since nothing that may follow a key is an
// identifier character): what follows is what may follow a key, a quote, an escape, `=`, `:`, or a space (raw
// or as `+`). This spares the regular expression at most key words of prose ("bad_password").
func mayFollowIdentifier(text string, end int) bool {
	return end < len(text) && strings.IndexByte("\"'\\%=: +", text[end]) >= 0
}

func isIdentifier(c byte) bool {
	return isASCIILetter(c) || isASCIIDigit(c) || c == '_' || c == '.' || c == '-'
}

// continuesWord: the match at start follows an ASCII letter or digit that does not end an escape (%3B, \n,
// \u001b), since an escape stands for a separator.
func continuesWord(text string, start int) bool {
	if start == 0 {
		return false
	}
	c := text[start-1]
	if !isASCIILetter(c) && !isASCIIDigit(c) {
		return false
	}
	if start >= 3 && text[start-3] == '%' && isHexDigit(text[start-2]) && isHexDigit(c) {
		return false
	}
	if start >= 2 && text[start-2] == '\\' && (c == 'n' || c == 'r' || c == 't') {
		return false
	}
	if start >= 6 && text[start-6] == '\\' && text[start-5] == 'u' && isHex4(text[start-4:start]) {
		return false
	}
	return true
}
