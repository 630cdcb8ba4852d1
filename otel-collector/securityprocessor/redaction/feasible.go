package redaction

import (
	"regexp/syntax"
	"unicode/utf8"
)

// feasibleDepth is how many bytes feasibility follows a pattern before it answers "maybe"; maxFeasibleProgram
// bounds the program size, so that a set of instructions fits a fixed bitmap.
const (
	feasibleDepth      = 8
	maxFeasibleProgram = 1024
)

// feasibility is a cheap necessary condition of an anchored pattern: a walk of its program over the first bytes
// of the text, ignoring assertions (^ $ \b pass). When no thread survives those bytes, the pattern cannot match
// there and Go's backtracking matcher, which costs far more per call on these patterns, need not run.
type feasibility struct {
	start closure
	// per instruction that consumes a character: the ASCII characters it accepts (a bitmap) and where it leads
	ascii []([2]uint64)
	next  []closure
}

// closure is what an instruction reaches without consuming: the instructions that consume next, and whether
// the pattern can match there.
type closure struct {
	consumers []uint32
	matches   bool
}

type pcSet [maxFeasibleProgram / 64]uint64

// first reports whether pc is new to the set, and adds it.
func (s *pcSet) first(pc uint32) bool {
	bit := uint64(1) << (pc % 64)
	if s[pc/64]&bit != 0 {
		return false
	}
	s[pc/64] |= bit
	return true
}

// newFeasibility compiles source; nil when its program is too large to follow.
func newFeasibility(source string) (*feasibility, error) {
	tree, err := syntax.Parse(source, syntax.Perl)
	if err != nil {
		return nil, err
	}
	prog, err := syntax.Compile(tree.Simplify())
	if err != nil || len(prog.Inst) > maxFeasibleProgram {
		return nil, err
	}
	f := &feasibility{start: closureOf(prog, uint32(prog.Start)),
		ascii: make([][2]uint64, len(prog.Inst)), next: make([]closure, len(prog.Inst))}
	for pc := range prog.Inst {
		inst := &prog.Inst[pc]
		if !isConsuming(inst.Op) {
			continue
		}
		for c := rune(0); c < utf8.RuneSelf; c++ {
			if inst.MatchRune(c) {
				f.ascii[pc][c/64] |= 1 << (c % 64)
			}
		}
		f.next[pc] = closureOf(prog, inst.Out)
	}
	return f, nil
}

func closureOf(prog *syntax.Prog, pc uint32) closure {
	var c closure
	var seen pcSet
	var walk func(pc uint32)
	walk = func(pc uint32) {
		if !seen.first(pc) {
			return
		}
		switch inst := &prog.Inst[pc]; inst.Op {
		case syntax.InstMatch:
			c.matches = true
		case syntax.InstAlt, syntax.InstAltMatch:
			walk(inst.Out)
			walk(inst.Arg)
		case syntax.InstCapture, syntax.InstNop, syntax.InstEmptyWidth:
			walk(inst.Out)
		case syntax.InstFail:
		default:
			c.consumers = append(c.consumers, pc)
		}
	}
	walk(pc)
	return c
}

func isConsuming(op syntax.InstOp) bool {
	return op == syntax.InstRune || op == syntax.InstRune1 || op == syntax.InstRuneAny || op == syntax.InstRuneAnyNotNL
}

// possible reports false only when no match of the pattern can start at the start of text.
func (f *feasibility) possible(text string) bool {
	var buf [2][64]uint32
	threads := append(buf[0][:0], f.start.consumers...)
	if f.start.matches {
		return true
	}
	for i := 0; i < len(text); i++ {
		if len(threads) == 0 {
			return false
		}
		c := text[i]
		if i == feasibleDepth || c >= utf8.RuneSelf || len(threads) > len(buf[0])/2 {
			return true // far enough, non-ASCII or many threads: maybe
		}
		next := buf[(i+1)%2][:0]
		var seen pcSet
		for _, pc := range threads {
			if f.ascii[pc][c/64]&(1<<(c%64)) == 0 {
				continue
			}
			to := &f.next[pc]
			if to.matches {
				return true
			}
			for _, n := range to.consumers {
				if seen.first(n) {
					next = append(next, n)
				}
			}
		}
		threads = next
	}
	return false
}
