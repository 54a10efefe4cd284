package geo

import (
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"sync"
)

// worldData is world.bin: Natural Earth 1:50m admin-0 countries, made by
// cmd/mapdata from the world-atlas npm package (see the package comment).
//
//go:embed world.bin
var worldData []byte

// magic opens every encoded atlas; the last byte is the format version.
var magic = []byte("DGEO\x01")

// Point is a position in degrees.
type Point struct{ Lon, Lat float64 }

// Country is one country of a Topology: its ISO 3166-1 numeric code ("" for
// the few Natural Earth units that have none), its English name, and its
// polygons, each a list of rings, each a list of TopoJSON arc references
// (i ≥ 0 is arc i as stored, ^i is arc i reversed). The first ring of a
// polygon is its outline, the others its holes.
type Country struct {
	ID, Name string
	Polygons [][][]int
}

// Topology is what Encode stores: arcs shared between countries, so that a
// border is kept once, and the countries that reference them.
type Topology struct {
	Arcs      [][]Point
	Countries []Country
}

// Atlas is a decoded world outline, ready to draw. It is read-only after
// Decode, so one Atlas may serve every map of a build, concurrently.
type Atlas struct {
	unit      float64 // grid steps per degree
	arcs      []arc
	countries []country
}

type arc struct {
	pts    []int32 // x0, y0, x1, y1, …: lon and lat in grid steps
	box    box     // in degrees
	shared bool    // referenced by two rings: a land border, not a coast
}

type country struct {
	id, name string
	polygons [][][]int
	box      box
}

// box is an axis-aligned rectangle: degrees for the atlas, pixels for drawing.
type box struct{ x0, y0, x1, y1 float64 }

func (b box) overlaps(o box) bool {
	return b.x0 <= o.x1 && o.x0 <= b.x1 && b.y0 <= o.y1 && o.y0 <= b.y1
}

func (b *box) extend(o box) {
	b.x0, b.y0 = math.Min(b.x0, o.x0), math.Min(b.y0, o.y0)
	b.x1, b.y1 = math.Max(b.x1, o.x1), math.Max(b.y1, o.y1)
}

var emptyBox = box{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}

// World returns the world outline embedded in the binary, decoded on the
// first call (a few milliseconds) and shared by later ones.
func World() (*Atlas, error) { return sharedWorld() }

// sharedWorld decodes the embedded outline once per process: an Atlas is never
// changed after Decode, so one is shared by every build.
var sharedWorld = sync.OnceValues(func() (*Atlas, error) {
	a, err := Decode(worldData)
	if err != nil {
		return nil, fmt.Errorf("embedded world outline: %w", err)
	}
	return a, nil
})

// Countries returns the names of the atlas's countries in stored order.
func (a *Atlas) Countries() []string {
	names := make([]string, len(a.countries))
	for i, c := range a.countries {
		names[i] = c.name
	}
	return names
}

// Encode stores t in the compact format Decode reads: each arc is first
// reduced with Douglas–Peucker at tolerance degrees (0 keeps every point;
// an arc's ends are always kept, so neighbours still meet), then snapped to a
// grid of unit steps per degree and written as zigzag varint deltas.
func Encode(t Topology, unit int, tolerance float64) ([]byte, error) {
	if unit <= 0 || unit > 1e6 {
		return nil, fmt.Errorf("grid unit %d out of range 1..1000000", unit)
	}
	out := append([]byte(nil), magic...)
	out = binary.AppendUvarint(out, uint64(unit))
	out = binary.AppendUvarint(out, uint64(len(t.Arcs)))
	var prevX, prevY int64
	for i, a := range t.Arcs {
		if len(a) < 2 {
			return nil, fmt.Errorf("arc %d has %d points; an arc needs two", i, len(a))
		}
		pts := simplifyDegrees(a, tolerance)
		q := make([][2]int64, 0, len(pts))
		for _, p := range pts {
			if p.Lon < -180 || p.Lon > 180 || p.Lat < -90 || p.Lat > 90 {
				return nil, fmt.Errorf("arc %d: point %v is not a longitude and latitude", i, p)
			}
			g := [2]int64{int64(math.Round(p.Lon * float64(unit))), int64(math.Round(p.Lat * float64(unit)))}
			if len(q) > 0 && q[len(q)-1] == g {
				continue
			}
			q = append(q, g)
		}
		if len(q) == 1 { // a very short arc: keep both (equal) ends
			q = append(q, q[0])
		}
		out = binary.AppendUvarint(out, uint64(len(q)))
		x, y := prevX, prevY
		prevX, prevY = q[0][0], q[0][1]
		for _, g := range q {
			out = binary.AppendVarint(out, g[0]-x)
			out = binary.AppendVarint(out, g[1]-y)
			x, y = g[0], g[1]
		}
	}
	out = binary.AppendUvarint(out, uint64(len(t.Countries)))
	for _, c := range t.Countries {
		out = appendString(out, c.ID)
		out = appendString(out, c.Name)
		out = binary.AppendUvarint(out, uint64(len(c.Polygons)))
		for _, poly := range c.Polygons {
			out = binary.AppendUvarint(out, uint64(len(poly)))
			for _, ring := range poly {
				out = binary.AppendUvarint(out, uint64(len(ring)))
				for _, ref := range ring {
					if ref >= len(t.Arcs) || ^ref >= len(t.Arcs) {
						return nil, fmt.Errorf("country %q refers to arc %d of %d", c.Name, ref, len(t.Arcs))
					}
					out = binary.AppendVarint(out, int64(ref))
				}
			}
		}
	}
	return out, nil
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// reader walks an encoded atlas; the first error sticks.
type reader struct {
	b   []byte
	off int
	err error
}

func (r *reader) fail(what string) {
	if r.err == nil {
		r.err = fmt.Errorf("byte %d: %s", r.off, what)
	}
}

func (r *reader) uvarint(what string, limit uint64) uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b[r.off:])
	if n <= 0 {
		r.fail("truncated or bad " + what)
		return 0
	}
	r.off += n
	if v > limit {
		r.fail(fmt.Sprintf("%s %d exceeds %d", what, v, limit))
		return 0
	}
	return v
}

