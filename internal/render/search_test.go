package render

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dossier-project/dossier/internal/content"
	"github.com/dossier-project/dossier/internal/markdown"
	"github.com/dossier-project/dossier/internal/source"
)

// A build starts the search index before the renderer indexes the site
// (Sources.StartIndex), which is what sets the titles of the bodies' links:
// the index's pages must read the same either way.
func TestSearchDocsTitleLinksBeforeTheSiteIsIndexed(t *testing.T) {
	fsys := fstest.MapFS{
		"seeds/000_ab.txt":           {Data: []byte("Border report\nPakistan closed the crossing.\n")},
		"content/dossier.yaml":       {Data: []byte("title: Test\nsides:\n  - {slug: pakistan, label: Pakistan, color: \"#15803d\"}\n")},
		"content/index.md":           {Data: []byte("---\ntitle: Home\n---\nSee [[pakistan]], [[asif]] and [[pakistan|the state]] [@000:2].\n")},
		"content/actors/pakistan.md": {Data: []byte("---\nname: Islamic Republic of Pakistan\nkind: state\nside: pakistan\nrole: State\n---\nA state [@000:2].\n")},
		"content/actors/asif.md":     {Data: []byte("---\nname: Khawaja Asif\nkind: person\nside: pakistan\nrole: Minister\ndraft: true\n---\nA minister [@000:2].\n")},
	}
	corpus, ps := source.Load(fsys)
	require.Empty(t, ps)
	site, ps := content.Load(fsys, markdown.New())
	require.Empty(t, ps)

	early := searchDocs(site)
	r := &renderer{in: Input{Corpus: corpus, Site: site}, settings: site.Settings}
	r.index()
	assert.Equal(t, searchDocs(site), early)

	var home string
	for _, d := range early {
		if d.URL == "index.html" {
			home = d.Text
		}
	}
	// A published page's title, a draft's target as written, a label as
	// written.
	assert.True(t, strings.HasPrefix(home, "See Islamic Republic of Pakistan, asif and the state"), home)
}
