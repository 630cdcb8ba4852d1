// Package inbound prepares what senders send before the processor reads it: senders cannot speak
// as the processor (its event names, scope and attribute keys are renamed under ClientSentPrefix),
// every attribute key occurs once (the first occurrence, the one detection reads, is kept), and
// each attribute map holds at most a configured number of entries.
package inbound

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"go.opentelemetry.io/collector/pdata/pcommon"
	"go.opentelemetry.io/collector/pdata/plog"
)

// ClientSentPrefix marks a name a sender used that belongs to the processor: the event name, the
// scope name or the attribute key keeps its text after the prefix.
const ClientSentPrefix = "client_sent."

// Counts are what Clean changed, for the processor's metrics.
type Counts struct {
	RenamedEvents     int // records whose EventName was the processor's
	RenamedScopes     int // scopes named as the processor's own
	RenamedAttributes int // attributes with a processor key (or a processor event name as value)
	Duplicates        int // attributes dropped because their key occurred earlier in the same map
	OverLimit         int // attributes dropped because their map exceeded the limit
}

// Any reports whether anything was changed.
func (c Counts) Any() bool { return c != Counts{} }

// Cleaner applies the rules to ResourceLogs. It is not safe for concurrent use.
type Cleaner struct {
	reserved      Reserved
	firstLetters  string // lower-case first letters of the reserved keys and key prefixes
	maxAttributes int
	keys          []string            // scratch: one map's keys
	seen          map[string]struct{} // scratch: keys met so far in one map
}

// New returns a Cleaner that keeps at most maxAttributes entries in each attribute map.
func New(reserved Reserved, maxAttributes int) *Cleaner {
	var letters []byte
	for _, k := range append(append([]string{reserved.CategoryKey}, reserved.KeyPrefixes...), reserved.EventNameKeys...) {
		if k != "" && strings.IndexByte(string(letters), k[0]|0x20) < 0 {
			letters = append(letters, k[0]|0x20)
		}
	}
	return &Cleaner{reserved: reserved, firstLetters: string(letters), maxAttributes: maxAttributes, seen: map[string]struct{}{}}
}

// reservedKey reports whether an attribute is the processor's to write. A first look at the key's
// first byte rejects most keys before the comparisons: a key that starts with an ASCII letter,
// digit, '.' or '_' not among the reserved keys' first letters cannot be reserved; anything else
// (other ASCII, which visible drops, and non-ASCII, which case folding may map to an ASCII letter,
// e.g. U+017F to s) goes on to them.
func (c *Cleaner) reservedKey(k string, v pcommon.Value) bool {
	if k == "" || (asciiClass[k[0]]&other == 0 && strings.IndexByte(c.firstLetters, k[0]|0x20) < 0) {
		return false
	}
	return c.reserved.key(k, v)
}

// Clean applies the rules to the resource, every scope and every record of rl, adding what it
// changed to n.
func (c *Cleaner) Clean(rl plog.ResourceLogs, n *Counts) {
	c.cleanMap(rl.Resource().Attributes(), n)
	scopes := rl.ScopeLogs()
	for i := 0; i < scopes.Len(); i++ {
		sl := scopes.At(i)
		if sameName(sl.Scope().Name(), c.reserved.Scope) {
			sl.Scope().SetName(ClientSentPrefix + sl.Scope().Name())
			n.RenamedScopes++
		}
		c.cleanMap(sl.Scope().Attributes(), n)
		records := sl.LogRecords()
		for j := 0; j < records.Len(); j++ {
			lr := records.At(j)
			if c.reserved.event(lr.EventName()) {
				lr.SetEventName(ClientSentPrefix + lr.EventName())
				n.RenamedEvents++
			}
			c.cleanMap(lr.Attributes(), n)
		}
	}
}

// cleanMap cuts m to the limit, then renames reserved keys and drops repeated keys. A map that
// needs neither (the usual case) is only read.
func (c *Cleaner) cleanMap(m pcommon.Map, n *Counts) {
	if over := m.Len() - c.maxAttributes; over > 0 {
		kept := 0
		m.RemoveIf(func(string, pcommon.Value) bool {
			kept++
			return kept > c.maxAttributes
		})
		n.OverLimit += over
	}
	c.keys = c.keys[:0]
	rename := false
	m.Range(func(k string, v pcommon.Value) bool {
		c.keys = append(c.keys, k)
		rename = rename || c.reservedKey(k, v)
		return true
	})
	if !rename && !c.hasDuplicate() {
		return
	}
	fresh := pcommon.NewMap()
	fresh.EnsureCapacity(m.Len())
	clear(c.seen)
	m.Range(func(k string, v pcommon.Value) bool {
		if c.reservedKey(k, v) {
			k = ClientSentPrefix + k
			n.RenamedAttributes++
		}
		if _, seen := c.seen[k]; seen {
			n.Duplicates++
			return true
		}
		c.seen[k] = struct{}{}
		v.CopyTo(fresh.PutEmpty(k))
		return true
	})
	fresh.MoveTo(m)
}

