package render

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"hash"
	"math"
	"sync"
)

// Key names the inputs of one output file: two jobs with the same key
// write the same bytes. It is a SHA-256 of what the file is made from, as
// each job declares it (a keyer's key method), never of whole data
// structures by reflection: a page declares the layout it uses, its own
// text, and each value of other pages it shows.
type Key [32]byte

// String is the key in hex.
func (k Key) String() string { return fmt.Sprintf("%x", k[:]) }

// keyer is data that declares its inputs to a hasher.
type keyer interface {
	key(h *hasher)
}

// hasher accumulates declared inputs. Each value is written with its length
// or a type tag, so that different sequences never give the same bytes.
// Values are gathered in a buffer and hashed a few kilobytes at a time:
// keys are made of many short strings.
type hasher struct {
	h   hash.Hash
	buf []byte
}

// hashers keeps hashers for reuse: a build makes one per file, and each
// has a buffer of a few kilobytes.
var hashers = sync.Pool{New: func() any { return &hasher{h: sha256.New(), buf: make([]byte, 0, 4<<10)} }}

func newHasher() *hasher {
	h := hashers.Get().(*hasher)
	h.h.Reset()
	h.buf = h.buf[:0]
	return h
}

// sum returns the key of what was written and ends the hasher's use.
func (h *hasher) sum() Key {
	h.h.Write(h.buf)
	var k Key
	h.h.Sum(k[:0])
	hashers.Put(h)
	return k
}

// flush hashes the buffer once it is full.
func (h *hasher) flush() {
	if len(h.buf) >= 4<<10 {
		h.h.Write(h.buf)
		h.buf = h.buf[:0]
	}
}

func (h *hasher) tag(t byte, n uint64) {
	h.buf = binary.LittleEndian.AppendUint64(append(h.buf, t), n)
	h.flush()
}

func (h *hasher) str(s string) {
	h.tag('s', uint64(len(s)))
	h.buf = append(h.buf, s...)
	h.flush()
}

func (h *hasher) bytes(b []byte) {
	h.tag('b', uint64(len(b)))
	h.buf = append(h.buf, b...)
	h.flush()
}

func (h *hasher) int(n int)       { h.tag('i', uint64(n)) }
func (h *hasher) float(f float64) { h.tag('f', math.Float64bits(f)) }
func (h *hasher) bool(b bool) {
	if b {
		h.int(1)
	} else {
		h.int(0)
	}
}
func (h *hasher) key(k Key) { h.bytesTagged('k', k[:]) }

// bytesTagged writes b under tag t and its length.
func (h *hasher) bytesTagged(t byte, b []byte) {
	h.tag(t, uint64(len(b)))
	h.buf = append(h.buf, b...)
	h.flush()
}
func (h *hasher) strs(ss []string) {
	h.tag('l', uint64(len(ss)))
	for _, s := range ss {
		h.str(s)
	}
}
func (h *hasher) opt(k keyer) {
	if k == nil {
		h.tag('n', 0)
	} else {
		h.tag('y', 0)
		k.key(h)
	}
}

// each writes a list of keyers.
func each[T keyer](h *hasher, xs []T) {
	h.tag('L', uint64(len(xs)))
	for _, x := range xs {
		x.key(h)
	}
}

// bytesKey is the key of a file whose bytes are its only input.
func bytesKey(b []byte) Key { return sha256.Sum256(b) }
