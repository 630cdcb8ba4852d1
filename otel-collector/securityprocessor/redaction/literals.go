package redaction

// literalScanner finds every detector's pre-filter literals (ASCII case-insensitively) in one pass over the
// text, so benign text costs one scan instead of one search per literal. A pure optimisation: the spec's
// pre-filter is "the text contains the literal, ASCII case-insensitively".
type literalScanner struct {
	literals []string // lower-cased, distinct
	// per literal: the indexes of the detectors it lets through, and whether it starts key words (for anchored
	// detectors)
	detectors [][]int
	keyWord   []bool
	// byPair lists the literals of two or more bytes by their first two bytes; single lists one-byte literals.
	byPair [1 << 16]uint16 // 1 + index into pairs, or 0
	pairs  [][]int
	// paired marks the byPair entries in use: 8 KiB that stay in the L1 cache, where byPair (128 KiB) does not
	paired [1 << 16 / 64]uint64
	single [256][]int
	first  [256]bool // whether any literal starts with this byte (either case)
}

// lowerTable maps A-Z to a-z and every other byte to itself, so the scan lowers as it reads.
var lowerTable = func() (t [256]byte) {
	for i := range t {
		t[i] = byte(i)
		if isUpper(byte(i)) {
			t[i] = byte(i) + ('a' - 'A')
		}
	}
	return t
}()

func newLiteralScanner() *literalScanner { return &literalScanner{} }

// add registers a literal (ASCII) of detector number detector; keyWord: it starts the detector's key words.
func (s *literalScanner) add(literal string, detector int, keyWord bool) {
	literal = lowerASCII(literal)
	for i, l := range s.literals {
		if l == literal {
			s.detectors[i] = append(s.detectors[i], detector)
			s.keyWord[i] = s.keyWord[i] || keyWord
			return
		}
	}
	index := len(s.literals)
	s.literals = append(s.literals, literal)
	s.detectors = append(s.detectors, []int{detector})
	s.keyWord = append(s.keyWord, keyWord)
	s.first[literal[0]] = true
	if isASCIILetter(literal[0]) {
		s.first[otherCase(literal[0])] = true
	}
	if len(literal) == 1 {
		s.single[literal[0]] = append(s.single[literal[0]], index)
	} else {
		key := uint16(literal[0])<<8 | uint16(literal[1])
		if s.byPair[key] == 0 {
			s.pairs = append(s.pairs, nil)
			s.byPair[key] = uint16(len(s.pairs))
			s.paired[key/64] |= 1 << (key % 64)
		}
		s.pairs[s.byPair[key]-1] = append(s.pairs[s.byPair[key]-1], index)
	}
}

// scan records in p which detectors a literal lets through (literals compared ASCII case-insensitively) and
// where key words start, in ascending order.
func (s *literalScanner) scan(text string, p *textProfile) {
	clear(p.gated)
	for i := 0; i < len(text); i++ {
		if !s.first[text[i]] {
			continue
		}
		c := lowerTable[text[i]]
		for _, index := range s.single[c] {
			s.saw(p, index, i)
		}
		if i+1 == len(text) {
			continue
		}
		pair := uint16(c)<<8 | uint16(lowerTable[text[i+1]])
		if s.paired[pair/64]&(1<<(pair%64)) == 0 {
			continue
		}
		for _, index := range s.pairs[s.byPair[pair]-1] {
			if hasPrefixFold(text[i:], s.literals[index]) {
				s.saw(p, index, i)
			}
		}
	}
}

func (s *literalScanner) saw(p *textProfile, literal, start int) {
	p.any = true
	for _, d := range s.detectors[literal] {
		p.gated[d] = true
	}
	if s.keyWord[literal] && (len(p.starts) == 0 || p.starts[len(p.starts)-1] != start) {
		p.starts = append(p.starts, start)
	}
}

// hasPrefixFold reports whether text starts with lower (lower-case ASCII), ASCII case-insensitively.
func hasPrefixFold(text, lower string) bool {
	if len(text) < len(lower) {
		return false
	}
	for i := 0; i < len(lower); i++ {
		if lowerTable[text[i]] != lower[i] {
			return false
		}
	}
	return true
}
