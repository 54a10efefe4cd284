package geo

import (
	"bytes"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// region is the first dossier's map region: the Afghan–Pakistani border, with
// room for Kandahar and New Delhi; Doha and Istanbul lie beyond it.
var region = BBox{West: 60, South: 24, East: 78.5, North: 38}

// places are the first dossier's places as its pages give them.
var places = []Marker{
	{Slug: "kabul", Name: "Kabul", Lat: 34.52813, Lon: 69.17233, Weight: 90},
	{Slug: "islamabad", Name: "Islamabad", Lat: 33.72148, Lon: 73.04329, Weight: 80},
	{Slug: "doha", Name: "Doha", Lat: 25.28545, Lon: 51.53096, Weight: 21},
	{Slug: "istanbul", Name: "Istanbul", Lat: 41.01384, Lon: 28.94966, Weight: 17},
	{Slug: "bagram", Name: "Bagram", Lat: 34.96694, Lon: 69.265, Weight: 28},
	{Slug: "kandahar", Name: "Kandahar", Lat: 31.61332, Lon: 65.71013, Weight: 5},
	{Slug: "chaman", Name: "Chaman", Lat: 30.91769, Lon: 66.45259, Weight: 2},
	{Slug: "spin-boldak", Name: "Spin Boldak", Lat: 31.00575, Lon: 66.40001, Weight: 1},
	{Slug: "torkham", Name: "Torkham", Lat: 34.1, Lon: 71.08, Weight: 1},
	{Slug: "kurram", Name: "Kurram", Lat: 33.75, Lon: 70.15, Weight: 3},
	{Slug: "orakzai", Name: "Orakzai", Lat: 33.65, Lon: 70.95, Weight: 2},
	{Slug: "bajaur", Name: "Bajaur", Lat: 34.8, Lon: 71.5, Weight: 2},
	{Slug: "new-delhi", Name: "New Delhi", Lat: 28.62137, Lon: 77.2148, Weight: 12},
}

func world(t testing.TB) *Atlas {
	t.Helper()
	a, err := World()
	require.NoError(t, err, "the embedded outline must decode")
	return a
}

func withHrefs(ms []Marker) []Marker {
	out := append([]Marker(nil), ms...)
	for i := range out {
		out[i].Href = "places/" + out[i].Slug + ".html"
	}
	return out
}

func TestDrawPutsPlacesWhereTheyAre(t *testing.T) {
	a := world(t)
	// Doha must be on the map for this test: widen the region westward.
	wide := BBox{West: 45, South: 20, East: 80, North: 40}
	m, err := a.Draw(wide, withHrefs(places), Options{})
	require.NoError(t, err)
	d := readSVG(t, m.SVG)
	kabul, islamabad, doha := d.place(t, "Kabul").Circle, d.place(t, "Islamabad").Circle, d.place(t, "Doha").Circle
	require.NotNil(t, kabul)
	require.NotNil(t, islamabad)
	require.NotNil(t, doha)
	assert.Less(t, kabul.x, islamabad.x, "Kabul (69.2°E) must be drawn west of Islamabad (73.0°E)")
	assert.Less(t, kabul.y, islamabad.y, "Kabul (34.5°N) must be drawn north of Islamabad (33.7°N)")
	for _, o := range []struct {
		name string
		c    *circle
	}{{"Kabul", kabul}, {"Islamabad", islamabad}} {
		assert.Less(t, doha.x, o.c.x, "Doha must be drawn west of %s", o.name)
		assert.Greater(t, doha.y, o.c.y, "Doha must be drawn south of %s", o.name)
	}
	require.Len(t, m.OffMap, 1, "every place but Istanbul lies in %v", wide)
	assert.Equal(t, "istanbul", m.OffMap[0].Slug)
	// Mercator keeps shapes: a degree of longitude and a degree of latitude
	// near 34°N differ by cos(34°).
	k := float64(m.Width) / (wide.East - wide.West)
	assert.InDelta(t, (73.04329-69.17233)*k, islamabad.x-kabul.x, 0.2, "east–west spacing")
	assert.InDelta(t, (mercY(34.52813)-mercY(33.72148))*k, islamabad.y-kabul.y, 0.2, "north–south spacing")
}

func TestDrawMarkupAndAccessibility(t *testing.T) {
	a := world(t)
	ms := withHrefs(places)
	ms[0].Note = "90 mentions"
	m, err := a.Draw(region, ms, Options{IDPrefix: "places-map", Title: "Places of the crisis"})
	require.NoError(t, err)
	d := readSVG(t, m.SVG)
	s := string(m.SVG)

	assert.Equal(t, "map", d.Class)
	assert.Equal(t, "places-map-t places-map-d", d.Labelledby, "the svg is labelled by its own title and desc")
	assert.ElementsMatch(t, []string{"places-map-t", "places-map-d"}, d.Ids, "ids carry the caller's prefix")
	assert.Contains(t, s, `role="group"`)
	assert.Contains(t, s, `<title id="places-map-t">Places of the crisis</title>`)
	assert.Contains(t, s, `Beyond the edge, toward the arrows: Doha, Istanbul.`, "the default description names what lies off the map")
	assert.NotContains(t, s, "style=", "the CSP forbids style attributes")
	assert.Equal(t, 1, d.Paths["coast"], "one coast path (the Arabian Sea is in the region)")
	assert.Equal(t, 1, d.Paths["border"], "one border path: each shared arc drawn once")
	assert.GreaterOrEqual(t, d.Paths["land focus"], 3, "Afghanistan, Pakistan and India hold places")
	assert.Contains(t, m.Countries, "Afghanistan")
	assert.Contains(t, m.Countries, "Pakistan")

	assert.Equal(t, "Kabul: 90 mentions", d.place(t, "Kabul").Title, "a note joins the accessible name")
	for _, p := range d.Places {
		assert.NotEmpty(t, p.Title, "every marker has an accessible name: %+v", p)
		assert.True(t, strings.HasPrefix(p.Href, "places/"), "every marker links to its page: %+v", p)
	}
	require.Len(t, m.OffMap, 2)
	assert.Equal(t, "doha", m.OffMap[0].Slug, "off-map places come heaviest first")
	doha := d.place(t, "Doha")
	assert.True(t, doha.Arrow, "Doha is shown as an arrow at the edge")
	assert.Nil(t, doha.Circle)
	assert.Equal(t, "Doha (off the map, to the west)", doha.Title)

	hidden, err := a.Draw(region, ms, Options{HideOffMap: true})
	require.NoError(t, err)
	assert.NotContains(t, string(hidden.SVG), "off the map", "HideOffMap draws no arrows")
	assert.Len(t, hidden.OffMap, 2, "but still reports the places")

	// Markers without a link are drawn, named, and not links.
	bare, err := a.Draw(region, places[:2], Options{})
	require.NoError(t, err)
	assert.NotContains(t, string(bare.SVG), "<a ")
	assert.Len(t, readSVG(t, bare.SVG).Places, 2)
}

func TestDrawEscapes(t *testing.T) {
	a := world(t)
	ms := []Marker{{Slug: "x", Name: `Fort "<A&B>"`, Href: `p.html?a=1&b="2"`, Lat: 33, Lon: 70, Weight: 1}}
	m, err := a.Draw(region, ms, Options{Title: "<T>", Desc: "a & b"})
	require.NoError(t, err)
	d := readSVG(t, m.SVG)
	assert.Equal(t, `Fort "<A&B>"`, d.place(t, `Fort "<A&B>"`).Title)
	assert.Equal(t, `p.html?a=1&b="2"`, d.Places[0].Href)
	assert.NotContains(t, string(m.SVG), "<T>")
}

func TestLocatorHighlights(t *testing.T) {
	a := world(t)
	ms := withHrefs(places)
	for i := range ms {
		ms[i].Highlight = ms[i].Slug == "chaman" || ms[i].Slug == "spin-boldak"
	}
	m, err := a.Draw(region, ms, Options{Locator: true, IDPrefix: "loc"})
	require.NoError(t, err)
	d := readSVG(t, m.SVG)
	assert.Equal(t, "map locator", d.Class)
	assert.Equal(t, 320, m.Width, "a locator is small by default")
	for _, p := range d.Places {
		hl := strings.Contains(p.Class, "hl")
		assert.Equal(t, hl, p.Title == "Chaman" || p.Title == "Spin Boldak", "only the event's places are strong: %s (%s)", p.Title, p.Class)
		assert.Equal(t, !hl, strings.Contains(p.Class, "faint"), "the others are faint: %s (%s)", p.Title, p.Class)
		if !hl {
			assert.Nil(t, p.Text, "a locator labels only its highlighted places: %s", p.Title)
		}
	}
	assert.NotNil(t, d.place(t, "Chaman").Text, "Chaman is labelled")
	assert.NotNil(t, d.place(t, "Spin Boldak").Text, "Spin Boldak is labelled")
	assert.Contains(t, string(m.SVG), "Highlighted circles are the places this page is about")

	full, err := a.Draw(region, ms, Options{})
	require.NoError(t, err)
	assert.Less(t, len(m.SVG), len(full.SVG), "a locator is smaller than the full map")
}

func TestDrawOtherContinents(t *testing.T) {
	a := world(t)
	for _, c := range []struct {
		name  string
		box   BBox
		want  []string
		place Marker
	}{
		{"West Africa", BBox{-18, 4, 10, 20}, []string{"Nigeria", "Ghana", "Senegal", "Mali"}, Marker{Slug: "accra", Name: "Accra", Lat: 5.556, Lon: -0.1969}},
		{"Andes", BBox{-82, -56, -60, 13}, []string{"Peru", "Chile", "Bolivia", "Colombia"}, Marker{Slug: "la-paz", Name: "La Paz", Lat: -16.5, Lon: -68.15}},
		{"Pacific coast of Canada", BBox{-135, 47, -115, 60}, []string{"Canada", "United States of America"}, Marker{Slug: "vancouver", Name: "Vancouver", Lat: 49.25, Lon: -123.12}},
	} {
		m, err := a.Draw(c.box, []Marker{c.place}, Options{})
		require.NoError(t, err, c.name)
		for _, name := range c.want {
			assert.Contains(t, m.Countries, name, "a map of %s draws %s", c.name, name)
		}
		assert.NotContains(t, m.Countries, "Pakistan", "a map of %s does not draw Pakistan", c.name)
		assert.Empty(t, m.OffMap, c.name)
		d := readSVG(t, m.SVG)
		assert.Equal(t, 1, d.Paths["coast"], "%s has a coast", c.name)
		assert.NotNil(t, d.place(t, c.place.Name).Circle, c.name)
	}
	// A landlocked box has borders and no coast.
	m, err := a.Draw(BBox{66, 30, 72, 36}, nil, Options{})
	require.NoError(t, err)
	d := readSVG(t, m.SVG)
	assert.Zero(t, d.Paths["coast"], "no coast between 66°E and 72°E, 30°N and 36°N")
	assert.Equal(t, 1, d.Paths["border"])
}

func TestDrawRejectsBadInput(t *testing.T) {
	a := world(t)
	ok := []Marker{{Slug: "a", Name: "A", Lat: 30, Lon: 70}}
	for _, c := range []struct {
		name string
		box  BBox
		ms   []Marker
		o    Options
		want string
	}{
		{"west equals east", BBox{70, 20, 70, 30}, ok, Options{}, "west (70) must be less than east (70)"},
		{"west beyond east", BBox{80, 20, 60, 30}, ok, Options{}, "west (80) must be less than east (60)"},
		{"south beyond north", BBox{60, 40, 80, 30}, ok, Options{}, "south (40) must be less than north (30)"},
		{"latitude beyond the pole", BBox{60, 20, 80, 95}, ok, Options{}, "latitudes must lie within"},
		{"latitude Mercator cannot show", BBox{60, -89, 80, 0}, ok, Options{}, "latitudes must lie within -85..85"},
		{"longitude out of range", BBox{-190, 20, 80, 30}, ok, Options{}, "longitudes must lie within"},
		{"not a number", BBox{math.NaN(), 20, 80, 30}, ok, Options{}, "must be a number"},
		{"too flat", BBox{-180, 0, 180, 0.5}, ok, Options{}, "less extreme shape"},
		{"width", region, ok, Options{Width: 20}, "map width 20"},
		{"id prefix", region, ok, Options{IDPrefix: "1 map"}, `map id prefix "1 map"`},
		{"no slug", region, []Marker{{Name: "A", Lat: 30, Lon: 70}}, Options{}, "marker 1 (\"A\"): no slug"},
		{"no name", region, []Marker{{Slug: "a", Lat: 30, Lon: 70}}, Options{}, "place a: no name"},
		{"twice", region, []Marker{ok[0], ok[0]}, Options{}, "place a is given twice"},
		{"latitude", region, []Marker{{Slug: "a", Name: "A", Lat: 91, Lon: 70}}, Options{}, "not a position on Earth"},
		{"NaN position", region, []Marker{{Slug: "a", Name: "A", Lat: math.NaN(), Lon: 70}}, Options{}, "not a position on Earth"},
		{"weight", region, []Marker{{Slug: "a", Name: "A", Lat: 30, Lon: 70, Weight: -1}}, Options{}, "negative weight"},
	} {
		_, err := a.Draw(c.box, c.ms, c.o)
		if assert.Error(t, err, c.name) {
			assert.Contains(t, err.Error(), c.want, c.name)
		}
	}
}

func TestDrawIsDeterministic(t *testing.T) {
	a := world(t)
	ms := withHrefs(places)
	first, err := a.Draw(region, ms, Options{})
	require.NoError(t, err)
	// The same markers in another order, and a fresh decode of the outline.
	rev := append([]Marker(nil), ms...)
	for i, j := 0, len(rev)-1; i < j; i, j = i+1, j-1 {
		rev[i], rev[j] = rev[j], rev[i]
	}
	second, err := world(t).Draw(region, rev, Options{})
	require.NoError(t, err)
	assert.True(t, bytes.Equal(first.SVG, second.SVG), "the same input must give the same bytes")
	assert.Equal(t, first.Unlabelled, second.Unlabelled)

	// A Frame drawn on many times gives what Atlas.Draw gives each time.
	f, err := a.Frame(region, 0, false)
	require.NoError(t, err)
	for i := range 3 {
		m, err := f.Draw(ms, Options{})
		require.NoError(t, err)
		assert.True(t, bytes.Equal(first.SVG, m.SVG), "frame draw %d must equal Atlas.Draw", i)
	}
	_, err = f.Draw(ms, Options{Locator: true})
	assert.ErrorContains(t, err, "the frame is 800 wide, locator false", "a frame keeps its own size")
	_, err = f.Draw(ms, Options{Width: 400})
	assert.ErrorContains(t, err, "options ask for width 400")
}

// TestLabelsNeverCollide draws random marker sets on random regions and checks
// the SVG itself: no label overlaps another label, a marker or an arrow, and
// none leaves the view. The seed is fixed, so a failure can be replayed.
func TestLabelsNeverCollide(t *testing.T) {
	a := world(t)
	rng := rand.New(rand.NewPCG(2025, 10))
	runs := 150
	if testing.Short() {
		runs = 40
	}
	syllables := []string{"ka", "bul", "pak", "ti", "ra", "kho", "st", "man", "a", "dor", "e", "zai", "ba", "jaur", "spin", "new ", "el ", "ü", "W"}
	labelled := 0
	for run := range runs {
		w := 2 + rng.Float64()*50
		h := math.Min(35, w*(0.3+rng.Float64())) // shapes a page can show
		west := -180 + rng.Float64()*(360-w)
		south := -70 + rng.Float64()*(140-h)
		bb := BBox{west, south, west + w, south + h}
		var ms []Marker
		for i := range rng.IntN(45) {
			var name strings.Builder
			for range 1 + rng.IntN(5) {
				name.WriteString(syllables[rng.IntN(len(syllables))])
			}
			lat, lon := south+rng.Float64()*h, west+rng.Float64()*w
			if rng.IntN(6) == 0 { // some beyond the edge
				lat, lon = -60+rng.Float64()*120, -180+rng.Float64()*360
			}
			ms = append(ms, Marker{Slug: fmt.Sprint("p", i), Name: strings.TrimSpace(name.String()) + "x", Href: "p.html",
				Lat: lat, Lon: lon, Weight: rng.IntN(100), Highlight: rng.IntN(5) == 0})
		}
		o := Options{Locator: rng.IntN(3) == 0, Width: []int{0, 300, 640, 1000}[rng.IntN(4)]}
		m, err := a.Draw(bb, ms, o)
		require.NoError(t, err, "run %d: %v", run, bb)
		d := readSVG(t, m.SVG)
		size := float64(LabelSize)
		if o.Locator {
			size = LocatorLabelSize
		}
		what := fmt.Sprintf("run %d, box %v, %d markers, locator %v", run, bb, len(ms), o.Locator)
		var circles []circle
		var arrows [][]xy
		for _, p := range d.Places {
			if p.Circle != nil {
				circles = append(circles, *p.Circle)
			}
		}
		arrows = arrowTriangles(t, m.SVG)
		view := box{0, 0, d.Width, d.Height}
		for i, ti := range d.Texts {
			bi := ti.box(size)
			assert.True(t, bi.x0 >= view.x0 && bi.y0 >= view.y0 && bi.x1 <= view.x1 && bi.y1 <= view.y1,
				"%s: label %q %v leaves the view %v", what, ti.Text, bi, view)
			for _, tj := range d.Texts[i+1:] {
				assert.False(t, bi.overlaps(tj.box(size)), "%s: labels %q and %q overlap", what, ti.Text, tj.Text)
			}
			for _, c := range circles {
				assert.False(t, circleMeetsBox(c, bi), "%s: label %q covers the marker at %v", what, ti.Text, c)
			}
			for _, tri := range arrows {
				assert.False(t, polygonMeetsBox(tri, bi), "%s: label %q covers an arrow", what, ti.Text)
			}
		}
		placeTexts := 0
		for _, p := range d.Places {
			if p.Text != nil {
				placeTexts++
			}
		}
		assert.Equal(t, len(d.Places)-placeTexts, len(m.Unlabelled), "%s: Unlabelled lists exactly the places drawn without text", what)
		labelled += placeTexts
	}
	assert.Positive(t, labelled, "the random maps must label something, or the test proves nothing")
}

func circleMeetsBox(c circle, b box) bool {
	dx := c.x - math.Max(b.x0, math.Min(c.x, b.x1))
	dy := c.y - math.Max(b.y0, math.Min(c.y, b.y1))
	return math.Hypot(dx, dy) < c.r
}

func polygonMeetsBox(poly []xy, b box) bool {
	for i := range poly {
		if _, _, ok := clipSegment(poly[i], poly[(i+1)%len(poly)], b); ok {
			return true
		}
	}
	return inside(xy{b.x0, b.y0}, poly)
}

// arrowTriangles reads the triangles of path.arrow elements ("Mx yl dx dy dx dyz").
func arrowTriangles(t *testing.T, svg []byte) [][]xy {
	t.Helper()
	var out [][]xy
	s := string(svg)
	for {
		i := strings.Index(s, `class="arrow" d="`)
		if i < 0 {
			return out
		}
		s = s[i+len(`class="arrow" d="`):]
		d := s[:strings.IndexByte(s, '"')]
		var x, y, dx1, dy1, dx2, dy2 float64
		_, err := fmt.Sscanf(strings.NewReplacer("M", "", "l", " ", "z", "", "-", " -").Replace(d), "%g %g %g %g %g %g", &x, &y, &dx1, &dy1, &dx2, &dy2)
		require.NoError(t, err, "arrow path %q", d)
		out = append(out, []xy{{x, y}, {x + dx1, y + dy1}, {x + dx1 + dx2, y + dy1 + dy2}})
	}
}
