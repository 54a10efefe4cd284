package render

import (
	"fmt"
	"html/template"
	"slices"
	"sort"
	"strings"

	"github.com/dossier-project/dossier/internal/content"
	"github.com/dossier-project/dossier/internal/geo"
)

// Places and maps. The maps are drawn in Go from the outlines the binary
// carries (package geo), for the region content/dossier.yaml declares, or
// around the places when it declares none: one map on places/index.html, a
// locator on the briefing, and a small one on each page that has places.
// Markers are sized by how many source lines name the place.

// mapFrames are the dossier's region prepared once for each size of map.
type mapFrames struct {
	wide, narrow, locator *geo.Frame
}

// newMapFrames prepares the map region, or returns nil when the dossier has
// no outlines, or neither a region nor places. The outlines are read only
// then: a dossier without a map does not decode them (3 ms of every build).
func newMapFrames(outlines func() (*geo.Atlas, error), s *content.Settings, places []*content.Place) (*mapFrames, error) {
	if outlines == nil {
		return nil, nil
	}
	var box geo.BBox
	if b := s.Map.BBox; len(b) == 4 {
		box = geo.BBox{West: b[0], South: b[1], East: b[2], North: b[3]}
	} else {
		var ms []geo.Marker
		for _, p := range live(places) {
			ms = append(ms, geo.Marker{Lat: p.Lat, Lon: p.Lon})
		}
		var ok bool
		// A margin of two degrees and a span of at least eight show a
		// place's surroundings; a curator who wants another region sets map.bbox.
		if box, ok = geo.Around(ms, 2, 8); !ok {
			return nil, nil
		}
	}
	atlas, err := outlines()
	if err != nil {
		return nil, err
	}
	var m mapFrames
	if m.wide, err = atlas.Frame(box, 800, false); err != nil {
		return nil, fmt.Errorf("%s: map: %w", content.SettingsFile, err)
	}
	if m.narrow, err = atlas.Frame(box, 360, false); err != nil {
		return nil, fmt.Errorf("%s: map: %w", content.SettingsFile, err)
	}
	if m.locator, err = atlas.Frame(box, 320, true); err != nil {
		return nil, fmt.Errorf("%s: map: %w", content.SettingsFile, err)
	}
	return &m, nil
}

// markers are the published places as map markers for the page at from,
// those in highlight marked.
func (r *renderer) markers(from string, highlight []string) []geo.Marker {
	var ms []geo.Marker
	for _, p := range live(r.in.Site.Places) {
		n := len(r.in.Mentions[p.Slug])
		note := fmt.Sprintf("%d mentions", n)
		if n == 1 {
			note = "1 mention"
		}
		ms = append(ms, geo.Marker{Slug: p.Slug, Name: p.Name, Href: relative(from, URL(&p.Page)), Lat: p.Lat, Lon: p.Lon,
			Weight: n, Highlight: slices.Contains(highlight, p.Slug), Note: note})
	}
	return ms
}

// locator draws a small map with the given places highlighted, or nothing
// when there are no maps or, for a page, no places of its own.
func (r *renderer) locator(pg *page, id string, places []string, title string) template.HTML {
	if r.maps == nil || (id != "locator" && len(places) == 0) {
		return ""
	}
	m, err := r.maps.locator.Draw(r.markers(pg.Path, places), geo.Options{Locator: true, IDPrefix: id, Title: title})
	if err != nil {
		return ""
	}
	return template.HTML(m.SVG)
}

type placeRow struct {
	Name, Href, Kind, Country string
	Mentions                  int
	OffMap                    bool
}

func (p placeRow) key(h *hasher) {
	h.strs([]string{p.Name, p.Href, p.Kind, p.Country})
	h.int(p.Mentions)
	h.bool(p.OffMap)
}

type placesData struct {
	Wide, Narrow template.HTML
	Rows         []placeRow
}

func (d placesData) key(h *hasher) {
	h.str(string(d.Wide))
	h.str(string(d.Narrow))
	each(h, d.Rows)
}

// countryName names an ISO 3166-1 code in English, as CLDR does (see
// countries.go), or returns it as it is when CLDR does not name it.
func countryName(code string) string {
	i, ok := sort.Find(len(countries), func(i int) int { return strings.Compare(code, countries[i].code) })
	if !ok {
		return code
	}
	return countries[i].name
}

var placeKinds = map[string]string{"border-crossing": "border crossing"}

