package geo

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// square is a two-country topology: A and B share the arc 0 (a land border),
// and each closes its ring with an arc of its own (coast).
var square = Topology{
	Arcs: [][]Point{
		{{10, 0}, {10, 5}, {10, 10}},                         // shared border, north–south
		{{10, 10}, {0, 10}, {0, 0}, {10, 0}},                 // A's coast, west
		{{10, 0}, {20, 0}, {20, 10}, {10, 10}},               // B's coast, east
		{{10, 10}, {10.001, 10.004}, {10.002, 10}, {10, 10}}, // a speck that the grid collapses
	},
	Countries: []Country{
		{ID: "001", Name: "A", Polygons: [][][]int{{{0, 1}}}},
		{ID: "002", Name: "B", Polygons: [][][]int{{{^0, 2}}, {{3}}}},
	},
}

func TestEncodeDecodeRoundTrip(t *testing.T) {
	b, err := Encode(square, 100, 0)
	require.NoError(t, err)
	a, err := Decode(b)
	require.NoError(t, err)
	assert.Equal(t, []string{"A", "B"}, a.Countries())
	require.Len(t, a.arcs, 4)
	assert.Equal(t, []int32{1000, 0, 1000, 500, 1000, 1000}, a.arcs[0].pts, "points in grid steps")
	assert.True(t, a.arcs[0].shared, "an arc two countries use is a land border")
	assert.False(t, a.arcs[1].shared, "an arc one country uses is a coast")
	assert.Equal(t, box{0, 0, 10, 10}, a.countries[0].box)
	assert.Equal(t, [][][]int{{{^0, 2}}, {{3}}}, a.countries[1].polygons)
	assert.Equal(t, []int32{1000, 1000, 1000, 1000}, a.arcs[3].pts, "a speck the grid collapses keeps its two ends")

	// Simplification drops the border's middle point but keeps its ends,
	// so both neighbours still meet.
	b, err = Encode(square, 100, 0.5)
	require.NoError(t, err)
	a, err = Decode(b)
	require.NoError(t, err)
	assert.Equal(t, []int32{1000, 0, 1000, 1000}, a.arcs[0].pts)
}

func TestEncodeRejectsBadTopology(t *testing.T) {
	for _, c := range []struct {
		name string
		t    Topology
		unit int
		want string
	}{
		{"unit", square, 0, "grid unit 0"},
		{"short arc", Topology{Arcs: [][]Point{{{1, 1}}}}, 100, "arc 0 has 1 points"},
		{"off the globe", Topology{Arcs: [][]Point{{{1, 1}, {200, 1}}}}, 100, "is not a longitude and latitude"},
		{"dangling reference", Topology{Arcs: square.Arcs, Countries: []Country{{Name: "C", Polygons: [][][]int{{{7}}}}}}, 100, `country "C" refers to arc 7`},
		{"dangling reversed reference", Topology{Arcs: square.Arcs, Countries: []Country{{Name: "C", Polygons: [][][]int{{{^9}}}}}}, 100, `country "C" refers to arc -10`},
	} {
		_, err := Encode(c.t, c.unit, 0)
		if assert.Error(t, err, c.name) {
			assert.Contains(t, err.Error(), c.want, c.name)
		}
	}
}

func TestDecodeRejectsDamage(t *testing.T) {
	good, err := Encode(square, 100, 0)
	require.NoError(t, err)
	_, err = Decode([]byte("GIF89a"))
	assert.ErrorContains(t, err, "bad magic")
	_, err = Decode(append(append([]byte(nil), good...), 0))
	assert.ErrorContains(t, err, "1 bytes left over")
	// Every truncation is an error, never a panic.
	for n := len(magic); n < len(good); n++ {
		_, err := Decode(good[:n])
		assert.Error(t, err, "decoding the first %d of %d bytes", n, len(good))
	}
}

func FuzzDecode(f *testing.F) {
	good, err := Encode(square, 100, 0)
	require.NoError(f, err)
	f.Add(good)
	f.Add(worldData[:300])
	f.Fuzz(func(t *testing.T, b []byte) {
		a, err := Decode(b)
		if err != nil {
			return
		}
		// Whatever decodes must draw without panicking.
		_, err = a.Draw(BBox{-20, -20, 30, 20}, []Marker{{Slug: "x", Name: "X", Lat: 1, Lon: 1}}, Options{})
		assert.NoError(t, err)
	})
}

func TestWorld(t *testing.T) {
	a := world(t)
	names := a.Countries()
	assert.Len(t, names, 241, "Natural Earth 1:50m has 241 admin-0 units")
	for _, n := range []string{"Afghanistan", "Pakistan", "Qatar", "Turkey", "India", "Nigeria", "Peru", "Fiji"} {
		assert.Contains(t, names, n)
	}
	shared := 0
	for _, arc := range a.arcs {
		if arc.shared {
			shared++
		}
	}
	assert.Greater(t, shared, 300, "land borders are shared arcs")
	assert.Less(t, shared, len(a.arcs), "coasts are not")
	assert.Less(t, len(worldData), 128<<10, "the embedded outline stays small")
}

func TestAround(t *testing.T) {
	_, ok := Around(nil, 1, 2)
	assert.False(t, ok, "no markers, no box")
	b, ok := Around([]Marker{{Lat: 31, Lon: 66.4}, {Lat: 30.9, Lon: 66.5}}, 1, 6)
	require.True(t, ok)
	assert.InDelta(t, 6, b.East-b.West, 1e-9, "widened to the minimum span")
	assert.InDelta(t, 6, b.North-b.South, 1e-9)
	assert.True(t, b.Contains(31, 66.4) && b.Contains(30.9, 66.5), "holds its markers: %v", b)
	assert.NoError(t, b.Validate())
	b, ok = Around([]Marker{{Lat: 84, Lon: 179}}, 5, 2)
	require.True(t, ok)
	assert.NoError(t, b.Validate(), "clamped to what a map can show: %v", b)
}