// hasDuplicate reports whether a key of c.keys occurs twice. Short lists (the usual record) are
// compared pairwise, which allocates nothing; longer ones go through c.seen.
func (c *Cleaner) hasDuplicate() bool {
	if len(c.keys) <= 16 {
		for i := 1; i < len(c.keys); i++ {
			for j := 0; j < i; j++ {
				if c.keys[i] == c.keys[j] {
					return true
				}
			}
		}
		return false
	}
	clear(c.seen)
	for _, k := range c.keys {
		if _, dup := c.seen[k]; dup {
			return true
		}
		c.seen[k] = struct{}{}
	}
	return false
}

// Reserved is what only the processor may write. Names are compared under Unicode case folding,
// ignoring every rune but letters, digits, '.' and '_' (white space, control and format
// characters), so that a look-alike spelling is renamed too.
type Reserved struct {
	// Events are the EventNames of the records the processor creates.
	Events []string
	// EventPrefixes are EventName prefixes only the processor's records have: the categories of
	// its events (security.alert_..., security.integrity_...).
	EventPrefixes []string
	// Scope is the instrumentation scope of the records the processor creates.
	Scope string
	// KeyPrefixes are attribute key prefixes only the processor writes (chain, alert, rule).
	KeyPrefixes []string
	// EventNameKeys are attribute keys some readers take as the event name (event.name, or the
	// event_name the Loki branch copies from the EventName): reserved when their value is one of Events.
	EventNameKeys []string
	// CategoryKey and Categories: the category attribute is reserved when it holds a category
	// only the processor's records have.
	CategoryKey string
	Categories  []string
}

// event reports whether name is one of the processor's event names.
func (r *Reserved) event(name string) bool {
	if anyName(name, r.Events) {
		return true
	}
	name, lower := visible(name)
	for _, p := range r.EventPrefixes {
		if hasPrefix(name, lower, p) {
			return true
		}
	}
	return false
}

func anyName(s string, names []string) bool {
	s, lower := visible(s)
	for _, name := range names {
		if equal(s, lower, name) {
			return true
		}
	}
	return false
}

func sameName(s, name string) bool { return anyName(s, []string{name}) }

// visible returns s without the runes a reader does not see or does not read as part of a name:
// only letters, digits, '.' and '_' are kept, so "security.alert\u200b" or " security.alert\x00"
// compare as security.alert. A name of ASCII letters, digits, '.' and '_' only (the usual case) is
// returned as it is; lower reports that it has no upper-case letter either.
func visible(s string) (_ string, lower bool) {
	var seen byte
	for i := 0; i < len(s); i++ {
		seen |= asciiClass[s[i]]
	}
	if seen&other == 0 {
		return s, seen&upper == 0
	}
	return strings.Map(func(r rune) rune {
		if r == '.' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return -1
	}, s), false
}

// asciiClass sorts bytes for visible: the name bytes (lower-case letters, digits, '.', '_') are 0.
var asciiClass = func() (t [256]byte) {
	for i := range t {
		c := byte(i)
		switch {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9', c == '.', c == '_':
		case 'A' <= c && c <= 'Z':
			t[i] = upper
		default:
			t[i] = other
		}
	}
	return t
}()

const (
	upper = 1 << iota // an ASCII upper-case letter
	other             // anything but ASCII letters, digits, '.' and '_'
)

// hasPrefixFold is strings.HasPrefix under Unicode case folding, as strings.EqualFold compares.
func hasPrefixFold(s, prefix string) bool {
	for _, want := range prefix {
		got, size := utf8.DecodeRuneInString(s)
		if size == 0 || !equalFoldRune(got, want) {
			return false
		}
		s = s[size:]
	}
	return true
}

func equalFoldRune(a, b rune) bool {
	for f := a; ; {
		if f == b {
			return true
		}
		if f = unicode.SimpleFold(f); f == a {
			return false
		}
	}
}

// key reports whether an attribute is the processor's to write.
func (r *Reserved) key(k string, v pcommon.Value) bool {
	k, lower := visible(k)
	for _, p := range r.KeyPrefixes {
		if hasPrefix(k, lower, p) {
			return true
		}
	}
	if v.Type() != pcommon.ValueTypeStr {
		return false
	}
	if equal(k, lower, r.CategoryKey) {
		return anyName(v.Str(), r.Categories)
	}
	for _, name := range r.EventNameKeys {
		if equal(k, lower, name) {
			return r.event(v.Str())
		}
	}
	return false
}

// equal compares s with a reserved name (lower-case ASCII); lower says s is lower-case ASCII too,
// so that the usual case is a plain comparison.
func equal(s string, lower bool, name string) bool {
	if lower {
		return s == name
	}
	return strings.EqualFold(s, name)
}

// hasPrefix is equal for a prefix of s.
func hasPrefix(s string, lower bool, prefix string) bool {
	if lower {
		return strings.HasPrefix(s, prefix)
	}
	return hasPrefixFold(s, prefix)
}