func (r *reader) varint(what string) int64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Varint(r.b[r.off:])
	if n <= 0 {
		r.fail("truncated or bad " + what)
		return 0
	}
	r.off += n
	return v
}

func (r *reader) string(what string) string {
	n := int(r.uvarint(what+" length", uint64(len(r.b))))
	if r.err != nil {
		return ""
	}
	if r.off+n > len(r.b) {
		r.fail("truncated " + what)
		return ""
	}
	s := string(r.b[r.off : r.off+n])
	r.off += n
	return s
}

// Decode reads an atlas written by Encode. Counts are checked against the
// bytes left, so corrupt input gives an error, never a huge allocation.
func Decode(b []byte) (*Atlas, error) {
	if len(b) < len(magic) || string(b[:len(magic)]) != string(magic) {
		return nil, errors.New("not a dossier world outline (bad magic or version)")
	}
	r := &reader{b: b, off: len(magic)}
	// Every arc point takes at least two bytes and every count one, which
	// bounds each count by the bytes that remain.
	left := func() uint64 { return uint64(len(b) - r.off) }
	a := &Atlas{unit: float64(r.uvarint("grid unit", 1e6))}
	if r.err == nil && a.unit == 0 {
		r.fail("grid unit 0")
	}
	a.arcs = make([]arc, r.uvarint("arc count", left()))
	var firstX, firstY int64
	for i := range a.arcs {
		n := r.uvarint("point count", left()/2)
		if r.err == nil && n < 2 {
			r.fail(fmt.Sprintf("arc %d has %d points", i, n))
		}
		pts := make([]int32, 0, 2*n)
		x, y := firstX, firstY
		bx := emptyBox
		for j := uint64(0); j < n && r.err == nil; j++ {
			x += r.varint("x delta")
			y += r.varint("y delta")
			if j == 0 {
				firstX, firstY = x, y
			}
			lon, lat := float64(x)/a.unit, float64(y)/a.unit
			if lon < -180 || lon > 180 || lat < -90 || lat > 90 {
				r.fail(fmt.Sprintf("arc %d leaves the globe", i))
			}
			pts = append(pts, int32(x), int32(y))
			bx.extend(box{lon, lat, lon, lat})
		}
		a.arcs[i] = arc{pts: pts, box: bx}
	}
	uses := make([]int, len(a.arcs))
	a.countries = make([]country, r.uvarint("country count", left()))
	for i := range a.countries {
		c := &a.countries[i]
		c.id = r.string("country id")
		c.name = r.string("country name")
		c.box = emptyBox
		c.polygons = make([][][]int, r.uvarint("polygon count", left()))
		for p := range c.polygons {
			rings := make([][]int, r.uvarint("ring count", left()))
			for k := range rings {
				refs := make([]int, r.uvarint("arc reference count", left()))
				for m := range refs {
					ref := int(r.varint("arc reference"))
					idx := ref
					if idx < 0 {
						idx = ^idx
					}
					if r.err == nil && idx >= len(a.arcs) {
						r.fail(fmt.Sprintf("country %q refers to arc %d of %d", c.name, idx, len(a.arcs)))
					}
					if r.err != nil {
						return nil, r.err
					}
					refs[m] = ref
					uses[idx]++
					c.box.extend(a.arcs[idx].box)
				}
				rings[k] = refs
			}
			c.polygons[p] = rings
		}
	}
	if r.err != nil {
		return nil, r.err
	}
	if r.off != len(b) {
		return nil, fmt.Errorf("byte %d: %d bytes left over after the last country", r.off, len(b)-r.off)
	}
	for i := range a.arcs {
		a.arcs[i].shared = uses[i] > 1
	}
	return a, nil
}
