package redaction

import "strings"

// literalScanner finds every detector's pre-filter literals (ASCII case-insensitively) in one pass over the
// text, so benign text costs one scan instead of one search per literal. A pure optimisation: the spec's
// pre-filter is "the text contains the literal, ASCII case-insensitively".
type literalScanner struct {
	literals []string // lower-cased, distinct
	// byPair lists the literals of two or more bytes by their first two bytes; single lists one-byte literals.
	byPair [1 << 16]uint16 // 1 + index into pairs, or 0
	pairs  [][]int
	single [256][]int
	first  [256]bool // whether any literal starts with this byte
}

func newLiteralScanner() *literalScanner { return &literalScanner{} }

// add registers a literal (ASCII) and returns its index.
func (s *literalScanner) add(literal string) int {
	literal = lowerASCII(literal)
	for i, l := range s.literals {
		if l == literal {
			return i
		}
	}
	index := len(s.literals)
	s.literals = append(s.literals, literal)
	s.first[literal[0]] = true
	if len(literal) == 1 {
		s.single[literal[0]] = append(s.single[literal[0]], index)
	} else {
		key := uint16(literal[0])<<8 | uint16(literal[1])
		if s.byPair[key] == 0 {
			s.pairs = append(s.pairs, nil)
			s.byPair[key] = uint16(len(s.pairs))
		}
		s.pairs[s.byPair[key]-1] = append(s.pairs[s.byPair[key]-1], index)
	}
	return index
}

// scan reports, for the ASCII-lower-cased text, which literals occur (found, indexed like literals) and calls
// at for every occurrence's start, in ascending order of starts.
func (s *literalScanner) scan(lowered string, found []bool, at func(literal, start int)) {
	clear(found)
	for i := 0; i < len(lowered); i++ {
		c := lowered[i]
		if !s.first[c] {
			continue
		}
		for _, index := range s.single[c] {
			found[index] = true
			if at != nil {
				at(index, i)
			}
		}
		if i+1 == len(lowered) {
			continue
		}
		bucket := s.byPair[uint16(c)<<8|uint16(lowered[i+1])]
		if bucket == 0 {
			continue
		}
		for _, index := range s.pairs[bucket-1] {
			if strings.HasPrefix(lowered[i:], s.literals[index]) {
				found[index] = true
				if at != nil {
					at(index, i)
				}
			}
		}
	}
}
