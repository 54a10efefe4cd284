package render

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"math"
	"reflect"
	"sort"

	"github.com/yuin/goldmark/ast"
)

// Key names the inputs of one output file: two jobs with the same key write
// the same bytes. It is a SHA-256 over everything the file is made from.
type Key [32]byte

// String is the key in hex.
func (k Key) String() string { return fmt.Sprintf("%x", k[:]) }

var astNode = reflect.TypeFor[ast.Node]()

// valueHasher writes a canonical encoding of any data a template receives:
// every field, exported or not, followed through pointers, slices, maps and
// interfaces, so that equal encodings mean the template sees equal data.
// Parsed markdown (ast.Node) is skipped: a page's source bytes stand for it,
// and the body a page renders is keyed separately (see lazyBody).
type valueHasher struct {
	buf  bytes.Buffer
	seen map[uintptr]int // pointers already written, by order of first visit
}

// hashValues returns the key of a sequence of values, or an error when one
// holds something that cannot be compared by value (a func or a channel).
func hashValues(vs ...any) (Key, error) {
	h := &valueHasher{}
	for _, v := range vs {
		if err := h.value(reflect.ValueOf(v)); err != nil {
			return Key{}, err
		}
	}
	return sha256.Sum256(h.buf.Bytes()), nil
}

func (h *valueHasher) uint(u uint64) {
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], u)
	h.buf.Write(b[:])
}

func (h *valueHasher) str(s string) {
	h.uint(uint64(len(s)))
	h.buf.WriteString(s)
}

func (h *valueHasher) value(v reflect.Value) error {
	if !v.IsValid() {
		h.buf.WriteByte(0)
		return nil
	}
	switch v.Kind() {
	case reflect.Bool:
		if v.Bool() {
			h.buf.WriteByte(1)
		} else {
			h.buf.WriteByte(2)
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		h.uint(uint64(v.Int()))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		h.uint(v.Uint())
	case reflect.Float32, reflect.Float64:
		h.uint(math.Float64bits(v.Float()))
	case reflect.String:
		h.str(v.String())
	case reflect.Slice:
		if v.IsNil() {
			h.buf.WriteByte(0)
			return nil
		}
		if v.Type().Elem().Kind() == reflect.Uint8 {
			h.str(string(v.Bytes()))
			return nil
		}
		fallthrough
	case reflect.Array:
		h.uint(uint64(v.Len()))
		for i := 0; i < v.Len(); i++ {
			if err := h.value(v.Index(i)); err != nil {
				return err
			}
		}
	case reflect.Struct:
		h.str(v.Type().String())
		for i := 0; i < v.NumField(); i++ {
			if err := h.value(v.Field(i)); err != nil {
				return err
			}
		}
	case reflect.Pointer:
		if v.IsNil() {
			h.buf.WriteByte(0)
			return nil
		}
		if v.Type().Implements(astNode) {
			h.buf.WriteByte(3)
			return nil
		}
		if n, ok := h.seen[v.Pointer()]; ok {
			h.buf.WriteByte(4)
			h.uint(uint64(n))
			return nil
		}
		if h.seen == nil {
			h.seen = map[uintptr]int{}
		}
		h.seen[v.Pointer()] = len(h.seen)
		h.buf.WriteByte(5)
		return h.value(v.Elem())
	case reflect.Interface:
		if v.IsNil() {
			h.buf.WriteByte(0)
			return nil
		}
		if v.Type().Implements(astNode) || v.Elem().Type().Implements(astNode) {
			h.buf.WriteByte(3)
			return nil
		}
		h.str(v.Elem().Type().String())
		return h.value(v.Elem())
	case reflect.Map:
		if v.IsNil() {
			h.buf.WriteByte(0)
			return nil
		}
		// Map order is random: encode each entry on its own and sort the encodings.
		entries := make([]string, 0, v.Len())
		for it := v.MapRange(); it.Next(); {
			sub := &valueHasher{}
			if err := sub.value(it.Key()); err != nil {
				return err
			}
			if err := sub.value(it.Value()); err != nil {
				return err
			}
			entries = append(entries, sub.buf.String())
		}
		sort.Strings(entries)
		h.uint(uint64(len(entries)))
		for _, e := range entries {
			h.str(e)
		}
	default:
		return fmt.Errorf("cannot key a %s", v.Type())
	}
	return nil
}
