package redaction

import (
	"regexp"
	"strings"
	"sync"
)

// keyCacheLimit bounds the cache of key decisions; attribute keys repeat from record to record.
const keyCacheLimit = 4096

// customKeyKind is the kind of keys matched by user fragments (extraKeys, SECOTEL_REDACT_KEYS).
const customKeyKind = "custom_key"

// lowerASCII maps A-Z to a-z and nothing else (Unicode case mapping would let U+212A act as k).
func lowerASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if isUpper(s[i]) {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if isUpper(b[j]) {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

func isKeySeparator(c byte) bool { return c == '_' || c == '-' || c == '.' || c == ' ' }

// normalizeKey is the form keys are compared in: ASCII letters lower-cased, `_ - . space` removed.
func normalizeKey(key string) string {
	var b strings.Builder
	b.Grow(len(key))
	for i := 0; i < len(key); i++ {
		c := key[i]
		switch {
		case isKeySeparator(c):
		case isUpper(c):
			b.WriteByte(c + ('a' - 'A'))
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

type fragment struct {
	kind    string
	words   []string
	joined  string
	segment bool
}

// keyMatcher decides which keys hold secrets (spec/redaction.md, section 2). User fragments (block) come first,
// so a key both blocked and allowed is redacted; then the allow lists, metadata suffixes, the built-in rules.
type keyMatcher struct {
	custom           []fragment
	builtIn          []fragment
	allowed          map[string]struct{}
	metadataSuffixes []string
	// cache holds kindOf's decisions (key -> kind), at most keyCacheLimit; a plain map under a
	// read lock costs half what sync.Map does on this path, which runs for every attribute.
	mu    sync.RWMutex
	cache map[string]string
}

func newKeyMatcher(specs []keyRuleSpec, metadataSuffixes, allowKeys, extraKeys []string) *keyMatcher {
	m := &keyMatcher{allowed: make(map[string]struct{}, len(allowKeys)), metadataSuffixes: metadataSuffixes,
		cache: map[string]string{}}
	for _, rule := range specs {
		for _, words := range rule.contains {
			w := strings.Split(words, " ")
			m.builtIn = append(m.builtIn, fragment{kind: rule.kind, words: w, joined: strings.Join(w, "")})
		}
		for _, segment := range rule.segments {
			m.builtIn = append(m.builtIn, fragment{kind: rule.kind, words: []string{segment}, joined: segment, segment: true})
		}
	}
	for _, key := range extraKeys {
		var words []string
		for _, word := range splitKey(lowerASCII(key)) {
			if word != "" {
				words = append(words, word)
			}
		}
		m.custom = append(m.custom, fragment{kind: customKeyKind, words: words, joined: strings.Join(words, "")})
	}
	for _, key := range allowKeys {
		m.allowed[key] = struct{}{}
	}
	return m
}

func splitKey(lowered string) []string {
	var parts []string
	start := 0
	for i := 0; i < len(lowered); i++ {
		if isKeySeparator(lowered[i]) {
			parts = append(parts, lowered[start:i])
			start = i + 1
		}
	}
	return append(parts, lowered[start:])
}

// kindOf is the kind of secret a value under key holds, or "" when the key rules leave it alone.
func (m *keyMatcher) kindOf(key string) string {
	m.mu.RLock()
	kind, ok := m.cache[key]
	m.mu.RUnlock()
	if ok {
		return kind
	}
	kind = m.decide(key, true)
	m.mu.Lock()
	if len(m.cache) < keyCacheLimit {
		m.cache[strings.Clone(key)] = kind
	}
	m.mu.Unlock()
	return kind
}

// kindOfTextKey judges a key found inside text; one that continues a word ("spin" around "pin") is judged
// without the segment rules, which are about whole words.
func (m *keyMatcher) kindOfTextKey(key string, continuesWord bool) string {
	if continuesWord {
		return m.decide(key, false)
	}
	return m.kindOf(key)
}

func (m *keyMatcher) decide(key string, withSegments bool) string {
	normalized := normalizeKey(key)
	for _, f := range m.custom {
		if strings.Contains(normalized, f.joined) {
			return customKeyKind
		}
	}
	if _, ok := m.allowed[key]; ok {
		return ""
	}
	for _, suffix := range m.metadataSuffixes {
		if strings.HasSuffix(normalized, suffix) {
			return ""
		}
	}
	var segments []string
	for _, f := range m.builtIn {
		if !f.segment {
			if strings.Contains(normalized, f.joined) {
				return f.kind
			}
		} else if withSegments {
			if segments == nil {
				segments = splitKey(lowerASCII(key))
			}
			for _, s := range segments {
				if s == f.joined {
					return f.kind
				}
			}
		}
	}
	return ""
}

// fragmentAt reports whether a fragment, written as textPattern allows, starts the identifier (a prefix of
// it matches): what {{secret_key}} needs there.
func (m *keyMatcher) fragmentAt(identifier string) bool {
	for _, list := range [][]fragment{m.custom, m.builtIn} {
		for _, f := range list {
			if wordsAt(identifier, f.words) {
				return true
			}
		}
	}
	return false
}

// wordsAt: text starts with the words (ASCII case-insensitively), each after the first optionally preceded
// by one of `_ . -`.
func wordsAt(text string, words []string) bool {
	if !hasPrefixFold(text, words[0]) {
		return false
	}
	if len(words) == 1 {
		return true
	}
	rest := text[len(words[0]):]
	if rest != "" && (rest[0] == '_' || rest[0] == '.' || rest[0] == '-') && wordsAt(rest[1:], words[1:]) {
		return true
	}
	return wordsAt(rest, words[1:])
}

// textPattern is the {{secret_key}} alternation: every fragment as it may be written inside text, its words
// joined by an optional `_`, `-` or `.`, ASCII case-insensitive (folded later by foldASCII).
func (m *keyMatcher) textPattern() string {
	alternatives := make([]string, 0, len(m.custom)+len(m.builtIn))
	for _, list := range [][]fragment{m.custom, m.builtIn} {
		for _, f := range list {
			quoted := make([]string, len(f.words))
			for i, w := range f.words {
				quoted[i] = regexp.QuoteMeta(w)
			}
			alternatives = append(alternatives, strings.Join(quoted, "[_.-]?"))
		}
	}
	return "(?i:" + strings.Join(alternatives, "|") + ")"
}

// firstWords are the first word of every fragment: any key the text pattern finds contains one of them.
func (m *keyMatcher) firstWords() []string {
	seen := map[string]bool{}
	var words []string
	for _, list := range [][]fragment{m.custom, m.builtIn} {
		for _, f := range list {
			if !seen[f.words[0]] {
				seen[f.words[0]] = true
				words = append(words, f.words[0])
			}
		}
	}
	return words
}

// plainWords reports whether every fragment word is made of identifier characters (A-Z a-z 0-9 _ . -) only; user
// fragments may hold others ("x/y").
func (m *keyMatcher) plainWords() bool {
	for _, list := range [][]fragment{m.custom, m.builtIn} {
		for _, f := range list {
			for _, w := range f.words {
				for i := 0; i < len(w); i++ {
					if !isIdentifier(w[i]) {
						return false
					}
				}
			}
		}
	}
	return true
}
