package verify

import (
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dossier-project/dossier/internal/content"
	"github.com/dossier-project/dossier/internal/markdown"
	"github.com/dossier-project/dossier/internal/source"
)

func TestCoverageCountsContentLinesCited(t *testing.T) {
	fsys := fstest.MapFS{
		"seeds/001_aa.txt":     {Data: []byte("Talks resume in Doha\nOfficials said the talks would resume in Doha next week.\n\nA second line of the article.\nOfficials said the talks would resume in Doha next week.\nA third line.\n")},
		"seeds/002_bb.txt":     {Data: []byte("Border reopens\nThe crossing reopened on Monday.\n")},
		"content/dossier.yaml": {Data: []byte("title: A test\ndescription: A test dossier.\nlanguage: en\nsides:\n  - {slug: regional, label: Regional, color: \"#7c3aed\"}\nperiod: 2025-10/2025-11\n")},
		"content/index.md":     {Data: []byte("---\ntitle: Briefing\n---\nThe briefing.\n")},
		"content/actors/a.md": {Data: []byte("---\nname: A Person\nkind: person\nside: regional\nrole: An official\n---\n" +
			"A person spoke of the talks [@001:2; @001:4].\n")},
		"content/actors/b.md": {Data: []byte("---\nname: B Person\nkind: person\nside: regional\nrole: An official\ndraft: true\n---\n" +
			"A draft cites the crossing [@002:2].\n")},
	}
	corpus, ps := source.Load(fsys)
	require.Zero(t, ps.Errors(), "%v", ps)
	site, ps := content.Load(fsys, markdown.New())
	require.Zero(t, ps.Errors(), "%v", ps)

	// Content lines: 001 has the headline, lines 2 and 4 and 6 (5 repeats 2,
	// 3 is blank); 002 has two. The draft's citation does not count.
	cov := Measure(corpus, site)
	assert.Equal(t, 6, cov.Content)
	assert.Equal(t, 2, cov.Cited)
	assert.Equal(t, []source.Ref{{Seed: "001", First: 1, Last: 1}, {Seed: "001", First: 6, Last: 6},
		{Seed: "002", First: 1, Last: 1}, {Seed: "002", First: 2, Last: 2}}, cov.Uncited)
	assert.Equal(t, Coverage{Content: 6, Cited: 2}, Count(corpus, site), "the same counts, no list")
}
