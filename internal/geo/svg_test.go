package geo

import (
	"encoding/xml"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// drawn is what a test reads back from a map's SVG: the markup itself, not
// the drawing's internals, so the tests check what a browser gets.
type drawn struct {
	Width, Height float64
	Class         string
	Places        []drawnPlace // in document order
	Texts         []drawnText  // every text element
	Paths         map[string]int
	Labelledby    string
	Ids           []string
}

type drawnPlace struct {
	Href, Class, Title string
	Circle             *circle
	Arrow              bool
	Text               *drawnText
}

type drawnText struct {
	X, Y   float64
	Anchor string
	Text   string
	Bold   bool
}

func (t drawnText) box(size float64) box {
	return textBox(t.Text, t.X, t.Y, t.Anchor, size, t.Bold)
}

// readSVG parses a map with encoding/xml, which also proves it well formed.
func readSVG(t *testing.T, svg []byte) drawn {
	t.Helper()
	d := drawn{Paths: map[string]int{}}
	dec := xml.NewDecoder(strings.NewReader(string(svg)))
	var place *drawnPlace
	var text *drawnText
	var inTitle bool
	attr := func(e xml.StartElement, name string) string {
		for _, a := range e.Attr {
			if a.Name.Local == name {
				return a.Value
			}
		}
		return ""
	}
	f := func(s string) float64 {
		v, err := strconv.ParseFloat(s, 64)
		require.NoError(t, err, "number %q in the SVG", s)
		return v
	}
	for {
		tok, err := dec.Token()
		if err != nil {
			require.Equal(t, "EOF", err.Error(), "the SVG must be well-formed XML")
			break
		}
		switch e := tok.(type) {
		case xml.StartElement:
			if id := attr(e, "id"); id != "" {
				d.Ids = append(d.Ids, id)
			}
			switch e.Name.Local {
			case "svg":
				d.Width, d.Height = f(attr(e, "width")), f(attr(e, "height"))
				d.Class, d.Labelledby = attr(e, "class"), attr(e, "aria-labelledby")
			case "a", "g":
				if strings.Contains(attr(e, "class"), "place") {
					place = &drawnPlace{Href: attr(e, "href"), Class: attr(e, "class")}
				}
			case "title":
				inTitle = place != nil
			case "circle":
				require.NotNil(t, place, "a circle outside a place")
				place.Circle = &circle{f(attr(e, "cx")), f(attr(e, "cy")), f(attr(e, "r"))}
			case "path":
				cls := attr(e, "class")
				d.Paths[cls]++
				if place != nil && cls == "arrow" {
					place.Arrow = true
				}
			case "text":
				anchor := attr(e, "text-anchor")
				if anchor == "" {
					anchor = "start"
				}
				text = &drawnText{X: f(attr(e, "x")), Y: f(attr(e, "y")), Anchor: anchor}
				text.Bold = place != nil && strings.Contains(place.Class, "hl")
			}
		case xml.CharData:
			switch {
			case text != nil:
				text.Text += string(e)
			case inTitle:
				place.Title += string(e)
			}
		case xml.EndElement:
			switch e.Name.Local {
			case "title":
				inTitle = false
			case "text":
				d.Texts = append(d.Texts, *text)
				if place != nil {
					place.Text = text
				}
				text = nil
			case "a", "g":
				if place != nil && (e.Name.Local == "a") == (place.Href != "") {
					d.Places = append(d.Places, *place)
					place = nil
				}
			}
		}
	}
	return d
}

// place finds a drawn place by the start of its accessible name.
func (d drawn) place(t *testing.T, name string) drawnPlace {
	t.Helper()
	for _, p := range d.Places {
		if p.Title == name || strings.HasPrefix(p.Title, name+" (") || strings.HasPrefix(p.Title, name+":") {
			return p
		}
	}
	require.Failf(t, "place not drawn", "%q is not on the map", name)
	return drawnPlace{}
}
