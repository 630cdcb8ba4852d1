package redaction

import (
	"strings"
	"sync"
	"unicode/utf8"
)

const truncationMarker = "[TRUNCATED]"

// workWindowFactor bounds the work on a string to this many times its cap, so a secret crossing the cap is seen.
const workWindowFactor = 2

// maxPasses bounds the passes of the detectors over one string; a string still changing after the last pass is
// masked whole as passLimitKind (spec/redaction.md, section 3, step 4).
const (
	maxPasses     = 16
	passLimitKind = "pass_limit"
)

// stringRedactor is the string pipeline of spec/redaction.md, section 3. It holds no mutable state but the
// counters, so it is safe for concurrent use.
type stringRedactor struct {
	detectors []*detector
	user      *userPatterns // the user's patterns, applied after the built-in detectors of each pass
	unlisted  []*detector   // the detectors without literals
	keys      *keyMatcher
	replacer  replacer
	maxLength int
	stats     *counters
	scanner   *literalScanner
	plainKeys bool // every key fragment is made of identifier characters (see mayFollowIdentifier)
	// reference turns every optimisation off (pre-filters, anchored search): the spec's plain procedure, which
	// tests compare the optimised one with.
	reference bool
	profiles  sync.Pool
}

// newStringRedactor registers the detectors' literals with one scanner.
func newStringRedactor(detectors []*detector, user *userPatterns, keys *keyMatcher, r replacer, maxLength int, stats *counters) *stringRedactor {
	s := &stringRedactor{detectors: detectors, user: user, keys: keys, replacer: r, maxLength: maxLength, stats: stats,
		scanner: newLiteralScanner(), plainKeys: keys.plainWords()}
	for i, d := range detectors {
		d.index = i
		if len(d.literals) == 0 {
			s.unlisted = append(s.unlisted, d)
		}
		for _, literal := range d.literals {
			s.scanner.add(literal, i, d.anchored != nil)
		}
	}
	n := len(detectors)
	s.profiles.New = func() any { return &textProfile{gated: make([]bool, n)} }
	return s
}

func (s *stringRedactor) redact(input string) string {
	truncated := strings.HasSuffix(input, truncationMarker)
	text := input
	if truncated {
		text = input[:len(input)-len(truncationMarker)]
	}
	if cut := codePointCut(text, s.maxLength*workWindowFactor); cut >= 0 {
		text, truncated = text[:windowCut(text, cut)], true
	}
	if !isPlain(text) {
		neutralised := neutraliseControls(text)
		if neutralised != text {
			s.stats.add("control_character")
		}
		text = neutralised
	}
	text = s.detect(text)
	if cut := codePointCut(text, s.maxLength); cut >= 0 {
		text, truncated = text[:safeCut(text, cut)], true
	}
	if truncated {
		s.stats.add("truncated")
		return text + truncationMarker
	}
	return text
}

// detect applies passes of the detectors until one changes nothing: a replacement can give its neighbour the
// separator it lacked, and every pass that changes something turns text into markers, so this ends; maxPasses
// bounds the work a crafted value can cause.
func (s *stringRedactor) detect(text string) string {
	p := s.profiles.Get().(*textProfile)
	defer s.profiles.Put(p)
	for range maxPasses {
		next := s.detectOnce(text, p)
		if next == text {
			return text
		}
		text = next
	}
	s.stats.add(passLimitKind)
	return mask(passLimitKind)
}

// detectOnce applies each active detector in order to the previous one's output when its pre-filter (evaluated
// on the text as it is at that point, before any regular expression) lets the text through.
func (s *stringRedactor) detectOnce(text string, p *textProfile) string {
	// A profile depends on the text alone, so the one a pass ended with serves the next pass.
	if p.text != text {
		p.reset(text, s.scanner)
	}
	if s.reference {
		for _, d := range s.detectors {
			text = s.apply(text, d, p)
		}
		return s.user.apply(s, text)
	}
	if !p.any && !s.unlistedGate(p) {
		return s.user.apply(s, text) // the common case, benign text: one scan, then done
	}
	for _, d := range s.detectors {
		if !d.gate(p) {
			continue
		}
		if next := s.apply(text, d, p); next != text {
			text = next
			p.reset(text, s.scanner)
		}
	}
	return s.user.apply(s, text)
}

// unlistedGate: whether a detector without literals (a pre-filter pattern or a user pattern) might run.
func (s *stringRedactor) unlistedGate(p *textProfile) bool {
	for _, d := range s.unlisted {
		if d.gate(p) {
			return true
		}
	}
	return false
}

// apply replaces every accepted match of d, left to right without overlaps. After a rejected match the search
// goes on one character after its start, so a candidate that overlaps a rejected one is still found.
func (s *stringRedactor) apply(text string, d *detector, p *textProfile) string {
	var out strings.Builder
	copied := 0
	for from := 0; from <= len(text); {
		var m []int
		if d.anchored != nil && !s.reference {
			m = d.findAnchored(text, from, p, s.keys, s.plainKeys)
		} else {
			m = d.find(text, from)
		}
		if m == nil {
			break
		}
		start, end := m[0], m[1]
		if d.secret >= 0 && m[2*d.secret] >= 0 {
			start, end = m[2*d.secret], m[2*d.secret+1]
		}
		replacement, ok := "", false
		if start < end {
			replacement, ok = s.replacementFor(text, text[start:end], m, d)
		}
		if !ok {
			if m[0] >= len(text) {
				break
			}
			_, width := utf8.DecodeRuneInString(text[m[0]:])
			from = m[0] + width
			continue
		}
		out.WriteString(text[copied:start])
		out.WriteString(replacement)
		copied, from = end, m[1]
	}
	if copied == 0 {
		return text
	}
	out.WriteString(text[copied:])
	return out.String()
}

// replacementFor is the replacement for an accepted match (counted), or false when the match is rejected.
func (s *stringRedactor) replacementFor(text, secret string, m []int, d *detector) (string, bool) {
	if d.minLength > 1 && utf8.RuneCountInString(secret) < d.minLength {
		return "", false
	}
	// What the replacement is made from: a card's partial marker ends with the card's digits, not a CVV after it.
	shown := secret
	if d.validate != nil {
		var ok bool
		if shown, ok = d.validate(secret); !ok {
			return "", false
		}
	}
	kind := d.kind
	if kind == "" {
		key := ""
		if d.key >= 0 && m[2*d.key] >= 0 {
			key = text[m[2*d.key]:m[2*d.key+1]]
		}
		if kind = s.keys.kindOfTextKey(key, continuesWord(text, m[0])); kind == "" {
			return "", false
		}
	}
	replacement := s.replacer.render(d.strategy, kind, shown, d.keepLast)
	if replacement == secret {
		return "", false
	}
	s.stats.add(kind)
	return replacement, true
}
