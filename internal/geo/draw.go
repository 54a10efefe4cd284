package geo

import (
	"bytes"
	"fmt"
	"html"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// Marker is a place to draw. Weight (typically the number of source lines
// naming the place) sets the circle's area; Highlight marks the places a
// locator is about, drawing the others faint.
type Marker struct {
	Slug, Name string
	Href       string // link to the place's page; empty draws the marker without a link
	Lat, Lon   float64
	Weight     int
	Highlight  bool
	Note       string // optional, appended to the accessible name: "Kabul: 65 mentions"
}

// Options shape one map.
type Options struct {
	// Width of the drawing in SVG user units; the height follows from the
	// region. 0 means 800, or 320 for a locator.
	Width int
	// IDPrefix makes the ids inside the SVG unique on its page ("map",
	// "locator"); letters, digits, '-' and '_', starting with a letter.
	IDPrefix string
	// Title and Desc are the map's accessible name and description; empty
	// ones get a generic title and a description of what the map shows.
	Title, Desc string
	// Locator draws a small map: smaller circles and type, and labels only for
	// highlighted markers (the three heaviest when none is highlighted).
	Locator bool
	// HideOffMap leaves out the arrows at the map's edge that point toward
	// markers outside the region.
	HideOffMap bool
}

// Sizes of label type in SVG user units. The page's CSS must set the same
// font-size on map text, or the collision-free layout no longer holds.
const (
	LabelSize        = 13
	LocatorLabelSize = 11
)

// Map is a drawn map and what a caller needs to write its text alternative.
type Map struct {
	SVG           []byte
	Width, Height int
	OffMap        []Marker // outside the region, by weight then slug
	Unlabelled    []Marker // drawn, or pointed at, without a text label
	Countries     []string // countries with land on the map, sorted
}

type style struct {
	font, rMin, rMax, gap, tol float64
}

var (
	fullStyle    = style{font: LabelSize, rMin: 3, rMax: 14, gap: 3, tol: 0.35}
	locatorStyle = style{font: LocatorLabelSize, rMin: 2.5, rMax: 7, gap: 2, tol: 0.5}
	validID      = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_-]*$`)
)

// drawing holds one map while it is drawn.
type drawing struct {
	a     *Atlas
	box   BBox
	proj  projection
	st    style
	arcs  map[int][]xy // projected and simplified, by arc index
	view  box
	buf   bytes.Buffer
	place placer
}

// Draw draws the markers on a map of the region b. Markers outside b are not
// drawn in place: they are returned in OffMap and, unless o.HideOffMap, shown
// as arrows on the edge toward them, so a reader sees that Doha lies off a
// map of the Afghan border and in which direction. The output depends only on
// the arguments: the same input gives the same bytes.
func (a *Atlas) Draw(b BBox, ms []Marker, o Options) (*Map, error) {
	if err := b.Validate(); err != nil {
		return nil, err
	}
	st := fullStyle
	width := o.Width
	if o.Locator {
		st = locatorStyle
		if width == 0 {
			width = 320
		}
	}
	if width == 0 {
		width = 800
	}
	if width < 100 || width > 4000 {
		return nil, fmt.Errorf("map width %d: give 100 to 4000 units", width)
	}
	if o.IDPrefix == "" {
		o.IDPrefix = "map"
	}
	if !validID.MatchString(o.IDPrefix) {
		return nil, fmt.Errorf("map id prefix %q: use letters, digits, '-' and '_', starting with a letter", o.IDPrefix)
	}
	if err := checkMarkers(ms); err != nil {
		return nil, err
	}
	d := &drawing{a: a, box: b, proj: newProjection(b, float64(width)), st: st, arcs: map[int][]xy{}}
	if d.proj.height < 20 || d.proj.height > 8000 {
		return nil, fmt.Errorf("map bbox %v is %.0f units tall at width %d; choose a less extreme shape", b.slice(), d.proj.height, width)
	}
	d.view = box{0, 0, d.proj.width, d.proj.height}
	d.place = placer{view: d.view, pad: 1}

	ms = sortMarkers(ms)
	var in, off []Marker
	for _, m := range ms {
		if b.Contains(m.Lat, m.Lon) {
			in = append(in, m)
		} else {
			off = append(off, m)
		}
	}
	highlighted := false
	for _, m := range ms {
		highlighted = highlighted || m.Highlight
	}
	res := &Map{Width: width, Height: int(d.proj.height), OffMap: off}

	// Geometry first: countries, then the lines between them.
	countries := d.countries(in, highlighted)
	coast, border := d.lines()

	// Markers and arrows are obstacles for every label.
	maxW := 1
	for _, m := range ms {
		maxW = max(maxW, m.Weight)
	}
	circles := make([]circle, len(in))
	for i, m := range in {
		p := d.proj.at(m.Lon, m.Lat)
		r := math.Max(st.rMin, st.rMax*math.Sqrt(float64(m.Weight)/float64(maxW)))
		circles[i] = circle{p.X, p.Y, r}
	}
	d.place.circles = append(d.place.circles, circles...)
	var arrows []arrow
	if !o.HideOffMap {
		arrows = d.arrows(off)
		for _, w := range arrows {
			d.place.circles = append(d.place.circles, circle{w.at.X, w.at.Y, arrowSize})
		}
	}

	// Labels, most important first: highlighted places, then by weight.
	wanted := func(i int, m Marker) bool {
		if !o.Locator {
			return true
		}
		if highlighted {
			return m.Highlight
		}
		return i < 3
	}
	labels := make([]*label, len(in))
	order := make([]int, len(in))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, j int) bool { return in[order[i]].Highlight && !in[order[j]].Highlight })
	for rank, i := range order {
		if !wanted(rank, in[i]) {
			continue
		}
		if l, ok := d.place.around(in[i].Name, circles[i], st.gap, st.font, in[i].Highlight); ok {
			labels[i] = &l
		}
	}
	for i := range arrows {
		m := arrows[i].m
		if o.Locator && !m.Highlight {
			continue
		}
		if l, ok := d.place.around(m.Name, circle{arrows[i].at.X, arrows[i].at.Y, arrowSize}, st.gap, st.font, m.Highlight); ok {
			arrows[i].label = &l
		}
	}
	for _, c := range countries {
		if c.main != nil {
			if l, ok := d.place.inArea(c.name, c.main, st.font); ok {
				c.label = &l
			}
		}
	}

	// Write it out.
	w := &d.buf
	cls := "map"
	if o.Locator {
		cls += " locator"
	}
	fmt.Fprintf(w, `<svg xmlns="http://www.w3.org/2000/svg" class="%s" viewBox="0 0 %d %d" width="%d" height="%d" font-size="%g" role="group" aria-labelledby="%s-t %s-d">`,
		cls, width, res.Height, width, res.Height, st.font, o.IDPrefix, o.IDPrefix)
	title, desc := o.Title, o.Desc
	if title == "" {
		title = "Map of places"
	}
	if desc == "" {
		desc = describe(b, in, off, o.Locator && highlighted)
	}
	fmt.Fprintf(w, `<title id="%s-t">%s</title><desc id="%s-d">%s</desc>`, o.IDPrefix, esc(title), o.IDPrefix, esc(desc))
	fmt.Fprintf(w, `<rect class="sea" width="%d" height="%d"></rect>`, width, res.Height)
	for _, c := range countries {
		cls := "land"
		if c.focus {
			cls += " focus"
		}
		fmt.Fprintf(w, `<path class="%s" d="%s"></path>`, cls, c.path)
		res.Countries = append(res.Countries, c.name)
	}
	sort.Strings(res.Countries)
	if coast != "" {
		fmt.Fprintf(w, `<path class="coast" d="%s"></path>`, coast)
	}
	if border != "" {
		fmt.Fprintf(w, `<path class="border" d="%s"></path>`, border)
	}
	wroteNames := false
	for _, c := range countries {
		if c.label == nil {
			continue
		}
		if !wroteNames {
			w.WriteString(`<g class="country-names" aria-hidden="true">`)
			wroteNames = true
		}
		writeText(w, *c.label, "")
	}
	if wroteNames {
		w.WriteString(`</g>`)
	}
	for _, ar := range arrows {
		name := fmt.Sprintf("%s (off the map, to the %s)", ar.m.Name, ar.dir)
		d.openMarker(ar.m, "place off", name, highlighted)
		fmt.Fprintf(w, `<path class="arrow" d="%s"></path>`, ar.path)
		if ar.label != nil {
			writeText(w, *ar.label, "")
		} else {
			res.Unlabelled = append(res.Unlabelled, ar.m)
		}
		d.closeMarker(ar.m)
	}
	for i, m := range in {
		d.openMarker(m, "place", m.Name, highlighted)
		c := circles[i]
		fmt.Fprintf(w, `<circle cx="%s" cy="%s" r="%s"></circle>`, num(c.x), num(c.y), num(c.r))
		if labels[i] != nil {
			writeText(w, *labels[i], "")
		} else {
			res.Unlabelled = append(res.Unlabelled, m)
		}
		d.closeMarker(m)
	}
	w.WriteString(`</svg>`)
	res.SVG = d.buf.Bytes()
	return res, nil
}

func (d *drawing) openMarker(m Marker, cls, name string, highlighted bool) {
	switch {
	case m.Highlight:
		cls += " hl"
	case highlighted:
		cls += " faint"
	}
	if m.Note != "" {
		name += ": " + m.Note
	}
	if m.Href != "" {
		fmt.Fprintf(&d.buf, `<a href="%s" class="%s"><title>%s</title>`, esc(m.Href), cls, esc(name))
	} else {
		fmt.Fprintf(&d.buf, `<g class="%s"><title>%s</title>`, cls, esc(name))
	}
}

func (d *drawing) closeMarker(m Marker) {
	if m.Href != "" {
		d.buf.WriteString(`</a>`)
	} else {
		d.buf.WriteString(`</g>`)
	}
}

func writeText(w *bytes.Buffer, l label, cls string) {
	fmt.Fprintf(w, `<text x="%s" y="%s"`, num(l.x), num(l.y))
	if l.anchor != "start" {
		fmt.Fprintf(w, ` text-anchor="%s"`, l.anchor)
	}
	if cls != "" {
		fmt.Fprintf(w, ` class="%s"`, cls)
	}
	fmt.Fprintf(w, `>%s</text>`, esc(l.text))
}

func esc(s string) string { return html.EscapeString(s) }

// checkMarkers rejects markers a map cannot show, naming the marker.
func checkMarkers(ms []Marker) error {
	seen := map[string]bool{}
	for i, m := range ms {
		who := m.Slug
		if who == "" {
			who = fmt.Sprintf("marker %d", i+1)
		}
		switch {
		case m.Slug == "":
			return fmt.Errorf("%s (%q): no slug", who, m.Name)
		case seen[m.Slug]:
			return fmt.Errorf("place %s is given twice", m.Slug)
		case strings.TrimSpace(m.Name) == "":
			return fmt.Errorf("place %s: no name", who)
		case !(m.Lat >= -90 && m.Lat <= 90) || !(m.Lon >= -180 && m.Lon <= 180):
			return fmt.Errorf("place %s: lat %g, lon %g is not a position on Earth (lat -90..90, lon -180..180)", who, m.Lat, m.Lon)
		case m.Weight < 0:
			return fmt.Errorf("place %s: negative weight %d", who, m.Weight)
		}
		seen[m.Slug] = true
	}
	return nil
}

// sortMarkers orders markers heaviest first (so smaller circles are drawn on
// top and stay clickable), then by slug, on a copy.
func sortMarkers(ms []Marker) []Marker {
	out := append([]Marker(nil), ms...)
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Weight != out[j].Weight {
			return out[i].Weight > out[j].Weight
		}
		return out[i].Slug < out[j].Slug
	})
	return out
}

// drawnCountry is one country's visible land.
type drawnCountry struct {
	name  string
	path  string
	focus bool
	main  []xy // its largest visible ring, where its name may go
	label *label
}

// countries clips every country near the region to the view. A country is in
// focus when it holds a marker (a highlighted one, if any is highlighted).
func (d *drawing) countries(in []Marker, highlighted bool) []*drawnCountry {
	deg := box{d.box.West - 1, d.box.South - 1, d.box.East + 1, d.box.North + 1}
	fill := box{d.view.x0 - 4, d.view.y0 - 4, d.view.x1 + 4, d.view.y1 + 4}
	var focusAt []xy
	for _, m := range in {
		if m.Highlight || !highlighted {
			focusAt = append(focusAt, d.proj.at(m.Lon, m.Lat))
		}
	}
	var out []*drawnCountry
	for _, c := range d.a.countries {
		if !c.box.overlaps(deg) {
			continue
		}
		var rings [][]xy
		for _, poly := range c.polygons {
			for _, refs := range poly {
				r := clipRing(d.ring(refs), fill)
				if q := roundRing(r); len(q) >= 3 && math.Abs(ringArea(q)) >= 0.25 {
					rings = append(rings, q)
				}
			}
		}
		if len(rings) == 0 {
			continue
		}
		dc := &drawnCountry{name: c.name}
		var p strings.Builder
		biggest := 0.0
		for _, r := range rings {
			writePath(&p, r, true)
			if a := math.Abs(ringArea(r)); a > biggest {
				biggest, dc.main = a, r
			}
		}
		dc.path = p.String()
		for _, at := range focusAt {
			n := 0
			for _, r := range rings {
				if inside(at, r) {
					n++
				}
			}
			dc.focus = dc.focus || n%2 == 1
		}
		out = append(out, dc)
	}
	return out
}

// ring assembles a ring from arc references, projected and simplified.
func (d *drawing) ring(refs []int) []xy {
	var out []xy
	for _, ref := range refs {
		var pts []xy
		if ref >= 0 {
			pts = d.arc(ref)
		} else {
			pts = d.arc(^ref)
			rev := make([]xy, len(pts))
			for i, p := range pts {
				rev[len(pts)-1-i] = p
			}
			pts = rev
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

// arc projects arc i and simplifies it at the drawing's tolerance, once.
func (d *drawing) arc(i int) []xy {
	if pts, ok := d.arcs[i]; ok {
		return pts
	}
	raw := d.a.arcs[i].pts
	pts := make([]xy, len(raw)/2)
	for j := range pts {
		pts[j] = d.proj.at(float64(raw[2*j])/d.a.unit, float64(raw[2*j+1])/d.a.unit)
	}
	pts = simplify(pts, d.st.tol)
	d.arcs[i] = pts
	return pts
}

// lines returns the path data of coasts (arcs of one country) and land
// borders (arcs two countries share), each drawn once.
func (d *drawing) lines() (coast, border string) {
	deg := box{d.box.West - 1, d.box.South - 1, d.box.East + 1, d.box.North + 1}
	view := box{d.view.x0 - 1, d.view.y0 - 1, d.view.x1 + 1, d.view.y1 + 1}
	var c, b strings.Builder
	for i, a := range d.a.arcs {
		if !a.box.overlaps(deg) {
			continue
		}
		w := &c
		if a.shared {
			w = &b
		}
		for _, run := range clipLine(d.arc(i), view) {
			if q := roundLine(run); len(q) >= 2 {
				writePath(w, q, false)
			}
		}
	}
	return c.String(), b.String()
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

// writePath appends "M x y l dx dy …" (and "z" when closed) with relative
// steps, which are shorter than absolute coordinates.
func writePath(w *strings.Builder, pts []xy, closed bool) {
	x, y := tenths(pts[0].X), tenths(pts[0].Y)
	w.WriteString("M")
	w.WriteString(fmtTenths(x))
	writeNum(w, y)
	w.WriteString("l")
	first := true
	for _, p := range pts[1:] {
		nx, ny := tenths(p.X), tenths(p.Y)
		if first {
			w.WriteString(fmtTenths(nx - x))
			first = false
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

// writeNum writes a number after another, with a space unless its minus sign
// separates them.
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

// arrowSize is the radius around an off-map arrow that labels keep clear of.
const arrowSize = 8

// arrow points from the map's edge toward a marker beyond it.
type arrow struct {
	m     Marker
	at    xy     // where it sits, just inside the edge
	path  string // the triangle
	dir   string // compass direction from the map's centre
	label *label
}

// arrows places one arrow per off-map marker on the line from the map's
// centre toward it. An arrow that would sit on an earlier one is left out:
// the marker is still listed in Map.OffMap for the page's text.
func (d *drawing) arrows(off []Marker) []arrow {
	const inset = 10
	c := xy{d.view.x1 / 2, d.view.y1 / 2}
	var out []arrow
next:
	for _, m := range off {
		p := d.proj.at(m.Lon, m.Lat)
		dx, dy := p.X-c.X, p.Y-c.Y
		l := math.Hypot(dx, dy)
		if l == 0 {
			continue
		}
		ux, uy := dx/l, dy/l
		t := math.Inf(1)
		if ux != 0 {
			t = math.Min(t, (c.X-inset)/math.Abs(ux))
		}
		if uy != 0 {
			t = math.Min(t, (c.Y-inset)/math.Abs(uy))
		}
		at := xy{c.X + ux*t, c.Y + uy*t}
		for _, o := range out {
			if math.Hypot(o.at.X-at.X, o.at.Y-at.Y) < 2*arrowSize {
				continue next
			}
		}
		tip := xy{at.X + ux*7, at.Y + uy*7}
		b1 := xy{at.X - ux*4 - uy*5, at.Y - uy*4 + ux*5}
		b2 := xy{at.X - ux*4 + uy*5, at.Y - uy*4 - ux*5}
		var path strings.Builder
		writePath(&path, roundLine([]xy{tip, b1, b2}), true)
		out = append(out, arrow{m: m, at: at, path: path.String(), dir: compass(ux, -uy)})
	}
	return out
}

// compass names the direction of (east, north) in eight points.
func compass(e, n float64) string {
	names := [8]string{"east", "north-east", "north", "north-west", "west", "south-west", "south", "south-east"}
	a := math.Atan2(n, e) * 180 / math.Pi
	return names[int(math.Mod(a+360+22.5, 360)/45)%8]
}

// describe writes the default description of a map.
func describe(b BBox, in, off []Marker, locator bool) string {
	var s strings.Builder
	fmt.Fprintf(&s, "Map of the region from %s to %s and %s to %s. ", lonName(b.West), lonName(b.East), latName(b.South), latName(b.North))
	switch {
	case locator:
		s.WriteString("Highlighted circles are the places this page is about; faint circles are other places in the dossier.")
	case len(in) > 0:
		s.WriteString("Each circle is a place; its area grows with how often the sources name it.")
	}
	if len(in) > 0 {
		s.WriteString(" Each place links to its page.")
	}
	if len(off) > 0 {
		names := make([]string, len(off))
		for i, m := range off {
			names[i] = m.Name
		}
		fmt.Fprintf(&s, " Beyond the edge, toward the arrows: %s.", strings.Join(names, ", "))
	}
	return s.String()
}

func lonName(v float64) string {
	if v < 0 {
		return strconv.FormatFloat(-v, 'f', -1, 64) + "°W"
	}
	return strconv.FormatFloat(v, 'f', -1, 64) + "°E"
}

func latName(v float64) string {
	if v < 0 {
		return strconv.FormatFloat(-v, 'f', -1, 64) + "°S"
	}
	return strconv.FormatFloat(v, 'f', -1, 64) + "°N"
}
