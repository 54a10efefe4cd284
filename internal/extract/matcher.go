package extract

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Name is a name to look for and the key (an actor slug) it belongs to.
type Name struct {
	Text, Key string
}

// Match is one occurrence of a known name in a text.
type Match struct {
	Start, End int    // byte offsets: text[Start:End] is the name as written
	Key        string // the key of the name
}

// Matcher finds known names in text with an Aho–Corasick automaton over all
// names and aliases at once, so one left-to-right pass over a text finds every
// name in it: the cost grows with the text and the number of matches, not
// with the number of names. Matching is case-sensitive ("US" is not "us").
//
// The automaton is a table: one row per node, one column per class of
// bytes, where the bytes no name holds are one class, so that a step is
// one lookup whatever the node.
type Matcher struct {
	nodes []acNode
	class [256]uint16 // byte → its column in delta; 0 for the bytes no name holds
	cols  int
	// delta maps node*cols + column to the next node, failure links
	// followed; complemented (^node) when a pattern ends at that node or
	// down its failure links, so that a step looks at no node otherwise.
	delta []int32
	// starts holds the bytes that lead out of the root: from the root,
	// every other byte leads back to it, so a search at the root skips to
	// the next byte that starts a name, which in prose is rare (names are
	// capitalised), without walking the table.
	starts [256]bool
	names  []string // pattern index → name
	keys   []string // pattern index → key
	// words holds every run of two or more consecutive words of a known
	// name, lower-cased, so a shortened form ("Ana Ruiz" of "General Ana
	// Ruiz") still counts as known.
	words map[string]string
	// single holds every word of every known name, lower-cased.
	single map[string]bool
}

type acNode struct {
	fail int32
	out  int32 // nearest node on the fail chain (itself included) that ends a pattern, or -1
	pat  int32 // pattern ending exactly here, or -1
}

// NewMatcher compiles names. Names shorter than two characters are ignored;
// when two keys share a name, the first one given keeps it.
func NewMatcher(names []Name) *Matcher {
	m := &Matcher{nodes: []acNode{{out: -1, pat: -1}}, words: map[string]string{}, single: map[string]bool{}}
	next := []map[byte]int32{{}} // the trie's edges, per node
	for _, n := range names {
		t := strings.TrimSpace(n.Text)
		if utf8.RuneCountInString(t) < 2 {
			continue
		}
		m.addWords(t, n.Key)
		at := int32(0)
		for i := 0; i < len(t); i++ {
			nx, ok := next[at][t[i]]
			if !ok {
				nx = int32(len(m.nodes))
				m.nodes = append(m.nodes, acNode{out: -1, pat: -1})
				next = append(next, map[byte]int32{})
				next[at][t[i]] = nx
			}
			at = nx
		}
		if m.nodes[at].pat >= 0 {
			continue
		}
		m.nodes[at].pat = int32(len(m.names))
		m.names = append(m.names, t)
		m.keys = append(m.keys, n.Key)
	}
	m.link(next)
	return m
}

// addWords records the runs of two or more words of a name.
func (m *Matcher) addWords(name, key string) {
	w := strings.Fields(strings.ToLower(name))
	for _, x := range w {
		m.single[x] = true
	}
	for i := 0; i < len(w); i++ {
		for j := i + 2; j <= len(w); j++ {
			k := strings.Join(w[i:j], " ")
			if _, ok := m.words[k]; !ok {
				m.words[k] = key
			}
		}
	}
	if len(w) == 1 {
		if _, ok := m.words[w[0]]; !ok {
			m.words[w[0]] = key
		}
	}
}

// link computes the failure links and the table breadth first, in byte
// order so the automaton is the same on every run. A node's row is its
// edges, and for the bytes it has no edge for, the row of its failure
// link, which is nearer the root and so already complete.
func (m *Matcher) link(next []map[byte]int32) {
	for _, edges := range next {
		for b := range edges {
			if m.class[b] == 0 {
				m.cols++
				m.class[b] = uint16(m.cols)
			}
		}
	}
	m.cols++ // and column 0
	m.delta = make([]int32, len(m.nodes)*m.cols)
	queue := []int32{0}
	for len(queue) > 0 {
		at := queue[0]
		queue = queue[1:]
		n := &m.nodes[at]
		n.out = -1
		if n.pat >= 0 {
			n.out = at
		} else if at != 0 {
			n.out = m.nodes[n.fail].out
		}
		row := m.delta[int(at)*m.cols : int(at+1)*m.cols]
		if at != 0 {
			copy(row, m.delta[int(n.fail)*m.cols:int(n.fail+1)*m.cols])
		}
		for _, b := range sortedBytes(next[at]) {
			c := next[at][b]
			if at == 0 {
				m.nodes[c].fail = 0
			} else {
				m.nodes[c].fail = m.delta[int(n.fail)*m.cols+int(m.class[b])]
			}
			row[m.class[b]] = c
			queue = append(queue, c)
		}
	}
	for i, v := range m.delta {
		if m.nodes[v].out >= 0 {
			m.delta[i] = ^v
		}
	}
	for b := range m.starts {
		m.starts[b] = m.delta[m.class[b]] != 0
	}
}

