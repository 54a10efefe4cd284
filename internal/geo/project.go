package geo

import (
	"fmt"
	"math"
)

// BBox is a map's region in degrees: longitudes West < East (a region may not
// cross the antimeridian) and latitudes South < North within ±MaxLat.
type BBox struct{ West, South, East, North float64 }

// MaxLat is the furthest latitude a map can show: the Mercator projection
// stretches without bound toward the poles.
const MaxLat = 85

// Validate reports what is wrong with b, in words a curator can act on.
func (b BBox) Validate() error {
	for _, v := range []float64{b.West, b.South, b.East, b.North} {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("map bbox %v: every value must be a number of degrees", b.slice())
		}
	}
	switch {
	case b.West < -180 || b.East > 180:
		return fmt.Errorf("map bbox %v: longitudes must lie within -180..180", b.slice())
	case b.West >= b.East:
		return fmt.Errorf("map bbox %v: west (%g) must be less than east (%g); give [west, south, east, north]", b.slice(), b.West, b.East)
	case b.South < -MaxLat || b.North > MaxLat:
		return fmt.Errorf("map bbox %v: latitudes must lie within -%d..%d", b.slice(), MaxLat, MaxLat)
	case b.South >= b.North:
		return fmt.Errorf("map bbox %v: south (%g) must be less than north (%g); give [west, south, east, north]", b.slice(), b.South, b.North)
	}
	return nil
}

func (b BBox) slice() []float64 { return []float64{b.West, b.South, b.East, b.North} }

// Contains reports whether the position lies in b (edges included).
func (b BBox) Contains(lat, lon float64) bool {
	return lon >= b.West && lon <= b.East && lat >= b.South && lat <= b.North
}

// Around returns the smallest box holding every marker, grown by margin
// degrees on each side and widened to at least minSpan degrees each way, for
// a locator centred on some places. It returns false for no markers.
func Around(ms []Marker, margin, minSpan float64) (BBox, bool) {
	if len(ms) == 0 {
		return BBox{}, false
	}
	b := BBox{ms[0].Lon, ms[0].Lat, ms[0].Lon, ms[0].Lat}
	for _, m := range ms[1:] {
		b.West, b.East = math.Min(b.West, m.Lon), math.Max(b.East, m.Lon)
		b.South, b.North = math.Min(b.South, m.Lat), math.Max(b.North, m.Lat)
	}
	grow := func(lo, hi float64) (float64, float64) {
		lo, hi = lo-margin, hi+margin
		if d := minSpan - (hi - lo); d > 0 {
			lo, hi = lo-d/2, hi+d/2
		}
		return lo, hi
	}
	b.West, b.East = grow(b.West, b.East)
	b.South, b.North = grow(b.South, b.North)
	b.West, b.East = math.Max(b.West, -180), math.Min(b.East, 180)
	b.South, b.North = math.Max(b.South, -MaxLat), math.Min(b.North, MaxLat)
	return b, true
}

// projection maps degrees to SVG user units with Mercator, fitted so the box
// fills a drawing of the given width. Mercator keeps shapes true at every
// scale a regional briefing map uses (its area stretch matters only for
// continent-sized boxes far from the equator), and the same formula serves
// any region, so no map depends on the crisis the first dossier covers.
type projection struct {
	west, top, k  float64
	width, height float64
}

func mercY(lat float64) float64 {
	return math.Log(math.Tan(math.Pi/4+lat*math.Pi/360)) * 180 / math.Pi
}

func newProjection(b BBox, width float64) projection {
	k := width / (b.East - b.West)
	top := mercY(b.North)
	return projection{west: b.West, top: top, k: k, width: width, height: math.Round((top - mercY(b.South)) * k)}
}

// at projects a position; latitudes beyond ±MaxLat are held at the limit so
// arcs near the poles stay finite (they are clipped away anyway).
func (p projection) at(lon, lat float64) xy {
	lat = math.Max(-MaxLat-4, math.Min(MaxLat+4, lat))
	return xy{(lon - p.west) * p.k, (p.top - mercY(lat)) * p.k}
}
