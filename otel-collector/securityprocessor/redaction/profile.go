package redaction

import "strings"

// textProfile is what the pre-filters need to know about the text of one detection step: which literals occur,
// where key words start, and a few digit facts that rule out the pre-filter patterns without running them.
type textProfile struct {
	text   string
	gated  []bool // per detector (by index): whether one of its literals occurs
	any    bool   // whether any literal occurs
	starts []int  // ascending starts of key words (for anchored detectors)
	// keyEnds: for each start, the end of the identifier there, or -1 when what follows it cannot follow a key
	keyEnds []int
	digits  int  // ASCII digits in the text
	run     int  // the longest run of ASCII digits
	dotted  bool // a digit, a dot and a digit in a row
}

func (p *textProfile) reset(text string, scanner *literalScanner) {
	p.text, p.any, p.starts = text, false, p.starts[:0]
	scanner.scan(text, p)
	p.keyEnds = p.keyEnds[:0]
	for _, start := range p.starts {
		end := identifierEnd(text, start)
		if !mayFollowIdentifier(text, end) {
			end = -1
		}
		p.keyEnds = append(p.keyEnds, end)
	}
	p.digits, p.run, p.dotted = 0, 0, false
	run := 0
	for i := 0; i < len(text); i++ {
		if !isASCIIDigit(text[i]) {
			run = 0
			continue
		}
		p.digits++
		run++
		p.run = max(p.run, run)
		if i >= 2 && text[i-1] == '.' && isASCIIDigit(text[i-2]) {
			p.dotted = true
		}
	}
}

// cheapPrefilters are necessary conditions of the rules' pre-filter patterns, keyed by the exact pattern (so a
// changed pattern in the rules simply loses its shortcut): a text that fails one cannot match the pattern.
var cheapPrefilters = map[string]func(*textProfile) bool{
	// telegram_bot_token: eight digits in a row, and a colon (raw or escaped) somewhere
	`[0-9]{8}(?::|%3[Aa])`: func(p *textProfile) bool {
		return p.run >= 8 && (strings.IndexByte(p.text, ':') >= 0 || strings.Contains(p.text, "%3"))
	},
	// payment_card: four digits, then nine more
	`[0-9]{4}(?:(?:[ .-]|%20|\+)?[0-9]){9}`: func(p *textProfile) bool { return p.run >= 4 && p.digits >= 13 && cardLike(p.text) },
	// ipv4
	`[0-9]\.[0-9]`: func(p *textProfile) bool { return p.dotted },
}

// cardLike is a necessary condition of the payment_card pre-filter (four digits in a row, then nine more, each
// after at most one separator: space, ., -, +, %20), by hand, because Go's regexp has no DFA. Where the pattern
// matches, cardLike is true; it can be true where the pattern does not match (a %20 counts as digits too).
func cardLike(text string) bool {
	counted, run := -1, 0 // digits of the chain since its first run of four (-1: none yet); the current run
	for i := 0; i < len(text); {
		if isASCIIDigit(text[i]) {
			run++
			switch {
			case counted >= 0:
				counted++
			case run >= 4:
				counted = 4
			}
			if counted >= 13 {
				return true
			}
			i++
			continue
		}
		separator := 0
		switch {
		case text[i] == ' ' || text[i] == '.' || text[i] == '-' || text[i] == '+':
			separator = 1
		case len(text)-i >= 3 && text[i:i+3] == "%20":
			// Its 2 and 0 may be read as digits too: counting them keeps this a necessary condition.
			separator = 1
		}
		if separator > 0 && run > 0 && i+separator < len(text) && isASCIIDigit(text[i+separator]) {
			run = 0
			i += separator
			continue
		}
		counted, run = -1, 0
		i++
	}
	return false
}
