package redaction

import (
	"regexp"
	"strings"
)

// neverMatches is a character class with no member: what a leading `^` becomes when a search restarts mid-text.
const neverMatches = `[^\x00-\x{10FFFF}]`

// leadingStart is how the spec's `edge` macro opens its alternation; `^` occurs nowhere else in the rules.
const leadingStart = `(?:^|`

// restartVariant is the pattern for searches that start after the start of the text (spec/redaction.md, section
// 10): every leading `^` alternative can no longer match, and nothing else reads the text before the match.
func restartVariant(pattern string) string {
	return strings.ReplaceAll(pattern, leadingStart, `(?:`+neverMatches+`|`)
}

// foldASCII rewrites every `(?i:...)` group as a plain group in which each ASCII letter x is `[xX]` (inside a
// character class: both cases), because Go's (?i) also folds U+212A KELVIN SIGN and U+017F into k and s.
func foldASCII(pattern string) string {
	if !strings.Contains(pattern, "(?i:") {
		return pattern
	}
	var b strings.Builder
	b.Grow(len(pattern) * 2)
	var groups []bool // for each open group: whether it folds case
	folding := 0
	for i := 0; i < len(pattern); i++ {
		c := pattern[i]
		switch {
		case c == '\\' && i+1 < len(pattern):
			b.WriteString(pattern[i : i+2])
			i++
		case c == '[':
			end := classEnd(pattern, i)
			if folding > 0 {
				b.WriteString(foldClass(pattern[i : end+1]))
			} else {
				b.WriteString(pattern[i : end+1])
			}
			i = end
		case c == '(' && strings.HasPrefix(pattern[i:], "(?i:"):
			groups = append(groups, true)
			folding++
			b.WriteString("(?:")
			i += 3
		case c == '(':
			groups = append(groups, false)
			b.WriteByte(c)
		case c == ')':
			if n := len(groups); n > 0 {
				if groups[n-1] {
					folding--
				}
				groups = groups[:n-1]
			}
			b.WriteByte(c)
		case folding > 0 && isASCIILetter(c):
			b.WriteByte('[')
			b.WriteByte(c)
			b.WriteByte(otherCase(c))
			b.WriteByte(']')
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// classEnd is the index of the `]` that closes the class opened at start (a `]` first in the class is literal).
func classEnd(pattern string, start int) int {
	i := start + 1
	if i < len(pattern) && pattern[i] == '^' {
		i++
	}
	if i < len(pattern) && pattern[i] == ']' {
		i++
	}
	for ; i < len(pattern); i++ {
		switch pattern[i] {
		case '\\':
			i++
		case ']':
			return i
		}
	}
	return len(pattern) - 1
}

// foldClass adds the other case of every ASCII letter and letter range of a character class.
func foldClass(class string) string {
	body, closing := class[1:len(class)-1], "]"
	var b strings.Builder
	b.WriteByte('[')
	if strings.HasPrefix(body, "^") {
		b.WriteByte('^')
		body = body[1:]
	}
	var extra strings.Builder
	for i := 0; i < len(body); i++ {
		c := body[i]
		if c == '\\' && i+1 < len(body) {
			b.WriteString(body[i : i+2])
			i++
			continue
		}
		if i+2 < len(body) && body[i+1] == '-' && body[i+2] != '\\' {
			lo, hi := c, body[i+2]
			b.WriteString(body[i : i+3])
			if isASCIILetter(lo) && isASCIILetter(hi) && isUpper(lo) == isUpper(hi) {
				extra.WriteByte(otherCase(lo))
				extra.WriteByte('-')
				extra.WriteByte(otherCase(hi))
			}
			i += 2
			continue
		}
		b.WriteByte(c)
		if isASCIILetter(c) {
			extra.WriteByte(otherCase(c))
		}
	}
	b.WriteString(extra.String())
	b.WriteString(closing)
	return b.String()
}

func isHex4(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isHexDigit(s[i]) {
			return false
		}
	}
	return len(s) == 4
}

func isHexDigit(c byte) bool { return isASCIIDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isUpper(c byte) bool       { return c >= 'A' && c <= 'Z' }
func isASCIIDigit(c byte) bool  { return c >= '0' && c <= '9' }

func otherCase(c byte) byte {
	if isUpper(c) {
		return c + ('a' - 'A')
	}
	return c - ('a' - 'A')
}

// jsSpaces is what JavaScript's \s matches; Go's \s is only [\t\n\f\r ].
const jsSpaces = `\t\n\v\f\r \x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}\x{feff}`

// translateUserPattern gives a user pattern (written for JavaScript, section 4) its JavaScript meaning in Go:
// \s and \S cover JavaScript's white space, and (?i:...) folds ASCII only. `.` needs no change: the characters
// JavaScript's `.` excludes besides \n (\r, U+2028, U+2029) are always escaped before detection runs.
func translateUserPattern(source string) string {
	var b strings.Builder
	inClass := false
	for i := 0; i < len(source); i++ {
		c := source[i]
		if c == '\\' && i+1 < len(source) {
			switch next := source[i+1]; {
			case next == 's' && inClass:
				b.WriteString(jsSpaces)
			case next == 's':
				b.WriteString("[" + jsSpaces + "]")
			case next == 'S' && !inClass:
				b.WriteString("[^" + jsSpaces + "]")
			case next == 'u' && i+6 <= len(source) && isHex4(source[i+2:i+6]):
				b.WriteString(`\x{` + source[i+2:i+6] + `}`)
				i += 4
			default:
				b.WriteString(source[i : i+2])
			}
			i++
			continue
		}
		if inClass && c == ']' {
			inClass = false
		} else if !inClass && c == '[' {
			inClass = true
			b.WriteByte(c)
			if strings.HasPrefix(source[i+1:], "^") {
				b.WriteByte('^')
				i++
			}
			continue
		}
		b.WriteByte(c)
	}
	return foldASCII(b.String())
}

// findUnportableConstruct names the first construct of a user pattern that JavaScript and Go's RE2 read
// differently or that one of them lacks (lookaround, backreferences, Unicode property escapes).
func findUnportableConstruct(source string) string {
	inClass := false
	for i := 0; i < len(source); i++ {
		c := source[i]
		switch {
		case c == '\\':
			if i+1 < len(source) {
				next := source[i+1]
				if next >= '1' && next <= '9' || next == 'k' {
					return `a backreference (\` + string(next) + `)`
				}
				if next == 'p' || next == 'P' {
					return `a Unicode property escape (\` + string(next) + `)`
				}
			}
			i++
		case inClass:
			if c == ']' {
				inClass = false
			}
		case c == '[':
			inClass = true
		case c == '(' && strings.HasPrefix(source[i:], "(?"):
			after := source[i+2:]
			switch {
			case strings.HasPrefix(after, ":") || strings.HasPrefix(after, "i:"):
			case strings.HasPrefix(after, "=") || strings.HasPrefix(after, "!"):
				return "a lookahead (?= or (?!"
			case strings.HasPrefix(after, "<=") || strings.HasPrefix(after, "<!"):
				return "a lookbehind (?<= or (?<!"
			case len(after) > 1 && after[0] == '<' && isASCIILetter(after[1]):
			default:
				return "the group modifier (?" + after[:min(3, len(after))]
			}
		}
	}
	return ""
}

// secretEndsPattern reports whether a `(?<secret>...)` group, if any, ends the pattern, followed at most by `\b`
// and a flat `(?<after>...)` group, as section 4 requires.
var secretTail = regexp.MustCompile(`^(?:\\b)?(?:\(\?<after>(?:[^()\\\[]|\\.|\[(?:[^\]\\]|\\.)*\])*\))?$`)

func secretEndsPattern(source string) bool {
	open := strings.Index(source, "(?<secret>")
	if open < 0 {
		return true
	}
	if strings.Contains(source[open+1:], "(?<secret>") {
		return false
	}
	depth, inClass := 0, false
	for i := open; i < len(source); i++ {
		c := source[i]
		switch {
		case c == '\\':
			i++
		case inClass:
			inClass = c != ']'
		case c == '[':
			inClass = true
		case c == '(':
			depth++
		case c == ')':
			depth--
			if depth == 0 {
				return secretTail.MatchString(source[i+1:])
			}
		}
	}
	return false
}
