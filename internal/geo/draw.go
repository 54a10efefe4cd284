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
	// region. 0 means 800, or 320 for a locator. Read by Atlas.Draw; a
	// Frame has its own, and Frame.Draw rejects a different one.
	Width int
	// Locator draws a small map: smaller circles and type, and labels only for
	// highlighted markers (the three heaviest when none is highlighted). Read
	// by Atlas.Draw; Frame.Draw rejects a value other than its frame's.
	Locator bool
	// IDPrefix makes the ids inside the SVG unique on its page ("map",
	// "locator"); letters, digits, '-' and '_', starting with a letter.
	IDPrefix string
	// Title and Desc are the map's accessible name and description; empty
	// ones get a generic title and a description of what the map shows.
	Title, Desc string
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
	OffMap        []Marker // outside the region, heaviest first, then by slug
	Unlabelled    []Marker // drawn, or pointed at, without a text label
	Countries     []string // countries with land on the map, sorted
}

var validID = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_-]*$`)

// Draw draws the markers on a map of the region b: Frame, then Frame.Draw.
// A build that draws several maps of one region and size should make the
// Frame once.
func (a *Atlas) Draw(b BBox, ms []Marker, o Options) (*Map, error) {
	f, err := a.Frame(b, o.Width, o.Locator)
	if err != nil {
		return nil, err
	}
	return f.Draw(ms, o)
}

// Draw draws the markers on the frame. Markers outside its region are not
// drawn in place: they are returned in OffMap and, unless o.HideOffMap, shown
// as arrows on the edge toward them, so a reader sees that Doha lies off a
// map of the Afghan border and in which direction. The output depends only on
// the frame and the arguments: the same input gives the same bytes, whatever
// the order of ms.
func (f *Frame) Draw(ms []Marker, o Options) (*Map, error) {
	if (o.Width != 0 && o.Width != f.width) || o.Locator != f.locator {
		return nil, fmt.Errorf("options ask for width %d, locator %v; the frame is %d wide, locator %v", o.Width, o.Locator, f.width, f.locator)
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
	return f.write(f.lay(sortMarkers(ms), o), o), nil
}

// layout is where a map's parts go: the markers on the map and their
// circles, the arrows toward those off it, and the labels that found room.
type layout struct {
	in, off     []Marker
	highlighted bool // some marker is highlighted
	circles     []circle
	arrows      []arrow
	labels      []*label // of in, nil where none fits
	names       []*label // of the frame's countries
	focusAt     []xy     // points whose countries are in focus
}

// lay places the sorted markers ms, their arrows and every label.
func (f *Frame) lay(ms []Marker, o Options) layout {
	st := f.st
	var l layout
	for _, m := range ms {
		if f.box.Contains(m.Lat, m.Lon) {
			l.in = append(l.in, m)
		} else {
			l.off = append(l.off, m)
		}
		l.highlighted = l.highlighted || m.Highlight
	}
	place := placer{view: f.view, pad: 1}

	// Markers and arrows are obstacles for every label.
	maxW := 1
	for _, m := range ms {
		maxW = max(maxW, m.Weight)
	}
	l.circles = make([]circle, len(l.in))
	for i, m := range l.in {
		p := f.proj.at(m.Lon, m.Lat)
		rMin := st.rMin
		if m.Highlight {
			rMin *= 1.6 // a place a locator is about stays visible however rarely named
		}
		l.circles[i] = circle{p.X, p.Y, math.Max(rMin, st.rMax*math.Sqrt(float64(m.Weight)/float64(maxW)))}
	}
	place.circles = append(place.circles, l.circles...)
	if !o.HideOffMap {
		l.arrows = f.arrows(l.off)
		for _, w := range l.arrows {
			place.circles = append(place.circles, circle{w.at.X, w.at.Y, arrowSize})
		}
	}

	// Labels, most important first: highlighted places, then by weight.
	l.labels = make([]*label, len(l.in))
	order := make([]int, len(l.in))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, j int) bool { return l.in[order[i]].Highlight && !l.in[order[j]].Highlight })
	for rank, i := range order {
		m := l.in[i]
		if f.locator && (m.Highlight != l.highlighted || (!l.highlighted && rank >= 3)) {
			continue
		}
		if lb, ok := place.around(m.Name, l.circles[i], st.gap, st.font, m.Highlight); ok {
			l.labels[i] = &lb
		}
	}
	for i := range l.arrows {
		m := l.arrows[i].m
		if f.locator && !m.Highlight {
			continue
		}
		if lb, ok := place.around(m.Name, circle{l.arrows[i].at.X, l.arrows[i].at.Y, arrowSize}, st.gap, st.font, m.Highlight); ok {
			l.arrows[i].label = &lb
		}
	}
	l.names = make([]*label, len(f.countries))
	for i, c := range f.countries {
		if lb, ok := place.inArea(c.name, c.main, c.spots, st.font); ok {
			l.names[i] = &lb
		}
	}

	// A country is in focus when it holds a marker (a highlighted one, when
	// some are highlighted).
	for i, m := range l.in {
		if m.Highlight || !l.highlighted {
			l.focusAt = append(l.focusAt, xy{l.circles[i].x, l.circles[i].y})
		}
	}
	return l
}

// write draws the laid-out map as SVG.
func (f *Frame) write(l layout, o Options) *Map {
	width, height := f.Size()
	res := &Map{Width: width, Height: height, OffMap: l.off}
	var w bytes.Buffer
	cls := "map"
	if f.locator {
		cls += " locator"
	}
	fmt.Fprintf(&w, `<svg xmlns="http://www.w3.org/2000/svg" class="%s" viewBox="0 0 %d %d" width="%d" height="%d" font-size="%g" role="group" aria-labelledby="%s-t %s-d">`,
		cls, width, height, width, height, f.st.font, o.IDPrefix, o.IDPrefix)
	title, desc := o.Title, o.Desc
	if title == "" {
		title = "Map of places"
	}
	if desc == "" {
		desc = describe(f.box, l.in, l.off, f.locator && l.highlighted, !o.HideOffMap)
	}
	fmt.Fprintf(&w, `<title id="%s-t">%s</title><desc id="%s-d">%s</desc>`, o.IDPrefix, esc(title), o.IDPrefix, esc(desc))
	fmt.Fprintf(&w, `<rect class="sea" width="%d" height="%d"></rect>`, width, height)
	for _, c := range f.countries {
		cls := "land"
		if c.holdsAny(l.focusAt) {
			cls += " focus"
		}
		fmt.Fprintf(&w, `<path class="%s" d="%s"></path>`, cls, c.path)
		res.Countries = append(res.Countries, c.name)
	}
	sort.Strings(res.Countries)
	if f.coast != "" {
		fmt.Fprintf(&w, `<path class="coast" d="%s"></path>`, f.coast)
	}
	if f.border != "" {
		fmt.Fprintf(&w, `<path class="border" d="%s"></path>`, f.border)
	}
	opened := false
	for _, lb := range l.names {
		if lb == nil {
			continue
		}
		if !opened {
			w.WriteString(`<g class="country-names" aria-hidden="true">`)
			opened = true
		}
		writeText(&w, *lb)
	}
	if opened {
		w.WriteString(`</g>`)
	}
	for _, ar := range l.arrows {
		end := openMarker(&w, ar.m, "place off", fmt.Sprintf("%s (off the map, to the %s)", ar.m.Name, ar.dir), l.highlighted)
		fmt.Fprintf(&w, `<path class="arrow" d="%s"></path>`, ar.path)
		if ar.label != nil {
			writeText(&w, *ar.label)
		} else {
			res.Unlabelled = append(res.Unlabelled, ar.m)
		}
		w.WriteString(end)
	}
	for i, m := range l.in {
		end := openMarker(&w, m, "place", m.Name, l.highlighted)
		c := l.circles[i]
		fmt.Fprintf(&w, `<circle cx="%s" cy="%s" r="%s"></circle>`, num(c.x), num(c.y), num(c.r))
		if l.labels[i] != nil {
			writeText(&w, *l.labels[i])
		} else {
			res.Unlabelled = append(res.Unlabelled, m)
		}
		w.WriteString(end)
	}
	w.WriteString(`</svg>`)
	res.SVG = w.Bytes()
	return res
}

// holdsAny reports whether any of the points lies on the country's land.
func (c frameCountry) holdsAny(pts []xy) bool {
	for _, p := range pts {
		n := 0
		for _, r := range c.rings {
			if inside(p, r) {
				n++
			}
		}
		if n%2 == 1 { // inside an outline and not in one of its holes
			return true
		}
	}
	return false
}

// openMarker writes the start of a marker (a link when it has an href, with
// its accessible name as title) and returns the matching end tag.
func openMarker(w *bytes.Buffer, m Marker, cls, name string, highlighted bool) string {
	switch {
	case m.Highlight:
		cls += " hl"
	case highlighted:
		cls += " faint"
	}
	if m.Note != "" {
		name += ": " + m.Note
	}
	if m.Href == "" {
		fmt.Fprintf(w, `<g class="%s"><title>%s</title>`, cls, esc(name))
		return `</g>`
	}
	fmt.Fprintf(w, `<a href="%s" class="%s"><title>%s</title>`, esc(m.Href), cls, esc(name))
	return `</a>`
}

func writeText(w *bytes.Buffer, l label) {
	fmt.Fprintf(w, `<text x="%s" y="%s"`, num(l.x), num(l.y))
	if l.anchor != "start" {
		fmt.Fprintf(w, ` text-anchor="%s"`, l.anchor)
	}
	fmt.Fprintf(w, `>%s</text>`, esc(l.text))
}

func esc(s string) string { return html.EscapeString(s) }

// checkMarkers rejects markers a map cannot show, naming the marker.
func checkMarkers(ms []Marker) error {
	seen := map[string]bool{}
	for i, m := range ms {
		who := m.Slug
		switch {
		case m.Slug == "":
			return fmt.Errorf("marker %d (%q): no slug", i+1, m.Name)
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

// sortMarkers orders a copy of ms heaviest first, so smaller circles are
// drawn on top and stay clickable, then by slug.
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

// arrows places one arrow per off-map marker where the line from the map's
// centre toward it meets the edge. An arrow that would sit on an earlier one
// is left out: its marker is still in Map.OffMap for the page's text.
func (f *Frame) arrows(off []Marker) []arrow {
	const inset = 10
	c := xy{f.view.x1 / 2, f.view.y1 / 2}
	var out []arrow
next:
	for _, m := range off {
		p := f.proj.at(m.Lon, m.Lat)
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
func describe(b BBox, in, off []Marker, locator, arrows bool) string {
	var s strings.Builder
	fmt.Fprintf(&s, "Map of the region from %s to %s and %s to %s.", lonName(b.West), lonName(b.East), latName(b.South), latName(b.North))
	switch {
	case len(in) == 0:
	case locator:
		s.WriteString(" Highlighted circles are the places this page is about; faint circles are other places in the dossier. Each place links to its page.")
	default:
		s.WriteString(" Each circle is a place; its area grows with how often the sources name it. Each place links to its page.")
	}
	if len(off) > 0 {
		names := make([]string, len(off))
		for i, m := range off {
			names[i] = m.Name
		}
		where := "Beyond the edge"
		if arrows {
			where += ", toward the arrows"
		}
		fmt.Fprintf(&s, " %s: %s.", where, strings.Join(names, ", "))
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