func placeKind(k string) string {
	if l, ok := placeKinds[k]; ok {
		return l
	}
	return k
}

func (r *renderer) renderPlaces() error {
	places := live(r.in.Site.Places)
	if len(places) == 0 {
		return nil
	}
	pg := &page{Path: "places/index.html", Title: "Places", Section: "places",
		Description: "Where it happened: the places the sources name, on a map and as a list, the most named first."}
	var d placesData
	off := map[string]bool{}
	if r.maps != nil {
		wide, err := r.maps.wide.Draw(r.markers(pg.Path, nil), geo.Options{IDPrefix: "map", Title: "Places in the dossier"})
		if err != nil {
			return err
		}
		narrow, err := r.maps.narrow.Draw(r.markers(pg.Path, nil), geo.Options{IDPrefix: "map-narrow", Title: "Places in the dossier"})
		if err != nil {
			return err
		}
		d.Wide, d.Narrow = template.HTML(wide.SVG), template.HTML(narrow.SVG)
		for _, m := range wide.OffMap {
			off[m.Slug] = true
		}
	}
	sorted := slices.Clone(places)
	sort.SliceStable(sorted, func(i, j int) bool {
		a, b := len(r.in.Mentions[sorted[i].Slug]), len(r.in.Mentions[sorted[j].Slug])
		if a != b {
			return a > b
		}
		return sorted[i].Name < sorted[j].Name
	})
	for _, p := range sorted {
		d.Rows = append(d.Rows, placeRow{Name: p.Name, Href: pg.Rel(URL(&p.Page)), Kind: placeKind(p.Kind), Country: countryName(p.Country),
			Mentions: len(r.in.Mentions[p.Slug]), OffMap: off[p.Slug]})
	}
	pg.Data = d
	r.addPage("places", pg.Path, func() (*page, error) { return pg, nil })

	for _, p := range places {
		r.contentPage("place", &p.Page, "places", fmt.Sprintf("%s (%s, %s)", p.Name, placeKind(p.Kind), countryName(p.Country)), anyLine, func(pg *page) keyer {
			d := &placeData{Place: p, Kind: placeKind(p.Kind), Country: countryName(p.Country), Backlinks: r.backlinkList(pg.Path, p.Slug),
				Coords: coords(p), Note: coordsNote(p)}
			d.mentions = r.lazyMentions(pg, &d.Mentions, r.in.Mentions[p.Slug])
			for _, e := range r.placeEvents[p.Slug] {
				d.Events = append(d.Events, link{Title: when(e) + ": " + e.Title, Href: pg.Rel(URL(&e.Page))})
			}
			for _, a := range r.placeActors[p.Slug] {
				d.Actors = append(d.Actors, link{Title: a.Name, Href: pg.Rel(URL(&a.Page))})
			}
			d.Map = r.locator(pg, "place-map", []string{p.Slug}, p.Name+" on the map")
			return d
		})
	}
	return nil
}

// coordsNote says where a place's coordinates come from, for readers:
// coordinates marked "hand:" were set by the editors and are approximate.
func coordsNote(p *content.Place) string {
	if note, ok := strings.CutPrefix(p.CoordsSource, "hand:"); ok {
		note = strings.TrimSpace(note)
		if !strings.Contains(note, "approximate") {
			note = "approximate: " + note
		}
		return "set by the editors, " + note
	}
	return "from " + p.CoordsSource
}

// coords writes a place's coordinates for readers: 34.12° N, 71.09° E.
func coords(p *content.Place) string {
	ns, ew := "N", "E"
	lat, lon := p.Lat, p.Lon
	if lat < 0 {
		ns, lat = "S", -lat
	}
	if lon < 0 {
		ew, lon = "W", -lon
	}
	return fmt.Sprintf("%.2f° %s, %.2f° %s", lat, ns, lon, ew)
}

type placeData struct {
	Place     *content.Place
	Kind      string
	Country   string
	Coords    string
	Note      string // where the coordinates come from
	Events    []link
	Actors    []link
	Backlinks []link
	Mentions  template.HTML // made when the page is made
	mentions  Key           // what Mentions shows
	Map       template.HTML
}

func (d placeData) key(h *hasher) {
	h.strs([]string{d.Place.Name, d.Kind, d.Country, d.Coords, d.Note})
	h.strs(d.Place.Aliases)
	each(h, d.Events)
	each(h, d.Actors)
	each(h, d.Backlinks)
	h.key(d.mentions)
	h.str(string(d.Map))
}