func sortedBytes(next map[byte]int32) []byte {
	bs := make([]byte, 0, len(next))
	for b := range next {
		bs = append(bs, b)
	}
	sort.Slice(bs, func(i, j int) bool { return bs[i] < bs[j] })
	return bs
}

// Find returns the known names in text as whole words, left to right and
// never overlapping. Where names overlap, the longest wins, so "Ruiz" inside
// "Ana Ruiz" counts only for the longer name.
func (m *Matcher) Find(text string) []Match {
	if m == nil || len(m.names) == 0 {
		return nil
	}
	var cands []Match
	at := int32(0)
	for i := 0; i < len(text); i++ {
		if at == 0 {
			for i < len(text) && !m.starts[text[i]] {
				i++
			}
			if i == len(text) {
				break
			}
		}
		at = m.delta[int(at)*m.cols+int(m.class[text[i]])]
		if at >= 0 {
			continue
		}
		at = ^at
		for o := m.nodes[at].out; o >= 0; o = m.nodes[m.nodes[o].fail].out {
			p := m.nodes[o].pat
			start, end := i+1-len(m.names[p]), i+1
			if wordEdge(text, start, end) {
				cands = append(cands, Match{Start: start, End: end, Key: m.keys[p]})
			}
		}
	}
	return leftmostLongest(cands)
}

// leftmostLongest keeps of cands the leftmost, then longest, and drops what
// overlaps a match kept.
func leftmostLongest(cands []Match) []Match {
	sort.SliceStable(cands, func(i, j int) bool {
		if cands[i].Start != cands[j].Start {
			return cands[i].Start < cands[j].Start
		}
		return cands[i].End > cands[j].End
	})
	var out []Match
	for _, c := range cands {
		if len(out) > 0 && c.Start < out[len(out)-1].End {
			continue
		}
		out = append(out, c)
	}
	return out
}

// Known reports whether a name is a known name or alias, or a run of two or
// more consecutive words of one, ignoring case, and returns its key.
func (m *Matcher) Known(name string) (string, bool) {
	if m == nil {
		return "", false
	}
	var buf [64]byte
	if key, ok := asciiKey(buf[:0], name); ok {
		k, ok := m.words[string(key)] // looked up without a copy
		return k, ok
	}
	k, ok := m.words[strings.Join(strings.Fields(strings.ToLower(name)), " ")]
	return k, ok
}

// asciiKey appends to buf what strings.Join(strings.Fields(strings.ToLower(name)), " ")
// makes of an ASCII name, or reports false for a name with a byte of a
// longer rune (or not UTF-8), which the two do otherwise.
func asciiKey(buf []byte, name string) ([]byte, bool) {
	space := false
	for i := 0; i < len(name); i++ {
		switch c := name[i]; {
		case c >= utf8.RuneSelf:
			return nil, false
		case c == ' ' || '\t' <= c && c <= '\r':
			space = len(buf) > 0
		default:
			if space {
				buf, space = append(buf, ' '), false
			}
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			buf = append(buf, c)
		}
	}
	return buf, true
}

// KnownWord reports whether a single word is part of some known name
// ("Ruiz" of "Ana Ruiz"), ignoring case.
func (m *Matcher) KnownWord(w string) bool {
	return m != nil && m.single[strings.ToLower(w)]
}

// wordEdge reports whether text[start:end] is not part of a longer word: the
// characters on either side are not letters or digits.
func wordEdge(text string, start, end int) bool {
	if start > 0 {
		r, _ := utf8.DecodeLastRuneInString(text[:start])
		if isWordRune(r) {
			return false
		}
	}
	if end < len(text) {
		r, _ := utf8.DecodeRuneInString(text[end:])
		if isWordRune(r) {
			return false
		}
	}
	return true
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r|0x20 && r|0x20 <= 'z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}
