// Package geo draws the dossier's maps at build time: it reads the world
// outline embedded in the binary (world.bin) and a list of markers, and
// returns an inline SVG with its text-alternative facts (Atlas.Draw). Nothing
// is fetched at build or view time, so a map works offline and from file://,
// and any region can be drawn: the dossier's content/dossier.yaml gives the
// region as map: {bbox: [west, south, east, north]}.
//
// # The outline data
//
// world.bin holds Natural Earth's admin-0 countries at 1:50m (public
// domain), taken from the world-atlas npm package 2.0.2 (countries-50m.json,
// Natural Earth 4.1.0 as TopoJSON) by cmd/mapdata:
//
//	bash .ci/map-data.sh   # npm pack world-atlas@2.0.2 into a temporary folder, then
//	go run ./cmd/mapdata -atlas …/countries-50m.json -out internal/geo/world.bin
//
// Choices, and why:
//   - 1:50m, not 1:110m: at 110m the Durand Line has 29 points (157 at 50m),
//     Qatar is a 10-point polygon, and Bahrain and 63 other of the 241 units
//     are missing, which fails a map of the Afghan border and the Gulf; 1:10m
//     would be five times the bytes for detail that a 20°-wide briefing map
//     cannot show.
//   - TopoJSON's shared arcs are kept: a border between two countries is
//     stored, and drawn, once. An arc that two rings use is a land border;
//     one that a single ring uses is a coast. Borders and coasts are separate
//     classed paths, so they can be styled apart.
//   - Each arc is reduced with Douglas–Peucker at 0.02° (about 2 km, under one
//     pixel on a region 18° wide drawn 800 units wide), keeping its ends so
//     neighbours still meet, then snapped to a 0.01° grid.
//   - Points are zigzag varint deltas, one or two bytes each; the result is
//     about 104 KB for the whole world (the TopoJSON file is 739 KB), small
//     enough to embed without compression (git compresses it anyway).
//
// The format, all integers varints (encoding/binary; signed ones zigzag):
//
//	"DGEO" 0x01                      magic and version
//	unit                             grid steps per degree (100)
//	nArcs, then per arc:
//	  n ≥ 2, then n × (dx, dy)       x = lon×unit, y = lat×unit; the first
//	                                 point relative to the previous arc's
//	                                 first point, the others to the point before
//	nCountries, then per country:
//	  id, name                       length-prefixed UTF-8: ISO 3166-1 numeric
//	                                 code ("" when none) and English name
//	  nPolygons × (nRings × (nRefs × ref))
//	                                 TopoJSON arc references: i forward, ^i reversed
//
// # Drawing
//
// Atlas.Frame prepares one region at one size: Mercator fitted to the box and
// the width (true shapes at regional scale, one formula for every region),
// country rings clipped to the view (Sutherland–Hodgman) and coasts and
// borders clipped as lines (Liang–Barsky), every arc reduced once more to the
// output scale (Douglas–Peucker at 0.35 units, 0.6 for a locator) so that
// neighbours keep sharing its points, and coordinates written in tenths of a
// unit as relative path steps. Frame.Draw then adds a page's markers; a
// build makes one Frame for the places index and one for all locators, and
// each further map costs about a tenth of a millisecond. Atlas.Draw does both
// steps for a single map.
//
// Colours come only from CSS classes, since the site's Content-Security-Policy
// forbids style attributes (the default theme's static/style.css styles them):
//
//	svg.map, svg.map.locator   the drawing (role group, labelled by title and desc)
//	rect.sea                   the background
//	path.land, path.land.focus a country; focus when it holds a (highlighted) place
//	path.coast, path.border    coastlines; land borders
//	g.country-names text       country names (aria-hidden: decoration)
//	a.place (g.place)          a marker: title (its accessible name), circle, text
//	a.place.off path.arrow     an arrow at the edge toward a place beyond it
//	.hl, .faint                highlighted places, and the others when some are
//
// Places outside the region are returned in Map.OffMap and drawn as arrows
// where the line from the map's centre toward them meets the edge, with their
// name and link: a briefing about the Afghan border must not stretch to Doha
// and Istanbul to show where the talks were, yet the reader should see that
// they exist and which way they lie.
//
// Labels are placed greedily, most important first (highlighted places, then
// by weight): each tries eight positions around its circle and takes the first
// that stays inside the view and clear of every label, marker and arrow
// already on the map, else is left out — the marker keeps its name in its
// title, and Map.Unlabelled tells the caller which places only the page's text
// list names. Country names go last, inside their country. Text boxes are
// estimated from the widest common sans-serif metrics with margins for
// browsers' pixel rounding (see label.go; a Chromium test measures real text
// against them), so the page's CSS must draw map text at LabelSize
// (LocatorLabelSize for a locator).
package geo
