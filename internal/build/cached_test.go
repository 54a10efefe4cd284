package build

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// withBaseNote overrides base.html with one whose pages run the cached
// template "note" of partials/note.html, given the section as a variant,
// before the site's header.
func withBaseNote(t *testing.T, root, note string) {
	t.Helper()
	b, err := os.ReadFile("../../templates/base.html")
	require.NoError(t, err)
	base := strings.Replace(string(b), `{{.Cached "site-header" .Section}}`, `{{.Cached "note" .Section}}{{.Cached "site-header" .Section}}`, 1)
	require.NotEqual(t, string(b), base, "the theme's base.html runs the site's header cached")
	writeText(t, filepath.Join(root, "templates", "base.html"), base)
	writeText(t, filepath.Join(root, "templates", "partials", "note.html"), `{{define "note"}}`+note+`{{end}}`)
}

// TestCachedTemplatesRunOncePerDepthAndVariant: a cached template's output
// is shared by the pages of a layout at one depth with the same variants.
// The note here breaks the rule a cached template keeps (it shows the
// page's path), which shows who shares it: every actor page shows the same
// actor page's path, the actors' index its own, and the timeline's pages
// one of theirs.
func TestCachedTemplatesRunOncePerDepthAndVariant(t *testing.T) {
	root, _ := generated(t, 20)
	// The note runs the probe through Cached too: it runs with the note.
	withBaseNote(t, root, `{{.Cached "probe" .Section}}{{end}}{{define "probe"}}<p class="probe">{{.Path}}</p>`)
	out := filepath.Join(t.TempDir(), "public")
	_, stderr, err := buildAt(root, out, "")
	require.NoError(t, err, stderr)

	probe := regexp.MustCompile(`<p class="probe">([^<]*)</p>`)
	shown := func(glob string) map[string]bool {
		t.Helper()
		files, err := filepath.Glob(filepath.Join(out, glob))
		require.NoError(t, err)
		require.NotEmpty(t, files, glob)
		paths := map[string]bool{}
		for _, f := range files {
			b, err := os.ReadFile(f)
			require.NoError(t, err)
			m := probe.FindAllSubmatch(b, -1)
			require.Len(t, m, 1, "%s runs the note once", f)
			paths[string(m[0][1])] = true
		}
		return paths
	}
	actors := shown("actors/*/index.html")
	require.Len(t, actors, 1, "the actor pages share one output: %v", actors)
	for p := range actors {
		assert.Regexp(t, `^actors/[^/]+/index\.html$`, p, "made for an actor page")
	}
	assert.Equal(t, map[string]bool{"actors/index.html": true}, shown("actors/index.html"), "the index, one folder up, has its own")
	events := shown("timeline/*/index.html")
	require.Len(t, events, 1, "the events share one output: %v", events)
	for p := range events {
		assert.Regexp(t, `^timeline/[^/]+/index\.html$`, p, "another layout and section, another output")
	}
}

// TestEditedCachedTemplateRemakesItsPages: a partial that pages only run
// through Cached is part of their layouts' keys, so editing it makes the
// pages again, as a clean build would.
func TestEditedCachedTemplateRemakesItsPages(t *testing.T) {
	root, _ := generated(t, 20)
	withBaseNote(t, root, `<p class="note">First note, {{.Dossier}}.</p>`)
	out := filepath.Join(t.TempDir(), "public")
	_, stderr, err := buildAt(root, out, "")
	require.NoError(t, err, stderr)

	writeText(t, filepath.Join(root, "templates", "partials", "note.html"), `{{define "note"}}<p class="note">Second note.</p>{{end}}`)
	res, _ := rebuildMatchesClean(t, root, out, "the cached partial is edited")
	assert.Less(t, res.KeptPages, res.Stats.Pages/4, "every page runs the note")
	b, err := os.ReadFile(filepath.Join(out, "index.html"))
	require.NoError(t, err)
	assert.Contains(t, string(b), `<p class="note">Second note.</p>`)
}
