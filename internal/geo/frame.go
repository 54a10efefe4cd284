package geo

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
)

// Frame is the geometry of one region drawn at one size: projected, clipped
// and reduced country outlines, coasts and borders. It does not depend on the
// markers, so a build makes one Frame per region and size and draws every
// page's map on it; a Frame is read-only and safe for concurrent Draw calls.
type Frame struct {
	box       BBox
	width     int
	locator   bool
	proj      projection
	st        style
	view      box
	countries []frameCountry
	coast     string
	border    string
}

// frameCountry is one country's visible land.
type frameCountry struct {
	name  string
	path  string
	rings [][]xy
	main  []xy // its largest visible ring, where its name may go
	spots []xy // points deep inside main, best first, for its name
}

// style is what differs between a full map and a locator.
type style struct {
	font, rMin, rMax, gap, tol float64
}

var (
	fullStyle    = style{font: LabelSize, rMin: 3, rMax: 14, gap: 3, tol: 0.35}
	locatorStyle = style{font: LocatorLabelSize, rMin: 2.5, rMax: 7, gap: 2, tol: 0.6}
)

// Frame prepares the region b at the given width (0: 800 units, or 320 for a
// locator). A locator has smaller circles and type and labels fewer places.
func (a *Atlas) Frame(b BBox, width int, locator bool) (*Frame, error) {
	if err := b.Validate(); err != nil {
		return nil, err
	}
	st := fullStyle
	if locator {
		st = locatorStyle
	}
	if width == 0 {
		width = 800
		if locator {
			width = 320
		}
	}
	if width < 100 || width > 4000 {
		return nil, fmt.Errorf("map width %d: give 100 to 4000 units", width)
	}
	f := &Frame{box: b, width: width, locator: locator, proj: newProjection(b, float64(width)), st: st}
	if f.proj.height < 20 || f.proj.height > 8000 {
		return nil, fmt.Errorf("map bbox %v is %.0f units tall at width %d; choose a less extreme shape", b.slice(), f.proj.height, width)
	}
	f.view = box{0, 0, f.proj.width, f.proj.height}
	g := geometry{a: a, f: f, arcs: map[int][]xy{}}
	g.countries()
	g.lines()
	return f, nil
}

// Size is the drawing's width and height in SVG user units.
func (f *Frame) Size() (width, height int) { return f.width, int(f.proj.height) }

// geometry builds a Frame, projecting and reducing each arc once.
type geometry struct {
	a    *Atlas
	f    *Frame
	arcs map[int][]xy
}

// near is the region in degrees with a margin, for culling.
func (g *geometry) near() box {
	b := g.f.box
	return box{b.West - 1, b.South - 1, b.East + 1, b.North + 1}
}

// countries clips every country near the region to the view.
func (g *geometry) countries() {
	near := g.near()
	v := g.f.view
	fill := box{v.x0 - 4, v.y0 - 4, v.x1 + 4, v.y1 + 4}
	for _, c := range g.a.countries {
		if !c.box.overlaps(near) {
			continue
		}
		var rings [][]xy
		for _, poly := range c.polygons {
			// A polygon (an island, say) far from the region is skipped whole:
			// its outline ring bounds its holes.
			if !g.ringBox(poly[0]).overlaps(near) {
				continue
			}
			for _, refs := range poly {
				r := clipRing(g.ring(refs), fill)
				if q := roundRing(r); len(q) >= 3 && math.Abs(ringArea(q)) >= 0.25 {
					rings = append(rings, q)
				}
			}
		}
		if len(rings) == 0 {
			continue
		}
		fc := frameCountry{name: c.name, rings: rings}
		var p strings.Builder
		biggest := 0.0
		for _, r := range rings {
			writePath(&p, r, true)
			if a := math.Abs(ringArea(r)); a > biggest {
				biggest, fc.main = a, r
			}
		}
		fc.path = p.String()
		fc.spots = deepPoints(fc.main, g.f.st.font)
		g.f.countries = append(g.f.countries, fc)
	}
}

func (g *geometry) ringBox(refs []int) box {
	b := emptyBox
	for _, ref := range refs {
		if ref < 0 {
			ref = ^ref
		}
		b.extend(g.a.arcs[ref].box)
	}
	return b
}

// ring assembles a ring from arc references, projected and reduced.
func (g *geometry) ring(refs []int) []xy {
	var out []xy
	for _, ref := range refs {
		var pts []xy
		if ref >= 0 {
			pts = g.arc(ref)
		} else {
			fwd := g.arc(^ref)
			pts = make([]xy, len(fwd))
			for i, p := range fwd {
				pts[len(fwd)-1-i] = p
			}
		}
		if len(out) > 0 {
			pts = pts[1:]
		}
		out = append(out, pts...)
	}
	if len(out) > 1 && out[0] == out[len(out)-1] {
		out = out[:len(out)-1]
	}
	return out
}

