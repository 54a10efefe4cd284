package build

import (
	"context"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dossier-project/dossier/internal/content"
	"github.com/dossier-project/dossier/internal/linkcheck"
)

// TestSecondDossier builds testdata/portstrike, an invented dockworkers'
// strike in Chile with sides of its own and no templates/ or static/, with
// the program alone: the site has clean links, shows its own sides' labels
// and colours, draws its places on a map of its region, and carries no word
// of the first dossier in any file.
func TestSecondDossier(t *testing.T) {
	project := os.DirFS(filepath.Join("testdata", "portstrike"))
	for _, dir := range []string{"templates", "static"} {
		_, err := fs.Stat(project, dir)
		require.ErrorIs(t, err, fs.ErrNotExist, "the fixture uses the embedded theme: it has no %s/", dir)
	}
	out := filepath.Join(t.TempDir(), "public")
	res, err := Build(context.Background(), Options{Project: project, Out: out})
	require.NoError(t, err, "problems: %v", res.Problems)
	assert.Empty(t, res.Problems, "the fixture builds without a warning")

	rep, err := linkcheck.Check(out)
	require.NoError(t, err)
	assert.Empty(t, rep.Problems, "links of the second dossier")

	settings, problems := content.LoadSettings(project)
	require.Empty(t, problems)
	require.Len(t, settings.Sides, 3, "the fixture's sides")
	actors := read(t, out, "actors/index.html")
	sides := read(t, out, "assets/sides.css")
	for _, s := range settings.Sides {
		assert.Contains(t, actors, ">"+strings.ReplaceAll(s.Label, "'", "&#39;")+"<", "the label of side %s heads its actors", s.Slug)
		assert.Contains(t, sides, ".side-"+s.Slug+" { --side: "+s.Color+"; }", "side %s has its colour", s.Slug)
		assert.Contains(t, sides, "svg .side-"+s.Slug+" { fill: "+s.Color+"; }", "side %s has its colour in charts", s.Slug)
	}
	assert.Contains(t, actors, `class="side-port-authority`, "actors are marked with their side's class")

	places := read(t, out, "places/index.html")
	start, end := strings.Index(places, `<svg`), strings.Index(places, `</svg>`)
	require.True(t, start >= 0 && end > start, "places/index.html carries an SVG map")
	svg := places[start:end]
	assert.Contains(t, svg, ">Chile<", "the map shows the dossier's region")
	slugs, err := fs.Glob(project, "content/places/*.md")
	require.NoError(t, err)
	require.Len(t, slugs, 3, "the fixture's places")
	for _, p := range slugs {
		slug := strings.TrimSuffix(path.Base(p), ".md")
		assert.Contains(t, svg, `<a href="../places/`+slug+`/index.html" class="place`, "the map has a marker for %s", slug)
	}

	err = filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		lower := strings.ToLower(string(b))
		for _, word := range []string{"pakistan", "afghan", "taliban"} {
			assert.NotContains(t, lower, word, "%s names the first dossier", p)
		}
		return nil
	})
	require.NoError(t, err)
}

// TestMapWithoutRegion builds the second dossier with no map region in its
// settings: the maps are then drawn around its places, which all show.
func TestMapWithoutRegion(t *testing.T) {
	base := os.DirFS(filepath.Join("testdata", "portstrike"))
	files := fstest.MapFS{}
	require.NoError(t, fs.WalkDir(base, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(base, p)
		files[p] = &fstest.MapFile{Data: b}
		return err
	}))
	settings := string(files[content.SettingsFile].Data)
	require.Contains(t, settings, "\nmap: ")
	files[content.SettingsFile].Data = []byte(regexp.MustCompile(`\nmap: [^\n]*`).ReplaceAllString(settings, ""))

	out := filepath.Join(t.TempDir(), "public")
	res, err := Build(context.Background(), Options{Project: files, Out: out})
	require.NoError(t, err, "problems: %v", res.Problems)
	places := read(t, out, "places/index.html")
	start, end := strings.Index(places, `<svg`), strings.Index(places, `</svg>`)
	require.True(t, start >= 0 && end > start, "places/index.html carries a map though the settings declare no region")
	slugs, err := fs.Glob(files, "content/places/*.md")
	require.NoError(t, err)
	require.NotEmpty(t, slugs)
	for _, p := range slugs {
		slug := strings.TrimSuffix(path.Base(p), ".md")
		assert.Contains(t, places[start:end], `<a href="../places/`+slug+`/index.html" class="place`, "the map around the places shows %s", slug)
	}
}
