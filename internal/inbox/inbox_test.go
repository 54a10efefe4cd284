package inbox

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dossier-project/dossier/internal/content"
	"github.com/dossier-project/dossier/internal/markdown"
	"github.com/dossier-project/dossier/internal/source"
	"github.com/dossier-project/dossier/internal/verify"
)

const seed = `Border report
Published On 14 Nov 2025
Share
Afghan officials said nine children were wounded on Monday night in Spin Boldak.
Pakistan’s Commerce Minister Jam Kamal Khan said 23 soldiers died on Thursday.
Analyst Ayesha Siddiqa said “the crossing is the lifeline of both economies”.
`

const settings = "title: Test\nsides:\n  - {slug: pakistan, label: Pakistan, color: \"#15803d\"}\n  - {slug: other, label: Others, color: \"#6b7280\"}\n"

func site(t *testing.T, pages map[string]string) (*source.Corpus, *content.Site) {
	t.Helper()
	fsys := fstest.MapFS{
		"seeds/000_ab.txt":           {Data: []byte(seed)},
		"content/index.md":           {Data: []byte("---\ntitle: Home\n---\nHome [@000:4].\n")},
		"content/actors/pakistan.md": {Data: []byte("---\nname: Pakistan\nkind: state\nside: pakistan\nrole: State\n---\nA state [@000:5].\n")},
		"content/dossier.yaml":       {Data: []byte(settings)},
	}
	for p, body := range pages {
		fsys["content/"+p] = &fstest.MapFile{Data: []byte(body)}
	}
	c, ps := source.Load(fsys)
	require.Empty(t, ps)
	s, ps := content.Load(fsys, markdown.New())
	require.Empty(t, ps)
	return c, s
}

func labels(ib *Inbox) []string {
	var out []string
	for _, s := range ib.Sources {
		for _, it := range s.Items() {
			l := fmt.Sprintf("%d %s %s", it.Line, it.Kind, it.Value)
			if it.Drafted != "" {
				l += " drafted"
			}
			out = append(out, l)
		}
	}
	return out
}

func TestBuildLeavesOutWhatPagesCover(t *testing.T) {
	c, s := site(t, nil)
	all := labels(Build(c, s))
	for _, want := range []string{"4 place Spin Boldak", "4 date 2025-11-10", "4 figure nine", "5 name Jam Kamal Khan",
		"5 figure 23", "5 date 2025-11-13", "6 name Ayesha Siddiqa", "6 quote the crossing is the lifeline of both economies"} {
		assert.Contains(t, all, want, "inbox with no covering pages")
	}

	c, s = site(t, map[string]string{
		// a figure with the same value and line
		"figures/soldiers.md":       "---\ntitle: Soldiers\nvalue: 23\nclaimed_by: pakistan\nsource: \"000:5\"\nmeasure: soldiers-died\n---\nKhan gave 23 [@000:5].\n",
		"measures/soldiers-died.md": "---\ntitle: Soldiers who died\nunit: count\nrelation: single\n---\n",
		// an event with the same date citing the line
		"timeline/2025-11-10-shelling.md": "---\ntitle: Shelling\ndate: 2025-11-10\nprecision: day\n---\nShelling [@000:4].\n",
		// an actor with the name; a page quoting the quotation
		"actors/jam-kamal-khan.md": "---\nname: Jam Kamal Khan\nkind: person\nside: pakistan\nrole: Minister\n---\nThe analyst said \"the crossing is the lifeline\" [@000:6].\n",
		// a draft covers a figure but stays in the inbox, marked
		"figures/children.md":          "---\ntitle: Children\nvalue: 9\nclaimed_by: pakistan\nsource: \"000:4\"\nmeasure: children-wounded\ndraft: true\n---\nNine [@000:4].\n",
		"measures/children-wounded.md": "---\ntitle: Children wounded\nunit: count\nrelation: single\ndraft: true\n---\n",
	})
	got := labels(Build(c, s))
	for _, gone := range []string{"5 figure 23", "4 date 2025-11-10", "5 name Jam Kamal Khan", "6 quote the crossing is the lifeline of both economies"} {
		assert.NotContains(t, got, gone, "covered by a page")
	}
	assert.Contains(t, got, "4 figure nine drafted", "a draft marks, not removes")
	assert.Contains(t, got, "5 date 2025-11-13", "a date no event has")
}

func TestDraftsPassCheck(t *testing.T) {
	c, s := site(t, nil)
	ib := Build(c, s)
	drafts, skipped := Drafts(ib, c, s, []string{"000"})
	require.NotEmpty(t, drafts)
	fsys := fstest.MapFS{
		"seeds/000_ab.txt":           {Data: []byte(seed)},
		"content/index.md":           {Data: []byte("---\ntitle: Home\n---\nHome [@000:4].\n")},
		"content/actors/pakistan.md": {Data: []byte("---\nname: Pakistan\nkind: state\nside: pakistan\nrole: State\n---\nA state [@000:5].\n")},
		"content/dossier.yaml":       {Data: []byte(settings)},
	}
	paths := map[string]bool{}
	for _, d := range drafts {
		assert.False(t, paths[d.Path], "one draft per path: %s", d.Path)
		paths[d.Path] = true
		assert.Contains(t, string(d.Data), "\ndraft: true\n", d.Path)
		fsys[d.Path] = &fstest.MapFile{Data: d.Data}
	}
	assert.True(t, paths["content/actors/jam-kamal-khan.md"], "an actor for the new official")
	assert.True(t, paths["content/figures/23-soldiers-000.md"], "a figure for the new number")
	for _, sk := range skipped {
		assert.NotEmpty(t, sk.Reason, "skipped %v says why", sk.Item)
	}
	s2, ps := content.Load(fsys, markdown.New())
	require.Empty(t, ps, "drafts load")
	assert.Zero(t, verify.Check(c, s2).Errors(), "drafts pass verification: %v", verify.Check(c, s2))
	for _, d := range drafts {
		if strings.Contains(d.Path, "figures/23-soldiers") {
			assert.Contains(t, string(d.Data), "claimed_by: jam-kamal-khan", "the drafted speaker claims the figure")
		}
	}
	// A second round drafts nothing: every item is now covered by a draft.
	again, _ := Drafts(Build(c, s2), c, s2, []string{"000"})
	assert.Empty(t, again, "drafting twice writes nothing new")
}
