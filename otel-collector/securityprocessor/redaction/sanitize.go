package redaction

import (
	"strings"
	"unicode/utf8"
)

// isNeutralised reports the characters written as escapes: C0 and C1 controls, DEL, line and paragraph
// separators and bidirectional controls.
func isNeutralised(r rune) bool {
	return r <= 0x1f || r >= 0x7f && r <= 0x9f || r == 0x061c || r == 0x200e || r == 0x200f ||
		r >= 0x2028 && r <= 0x202e || r >= 0x2066 && r <= 0x2069
}

// isPlain reports whether text is printable ASCII, with nothing to neutralise.
func isPlain(text string) bool {
	for i := 0; i < len(text); i++ {
		if c := text[i]; c < 0x20 || c >= 0x7f {
			return false
		}
	}
	return true
}

// neutraliseControls is step 3 of the string pipeline. Invalid UTF-8 (Go's counterpart of a lone surrogate)
// becomes U+FFFD byte by byte; then every control character is written as an escape, so a value can neither
// start a new log line nor repaint a terminal. Terminal sequences are escaped, not removed: removing one would
// remove its final byte too, a letter, and ESC[ before password=... would hide the key from the detectors.
func neutraliseControls(text string) string {
	suspicious := false
	for _, r := range text {
		if r == utf8.RuneError || isNeutralised(r) {
			suspicious = true
			break
		}
	}
	if !suspicious {
		return text
	}
	if !utf8.ValidString(text) {
		var b strings.Builder
		for _, r := range text { // an invalid byte decodes as U+FFFD of width 1
			b.WriteRune(r)
		}
		text = b.String()
	}
	var b strings.Builder
	b.Grow(len(text) + 8)
	for _, r := range text {
		if !isNeutralised(r) {
			b.WriteRune(r)
			continue
		}
		switch r {
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		default:
			const hexDigits = "0123456789abcdef"
			b.WriteString(`\u`)
			b.WriteByte(hexDigits[r>>12&0xf])
			b.WriteByte(hexDigits[r>>8&0xf])
			b.WriteByte(hexDigits[r>>4&0xf])
			b.WriteByte(hexDigits[r&0xf])
		}
	}
	return b.String()
}

// codePointCut is the byte index just past the first limit code points, or -1 when text has no more than
// limit code points. Limits count code points, as the TypeScript redactor does.
func codePointCut(text string, limit int) int {
	if len(text) <= limit {
		return -1
	}
	count := 0
	for i := range text {
		if count == limit {
			return i
		}
		count++
	}
	return -1
}

// isSecretCharacter: what a secret can be made of (besides non-ASCII); a cut never shortens a run of them.
func isSecretCharacter(c byte) bool {
	return isASCIILetter(c) || isASCIIDigit(c) || strings.IndexByte("_.~+/=:@%-", c) >= 0
}

// safeCut is where to cut a too-long result: at cut, unless that splits a run of secret characters (which,
// shortened, might match a detector the whole run did not): then at the start of the run, unless it starts text.
func safeCut(text string, cut int) int {
	start := runStart(text, cut)
	if start == 0 {
		return cut
	}
	return start
}

// windowCut is where the work window ends: at cut, or before the run of secret characters that cut would split,
// even when that run starts the text, since the detectors never saw the run whole (spec/redaction.md, section 3).
func windowCut(text string, cut int) int { return runStart(text, cut) }

// runStart is the start of the run of secret characters that a cut at cut would split, or cut itself.
func runStart(text string, cut int) int {
	if !isSecretCharacter(text[cut-1]) || !isSecretCharacter(text[cut]) {
		return cut
	}
	start := cut - 1
	for start > 0 && isSecretCharacter(text[start-1]) {
		start--
	}
	return start
}
