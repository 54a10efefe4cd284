package extract

import (
	"fmt"
	"regexp/syntax"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// longest finds how far a pattern matches backwards from the end of a
// text, taking the longest match: what a regexp.Regexp of ^(?:pattern) with
// Longest set answers with FindStringIndex over the text with its runes
// reversed, but with a deterministic automaton built as texts are read, and
// without making the reversed text. Each of the automaton's states is the
// set of the pattern's instructions the runes read so far leave running,
// and each step from a state on a rune is worked out once and then looked
// up. The regexp package cannot do this: its backtracker tries every path of
// the pattern at every rune, which for the speaker patterns, hundreds of
// instructions of alternatives, was a twentieth of a full build (see
// verbHead).
//
// The pattern may hold no assertion but ^ (the start of what is read): the
// state after a rune does not depend on what comes next, as it would for
// \b or $.
type longest struct {
	prog *syntax.Prog
	// caches holds automata not in use: one goroutine steps through an
	// automaton at a time, and each that finds none free makes its own.
	caches chan *automaton
}

// maxStates bounds an automaton: one that has grown past it starts again
// empty at its next use, so that no text can make it hold more.
const maxStates = 4096

// newLongest compiles re, parsed as regexp.Compile parses (syntax.Perl);
// it refuses a pattern holding an assertion other than ^. It takes the
// parsed pattern, not its text: the speaker heads are patterns reversed
// (see reversed), whose text spells every letter class out rune range by
// rune range, and parsing that again cost a rebuild ten milliseconds.
func newLongest(re *syntax.Regexp) (*longest, error) {
	prog, err := syntax.Compile(re.Simplify())
	if err != nil {
		return nil, err
	}
	for _, in := range prog.Inst {
		if in.Op == syntax.InstEmptyWidth && syntax.EmptyOp(in.Arg)&^syntax.EmptyBeginText != 0 {
			return nil, fmt.Errorf("%s: only ^ may be asserted, not %v", re, syntax.EmptyOp(in.Arg))
		}
	}
	return &longest{prog: prog, caches: make(chan *automaton, 8)}, nil
}

func mustLongest(re *syntax.Regexp) *longest {
	l, err := newLongest(re)
	if err != nil {
		panic(err)
	}
	return l
}

// endBack reads the runes of s from its end and returns how many bytes
// before the end the longest match reaches, or -1 when none does. s is
// UTF-8: a byte of a broken rune is read as utf8.RuneError, of width 1,
// which is not what the regexp package reads in the reversed text.
func (l *longest) endBack(s string) int {
	a := l.get()
	defer l.put(a)
	st, end := a.start, -1
	if st.match {
		end = 0
	}
	for i := len(s); i > 0 && st != a.dead; {
		r, w := rune(s[i-1]), 1
		if r < utf8.RuneSelf {
			if next := st.ascii[r]; next != nil {
				st = next
			} else {
				st = a.next(st, r)
			}
		} else {
			r, w = utf8.DecodeLastRuneInString(s[:i])
			st = a.next(st, r)
		}
		if i -= w; st.match {
			end = len(s) - i
		}
	}
	return end
}

// get takes a free automaton, or makes one; put gives it back.
func (l *longest) get() *automaton {
	select {
	case a := <-l.caches:
		if len(a.states) <= maxStates {
			return a
		}
	default:
	}
	return newAutomaton(l.prog)
}

func (l *longest) put(a *automaton) {
	select {
	case l.caches <- a:
	default:
	}
}

// An automaton is the states of a pattern found so far.
type automaton struct {
	prog   *syntax.Prog
	states map[string]*state // by their instructions (state.key)
	start  *state
	dead   *state // no instruction left: nothing more can match
	// stack and on are scratch space for closures.
	stack []uint32
	on    []bool
}

// A state is the set of the pattern's instructions that consume a rune
// (or match) left running at a point of the text, and the steps from it
// found so far.
type state struct {
	insts []uint32 // sorted
	match bool     // the text read so far is a match
	ascii [utf8.RuneSelf]*state
	other map[rune]*state
}

func newAutomaton(prog *syntax.Prog) *automaton {
	a := &automaton{prog: prog, states: map[string]*state{}, on: make([]bool, len(prog.Inst))}
	a.dead = a.state(nil)
	a.start = a.state(a.closure([]uint32{uint32(prog.Start)}, true))
	return a
}

// next is the state after st reads r, looked up or, the first time, made.
func (a *automaton) next(st *state, r rune) *state {
	if r < utf8.RuneSelf {
		if st.ascii[r] == nil {
			st.ascii[r] = a.step(st, r)
		}
		return st.ascii[r]
	}
	next, ok := st.other[r]
	if !ok {
		next = a.step(st, r)
		if st.other == nil {
			st.other = map[rune]*state{}
		}
		st.other[r] = next
	}
	return next
}

// step is the state after st reads r.
func (a *automaton) step(st *state, r rune) *state {
	var next []uint32
	for _, pc := range st.insts {
		in := &a.prog.Inst[pc]
		var ok bool
		switch in.Op {
		case syntax.InstRune:
			ok = in.MatchRunePos(r) >= 0
		case syntax.InstRune1:
			ok = r == in.Rune[0]
		case syntax.InstRuneAny:
			ok = true
		case syntax.InstRuneAnyNotNL:
			ok = r != '\n'
		}
		if ok {
			next = append(next, in.Out)
		}
	}
	return a.state(a.closure(next, false))
}

// closure returns the instructions that consume a rune, or match, reached
// from pcs without reading one, sorted; ^ holds only at the start.
func (a *automaton) closure(pcs []uint32, atStart bool) []uint32 {
	var out []uint32
	a.stack = append(a.stack[:0], pcs...)
	for len(a.stack) > 0 {
		pc := a.stack[len(a.stack)-1]
		a.stack = a.stack[:len(a.stack)-1]
		if a.on[pc] {
			continue
		}
		a.on[pc] = true
		in := &a.prog.Inst[pc]
		switch in.Op {
		case syntax.InstAlt, syntax.InstAltMatch:
			a.stack = append(a.stack, in.Arg, in.Out)
		case syntax.InstCapture, syntax.InstNop:
			a.stack = append(a.stack, in.Out)
		case syntax.InstEmptyWidth:
			if atStart {
				a.stack = append(a.stack, in.Out)
			}
		case syntax.InstMatch, syntax.InstRune, syntax.InstRune1, syntax.InstRuneAny, syntax.InstRuneAnyNotNL:
			out = append(out, pc)
		}
	}
	clear(a.on)
	slices.Sort(out)
	return out
}

// state gives the state of the instructions insts, made once.
func (a *automaton) state(insts []uint32) *state {
	k := key(insts)
	if st, ok := a.states[k]; ok {
		return st
	}
	st := &state{insts: insts}
	for _, pc := range insts {
		if a.prog.Inst[pc].Op == syntax.InstMatch {
			st.match = true
		}
	}
	a.states[k] = st
	return st
}

// key names a set of instructions.
func key(insts []uint32) string {
	var b strings.Builder
	for _, pc := range insts {
		b.WriteString(strconv.FormatUint(uint64(pc), 36))
		b.WriteByte(',')
	}
	return b.String()
}