// arc projects arc i and reduces it to the drawing's scale, once: the two
// countries that share it then get the very same points.
func (g *geometry) arc(i int) []xy {
	if pts, ok := g.arcs[i]; ok {
		return pts
	}
	raw := g.a.arcs[i].pts
	pts := make([]xy, len(raw)/2)
	for j := range pts {
		pts[j] = g.f.proj.at(float64(raw[2*j])/g.a.unit, float64(raw[2*j+1])/g.a.unit)
	}
	pts = simplify(pts, g.f.st.tol)
	g.arcs[i] = pts
	return pts
}

// lines makes the path data of coasts (arcs of one country) and land borders
// (arcs two countries share), each arc drawn once.
func (g *geometry) lines() {
	near := g.near()
	v := g.f.view
	view := box{v.x0 - 1, v.y0 - 1, v.x1 + 1, v.y1 + 1}
	var c, b strings.Builder
	for i, a := range g.a.arcs {
		if !a.box.overlaps(near) {
			continue
		}
		w := &c
		if a.shared {
			w = &b
		}
		for _, run := range clipLine(g.arc(i), view) {
			if q := roundLine(run); len(q) >= 2 {
				writePath(w, q, false)
			}
		}
	}
	g.f.coast, g.f.border = c.String(), b.String()
}

// deepPoints samples a ring on a grid and returns the points farthest from
// its edges (at least half a line of type), best first: where a name fits.
func deepPoints(ring []xy, size float64) []xy {
	bb := emptyBox
	for _, q := range ring {
		bb.extend(box{q.X, q.Y, q.X, q.Y})
	}
	if bb.x1-bb.x0 < 2*size || bb.y1-bb.y0 < size {
		return nil
	}
	const n = 12
	type spot struct {
		at xy
		d2 float64
	}
	var spots []spot
	for i := 1; i < n; i++ {
		for j := 1; j < n; j++ {
			q := xy{bb.x0 + (bb.x1-bb.x0)*float64(i)/n, bb.y0 + (bb.y1-bb.y0)*float64(j)/n}
			if !inside(q, ring) {
				continue
			}
			d2 := math.Inf(1)
			for k := range ring {
				d2 = math.Min(d2, segmentDistance2(q, ring[k], ring[(k+1)%len(ring)]))
			}
			if d2 > size*size/4 {
				spots = append(spots, spot{q, d2})
			}
		}
	}
	sort.SliceStable(spots, func(i, j int) bool { return spots[i].d2 > spots[j].d2 })
	out := make([]xy, 0, 8)
	for i := 0; i < len(spots) && i < 8; i++ {
		out = append(out, spots[i].at)
	}
	return out
}

// Coordinates are written in tenths of a unit: a tenth of a pixel at the
// sizes maps are shown, and a third of the bytes of full precision.
func tenths(v float64) int64 { return int64(math.Round(v * 10)) }

func roundRing(r []xy) []xy {
	q := roundLine(r)
	if len(q) > 1 && q[0] == q[len(q)-1] {
		q = q[:len(q)-1]
	}
	return q
}

func roundLine(r []xy) []xy {
	out := make([]xy, 0, len(r))
	for _, p := range r {
		q := xy{float64(tenths(p.X)) / 10, float64(tenths(p.Y)) / 10}
		if len(out) == 0 || out[len(out)-1] != q {
			out = append(out, q)
		}
	}
	return out
}

// writePath appends "M x y l dx dy …" (and "z" when closed): relative steps
// are shorter than absolute coordinates.
func writePath(w *strings.Builder, pts []xy, closed bool) {
	x, y := tenths(pts[0].X), tenths(pts[0].Y)
	w.WriteString("M")
	w.WriteString(fmtTenths(x))
	writeNum(w, y)
	w.WriteString("l")
	for i, p := range pts[1:] {
		nx, ny := tenths(p.X), tenths(p.Y)
		if i == 0 {
			w.WriteString(fmtTenths(nx - x))
		} else {
			writeNum(w, nx-x)
		}
		writeNum(w, ny-y)
		x, y = nx, ny
	}
	if closed {
		w.WriteString("z")
	}
}

// writeNum writes a number after another: a space separates them unless the
// number's minus sign does.
func writeNum(w *strings.Builder, t int64) {
	if t >= 0 {
		w.WriteByte(' ')
	}
	w.WriteString(fmtTenths(t))
}

// fmtTenths formats t/10 with at most one decimal and no leading zero.
func fmtTenths(t int64) string {
	neg := t < 0
	if neg {
		t = -t
	}
	s := strconv.FormatInt(t/10, 10)
	if t/10 == 0 && t%10 != 0 {
		s = ""
	}
	if t%10 != 0 {
		s += "." + strconv.FormatInt(t%10, 10)
	}
	if neg {
		s = "-" + s
	}
	return s
}

func num(v float64) string { return fmtTenths(tenths(v)) }
