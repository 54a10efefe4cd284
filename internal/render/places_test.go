package render

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dossier-project/dossier/internal/content"
	"github.com/dossier-project/dossier/internal/geo"
)

// The world's outlines are read only for a dossier that has a map: a region
// declared, or places. Reading them takes a few milliseconds of every build.
func TestOutlinesAreReadOnlyForAMap(t *testing.T) {
	read := 0
	outlines := func() (*geo.Atlas, error) {
		read++
		return geo.World()
	}
	frames, err := newMapFrames(outlines, &content.Settings{}, nil)
	require.NoError(t, err)
	assert.Nil(t, frames, "no region and no places: no map")
	assert.Zero(t, read, "the outlines were read for a dossier without a map")

	draft := &content.Place{Page: content.Page{Draft: true}, Lat: 34.5, Lon: 69.2}
	frames, err = newMapFrames(outlines, &content.Settings{}, []*content.Place{draft})
	require.NoError(t, err)
	assert.Nil(t, frames, "a draft place is not on a map")
	assert.Zero(t, read)

	kabul := &content.Place{Lat: 34.5, Lon: 69.2}
	frames, err = newMapFrames(outlines, &content.Settings{}, []*content.Place{kabul})
	require.NoError(t, err)
	require.NotNil(t, frames)
	assert.NotNil(t, frames.wide)
	assert.Equal(t, 1, read)

	var region content.Settings
	region.Map.BBox = []float64{60, 23, 75, 38}
	frames, err = newMapFrames(outlines, &region, nil)
	require.NoError(t, err)
	assert.NotNil(t, frames, "a declared region has a map without places")
	assert.Equal(t, 2, read)

	_, err = newMapFrames(func() (*geo.Atlas, error) { return nil, errors.New("bad outline") }, &region, nil)
	assert.ErrorContains(t, err, "bad outline", "an outline that cannot be read fails the build")
}
