package content

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dossier-project/dossier/internal/markdown"
)

const (
	index    = "---\ntitle: Briefing\n---\nBody [@000:1]\n"
	settings = "title: Test\nsides:\n  - {slug: pakistan, label: Pakistan, color: \"#15803d\"}\n"
)

func load(t *testing.T, files map[string]string) (*Site, []string) {
	t.Helper()
	fsys := fstest.MapFS{"content/index.md": {Data: []byte(index)}, "content/dossier.yaml": {Data: []byte(settings)}}
	for p, s := range files {
		fsys[p] = &fstest.MapFile{Data: []byte(s)}
	}
	site, ps := Load(fsys, markdown.New())
	var msgs []string
	for _, p := range ps {
		msgs = append(msgs, p.String())
	}
	return site, msgs
}

func TestLoadTypedPages(t *testing.T) {
	site, problems := load(t, map[string]string{
		"content/actors/khawaja-asif.md":       "---\nname: Khawaja Asif\naliases: [Khawaja Muhammad Asif]\nkind: person\nside: pakistan\nrole: Defence minister\n---\nText [@000:1]\n",
		"content/timeline/2025-10-09-kabul.md": "---\ntitle: Explosions in Kabul\ndate: 2025-10-09\nprecision: day\nactors: [khawaja-asif]\ntopics: []\n---\nText\n",
		"content/figures/f.md":                 "---\ntitle: F\nvalue: 1.5e6\nqualifier: about\nunit: people\nas_of: 2025-10\nclaimed_by: khawaja-asif\nsource: \"000:3\"\nmeasure: m\n---\nText\n",
		"content/topics/t.md":                  "---\ntitle: T\nsummary: S\nactors: [khawaja-asif]\ndraft: true\n---\nText\n",
	})
	require.Empty(t, problems)
	require.Len(t, site.Actors, 1)
	a := site.Actors[0]
	assert.Equal(t, "Khawaja Asif", a.Title())
	assert.Equal(t, 8, a.BodyLine, "five front-matter lines put the closing --- on line 7 and the body on 8")
	assert.Equal(t, "2025-10-09", site.Events[0].Date.String())
	assert.Equal(t, 1500000.0, site.Figures[0].Value)
	assert.Equal(t, "000:3", site.Figures[0].Source.String())
	assert.Equal(t, "2025-10", site.Figures[0].AsOf.String())
	assert.True(t, site.Topics[0].Draft)

	for _, target := range []string{"khawaja-asif", "Khawaja Asif", "khawaja muhammad asif", "Explosions in Kabul"} {
		p, err := site.Resolve(target)
		require.NoError(t, err, "Resolve(%q)", target)
		assert.NotNil(t, p, "Resolve(%q)", target)
	}
	_, err := site.Resolve("Nobody")
	assert.Error(t, err)
}

// TestPageNodesAreTheBodys: the citations and links a decoded page keeps
// are the nodes of its tree, in order, and a page made by hand finds them.
func TestPageNodesAreTheBodys(t *testing.T) {
	site, problems := load(t, map[string]string{
		"content/actors/a.md": "---\nname: A\nkind: person\nside: pakistan\n---\n# Heading [@000:2]\n\nText [@000:1; @000:3] and [[b]], [[b|B]].\n\n> quote [@000:4]\n",
		"content/actors/b.md": "---\nname: B\nkind: person\nside: pakistan\n---\nNo citation.\n",
	})
	require.Empty(t, problems)
	for _, p := range site.Pages() {
		cites, links := p.Nodes()
		wantCites, wantLinks := markdown.Nodes(p.AST)
		assert.Equal(t, wantCites, cites, p.File)
		assert.Equal(t, wantLinks, links, p.File)
		if p.Slug == "a" {
			assert.Len(t, cites, 3, "citations in a heading, a paragraph and a quotation")
			assert.Len(t, links, 2)
			for i := range cites {
				assert.Same(t, wantCites[i], cites[i], "the tree's own nodes")
			}
		}
	}
	byHand := &Page{Body: []byte("x [@000:1] [[a]]"), AST: markdown.New().Parse([]byte("x [@000:1] [[a]]"))}
	cites, links := byHand.Nodes()
	assert.Len(t, cites, 1)
	assert.Len(t, links, 1)
}

