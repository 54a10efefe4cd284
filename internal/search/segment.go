package search

import (
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// Source-line documents are split into segments by group (seed), so that a
// new seed adds a small segment instead of rewriting the whole index. The
// split depends only on the number of groups: groups are numbered in
// natural order (seed 999 before 1000), complete blocks of maxSegmentGroups
// groups form one segment each, and the rest is written in base
// segmentFanout, one segment per unit of each digit (5,000 seeds: 4,096 +
// 3×256 + 2×64 + 2×4). A new seed, numbered after the others, lands in a
// new one-group segment; only when a digit overflows do the segments of that
// digit merge, so each seed is rewritten a handful of times in its life.
const (
	segmentFanout    = 4
	maxSegmentGroups = 4096
)

// span is the half-open range [start, end) of group ordinals one segment holds.
type span struct{ start, end int }

// segmentSpans splits n groups into segments, largest first.
func segmentSpans(n int) []span {
	var out []span
	at := 0
	for ; n-at >= maxSegmentGroups; at += maxSegmentGroups {
		out = append(out, span{at, at + maxSegmentGroups})
	}
	size := maxSegmentGroups / segmentFanout
	for size >= 1 {
		for n-at >= size {
			out = append(out, span{at, at + size})
			at += size
		}
		size /= segmentFanout
	}
	return out
}

// naturalLess orders strings with their runs of digits compared as numbers,
// so seed "999" comes before "1000" and a new seed sorts last.
func naturalLess(a, b string) bool {
	for a != "" && b != "" {
		da, db := digitPrefix(a), digitPrefix(b)
		if da > 0 && db > 0 {
			na, nb := strings.TrimLeft(a[:da], "0"), strings.TrimLeft(b[:db], "0")
			if len(na) != len(nb) {
				return len(na) < len(nb)
			}
			if na != nb {
				return na < nb
			}
			if da != db { // "07" and "7": fewer leading zeros first
				return da < db
			}
			a, b = a[da:], b[db:]
			continue
		}
		ra, sa := utf8.DecodeRuneInString(a)
		rb, sb := utf8.DecodeRuneInString(b)
		if ra != rb {
			return ra < rb
		}
		a, b = a[sa:], b[sb:]
	}
	return len(a) < len(b)
}

func digitPrefix(s string) int {
	n := 0
	for n < len(s) && isDigit(s[n]) {
		n++
	}
	return n
}

// jsLess orders strings as JavaScript's < does, by UTF-16 code units, so
// that engine.js can binary-search the term lists the builder sorted. (Go's
// < orders by code point, which differs for characters above U+FFFF.)
func jsLess(a, b string) bool {
	for a != "" && b != "" {
		ra, sa := utf8.DecodeRuneInString(a)
		rb, sb := utf8.DecodeRuneInString(b)
		if ra != rb {
			return utf16Key(ra) < utf16Key(rb)
		}
		a, b = a[sa:], b[sb:]
	}
	return len(a) < len(b)
}

// utf16Key orders runes as their UTF-16 encodings: the first code unit in
// the high half, the second (if any) in the low half.
func utf16Key(r rune) uint32 {
	if r < 0x10000 {
		return uint32(r) << 16
	}
	hi, lo := utf16.EncodeRune(r)
	return uint32(hi)<<16 | uint32(lo)
}