func TestLoadProblems(t *testing.T) {
	actor := func(fm string) string { return "---\n" + fm + "\n---\nText [@000:1]\n" }
	ok := "name: A\nkind: person\nside: pakistan\nrole: r"
	tests := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"missing front matter", map[string]string{"content/actors/a.md": "Just text\n"}, "content/actors/a.md:1: missing front matter"},
		{"unclosed front matter", map[string]string{"content/actors/a.md": "---\nname: A\n"}, "content/actors/a.md:1: front matter is not closed"},
		{"unknown key", map[string]string{"content/actors/a.md": actor(ok + "\nnmae: B")}, `content/actors/a.md:6: front matter: unknown key "nmae"; use one of name, aliases, kind, side, role, places, weight, draft`},
		{"wrong type", map[string]string{"content/figures/f.md": "---\ntitle: F\nvalue: many\n---\n"}, "content/figures/f.md:3: front matter: `many` is not a number"},
		{"malformed YAML", map[string]string{"content/actors/a.md": actor("name: [A\nkind: person")}, "content/actors/a.md:"},
		{"bad enum", map[string]string{"content/actors/a.md": actor("name: A\nkind: alien\nside: pakistan")}, `content/actors/a.md:3: front matter: kind "alien" is not one of`},
		{"missing required", map[string]string{"content/actors/a.md": actor("kind: person\nside: pakistan")}, "content/actors/a.md:1: front matter: name is required"},
		{"bad date", map[string]string{"content/timeline/e.md": "---\ntitle: E\ndate: 2025-02-30\nprecision: day\n---\n"}, `content/timeline/e.md:3: front matter: date "2025-02-30" does not exist`},
		{"precision beyond date", map[string]string{"content/timeline/e.md": "---\ntitle: E\ndate: 2025-10\nprecision: day\n---\n"}, `content/timeline/e.md:4: front matter: precision "day" claims more than the date 2025-10 gives`},
		{"bad source ref", map[string]string{"content/figures/f.md": "---\ntitle: F\nvalue: 1\nunit: u\nclaimed_by: a\nsource: \"line 4\"\nmeasure: m\n---\n"}, `content/figures/f.md:6: front matter: source: "line 4" is not a source reference`},
		{"duplicate slug", map[string]string{"content/actors/x.md": actor(ok), "content/topics/x.md": "---\ntitle: T\nsummary: S\n---\n"}, `duplicate slug "x"`},
		{"shared alias", map[string]string{"content/actors/a.md": actor(ok + "\naliases: [Asif]"), "content/actors/b.md": actor("name: B\nkind: person\nside: pakistan\naliases: [Asif]")}, `content/actors/b.md:1: name or alias "Asif" is also used by content/actors/a.md`},
		{"bad slug", map[string]string{"content/actors/Khawaja Asif.md": actor(ok)}, `is not a slug`},
		{"stray folder", map[string]string{"content/people/a.md": actor(ok)}, `unexpected folder "people/"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, problems := load(t, tt.files)
			assert.Contains(t, strings.Join(problems, "\n"), tt.want)
		})
	}
}

func TestMissingContent(t *testing.T) {
	_, ps := Load(fstest.MapFS{}, markdown.New())
	require.NotEmpty(t, ps)
	assert.Contains(t, ps[0].String(), "content: cannot read the content folder")
}

// A page that cannot be loaded is reported once; resolving it by slug or by
// a name its front matter still shows says so rather than claiming the page
// does not exist.
func TestUnloadedPageIsNamed(t *testing.T) {
	s, problems := load(t, map[string]string{
		"content/actors/a.md": "---\nname: Abdul\naliases: [Abu]\nrole: [x\n---\nText [@000:1]\n",
		"content/actors/b.md": "---\nname: Bashir\nkind: person\nside: pakistan\nrank: 3\n---\nText [@000:1]\n",
	})
	require.Equal(t, []string{
		"content/actors/a.md:4: front matter: did not find expected ',' or ']'",
		`content/actors/b.md:5: front matter: unknown key "rank"; use one of name, aliases, kind, side, role, places, weight, draft`,
	}, problems)
	assert.Equal(t, "content/actors/a.md", s.Unloaded("a"))
	for target, file := range map[string]string{"a": "content/actors/a.md", "b": "content/actors/b.md", "Bashir": "content/actors/b.md"} {
		_, err := s.Resolve(target)
		assert.ErrorIs(t, err, ErrUnloaded, "Resolve(%q)", target)
		assert.EqualError(t, err, file+" could not be loaded; fix the problem reported for it first", "Resolve(%q)", target)
	}
	_, err := s.Resolve("c")
	assert.EqualError(t, err, `no page has the slug, name, alias or title "c"`)
}
