package build

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dossier-project/dossier/internal/cache"
	"github.com/dossier-project/dossier/internal/linkcheck"
	"github.com/dossier-project/dossier/internal/testtree"
)

// project returns a temporary project on disk: the fixture site plus the
// real templates and static assets.
func project(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	testtree.Copy(t, "testdata/site", dir)
	testtree.Copy(t, "../../templates", filepath.Join(dir, "templates"))
	testtree.Copy(t, "../../static", filepath.Join(dir, "static"))
	return dir
}

// buildAt builds the project folder root into out (root/public when out is
// ""), with its cache in root/.dossier-cache as the command line keeps it.
// It returns the result and the problems and warnings, one per line, as the
// command line prints them.
func buildAt(root, out, baseURL string) (*Result, string, error) {
	return buildWith(Options{Project: os.DirFS(root), Out: out, CacheDir: filepath.Join(root, cache.Dir), BaseURL: baseURL}, root)
}

// buildWith runs a build with o; root fills o.Out when it is "".
func buildWith(o Options, root string) (*Result, string, error) {
	if o.Out == "" {
		o.Out = filepath.Join(root, "public")
	}
	res, err := Build(context.Background(), o)
	var b strings.Builder
	for _, p := range res.Problems {
		b.WriteString(p.String() + "\n")
	}
	for _, w := range res.Warnings {
		b.WriteString("warning: " + w.Error() + "\n")
	}
	return res, b.String(), err
}

func TestBuildWritesEveryPageType(t *testing.T) {
	dir := project(t)
	res, stderr, err := buildAt(dir, "", "")
	require.NoError(t, err, stderr)
	assert.Equal(t, 25, res.Stats.Pages, "pages built")

	pub := filepath.Join(dir, "public")
	for _, p := range []string{
		"index.html", "about/index.html", "404.html", ".nojekyll", "data/dossier.json",
		"actors/index.html", "actors/khawaja-asif/index.html",
		"timeline/index.html", "timeline/2025-10-12-border-clashes/index.html",
		"figures/index.html", "figures/soldiers-killed-per-army/index.html",
		"topics/index.html", "topics/border-clashes/index.html",
		"sources/index.html", "sources/000/index.html",
		"measures/soldiers-killed/index.html", "disputes/index.html", "disputes/how-many-soldiers-died/index.html",
		"search/index.html", "print/index.html", "inbox/index.html", "inbox/000/index.html", "data/inbox/000.json", "atom.xml", "sitemap.xml",
		"assets/style.css", "assets/chroma.css", "assets/sides.css", "assets/favicon.svg", "assets/dossier.js",
		"assets/search/index.js", "assets/search/engine.js",
	} {
		assert.FileExists(t, filepath.Join(pub, p))
	}

	actor := read(t, pub, "actors/khawaja-asif/index.html")
	assert.Contains(t, actor, `<a href="../../sources/000/index.html#L8" aria-describedby="cite-1-1-tip">[1]</a>`, "citation links the exact line")
	assert.Contains(t, actor, `Border clashes kill soldiers as talks falter, Test Wire, 12 October 2025`, "reference names title, publisher and date")
	assert.Contains(t, actor, `Khawaja Asif, the defence minister, said talks in Doha “would continue”.`, "tooltip and reference quote the line")
	assert.Contains(t, actor, `Mentioned in the sources`)

	figures := read(t, pub, "figures/index.html")
	assert.Contains(t, figures, "contested", "claims of two parties under one measure are marked contested")
	assert.Contains(t, figures, `<svg class="bar"`, "each claim has its bar")
	iArmy, iTaliban := strings.Index(figures, `href="../figures/soldiers-killed-per-army/index.html">23<`), strings.Index(figures, `href="../figures/soldiers-killed-per-taliban/index.html">58<`)
	assert.True(t, iArmy > 0 && iTaliban > 0, "both claims are listed side by side, each value linking its figure")

	src := read(t, pub, "sources/000/index.html")
	assert.Contains(t, src, `id="L4"`)
	assert.Contains(t, src, `class="sl cited" id="L4"`, "cited lines are marked")
	assert.Contains(t, src, `class="sl boilerplate" id="L5"`, "boilerplate is marked")
	assert.Contains(t, src, `repeats <a href="#L4">line 4</a>`, "repeated paragraphs are marked")
	assert.Contains(t, src, `cited by`)

	var data struct {
		Sources []struct {
			ID       string
			URL      string
			Articles []struct {
				FirstLine int     `json:"first_line"`
				Published *string `json:"published"`
			}
		}
		Actors []struct {
			Slug      string
			Citations []string
			Mentions  []string
		}
		Figures []struct {
			Slug     string
			Value    float64
			Source   string
			Reviewed bool
		}
	}
	require.NoError(t, json.Unmarshal([]byte(read(t, pub, "data/dossier.json")), &data))
	require.Len(t, data.Sources, 1)
	assert.Equal(t, "sources/000/", data.Sources[0].URL)
	require.Len(t, data.Sources[0].Articles, 2)
	assert.Nil(t, data.Sources[0].Articles[1].Published, "unknown dates export as null")
	assert.Equal(t, []string{"000:8"}, data.Actors[0].Citations)
	assert.Equal(t, []string{"000:8"}, data.Actors[0].Mentions, "Khawaja Asif is named on line 8 only")
	assert.Equal(t, 1500000.0, data.Figures[0].Value)
}

func read(t *testing.T, dir, p string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, p))
	require.NoError(t, err)
	return string(b)
}

func TestBuiltSiteLinksResolve(t *testing.T) {
	dir := project(t)
	_, stderr, err := buildAt(dir, "", "")
	require.NoError(t, err, stderr)
	rep, err := linkcheck.Check(filepath.Join(dir, "public"))
	require.NoError(t, err)
	assert.Greater(t, rep.Links, 100)
	assert.Empty(t, rep.Problems)
}

func TestBuildIsDeterministic(t *testing.T) {
	dir := project(t)
	a, b := filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")
	_, stderr, err := buildAt(dir, a, "")
	require.NoError(t, err, stderr)
	_, stderr, err = buildAt(dir, b, "")
	require.NoError(t, err, stderr)
	sa, sb := testtree.Read(t, a), testtree.Read(t, b)
	require.Equal(t, len(sa), len(sb))
	for p, bytesA := range sa {
		assert.True(t, bytes.Equal(bytesA, sb[p]), "%s differs between two builds", p)
	}
}

func TestFailedBuildKeepsPreviousSite(t *testing.T) {
	dir := project(t)
	_, stderr, err := buildAt(dir, "", "")
	require.NoError(t, err, stderr)
	before := testtree.Read(t, filepath.Join(dir, "public"))

	page := filepath.Join(dir, "content/actors/khawaja-asif.md")
	b, err := os.ReadFile(page)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(page, bytes.Replace(b, []byte("[@000:8]"), []byte("[@000:99]"), 1), 0o644))

	_, stderr, err = buildAt(dir, "", "")
	require.ErrorIs(t, err, ErrProblems)
	assert.Contains(t, stderr, "content/actors/khawaja-asif.md:8: citation 000:99: seed 000 has only 11 lines")
	assert.Equal(t, before, testtree.Read(t, filepath.Join(dir, "public")), "a failed build must not touch public/")
	assert.Empty(t, testtree.Leftovers(t, dir), "no temporary folders are left")
}

// A first build that finds a problem writes nothing beside the project:
// no site folder, and no work folder for one.
func TestFailedFirstBuildLeavesNothing(t *testing.T) {
	dir := project(t)
	page := filepath.Join(dir, "content/actors/khawaja-asif.md")
	b, err := os.ReadFile(page)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(page, bytes.Replace(b, []byte("[@000:8]"), []byte("[@000:99]"), 1), 0o644))

	_, stderr, err := buildAt(dir, "", "")
	require.ErrorIs(t, err, ErrProblems, stderr)
	assert.NoDirExists(t, filepath.Join(dir, "public"))
	assert.NoDirExists(t, filepath.Join(dir, ".public.publish"))
}

// writeFile returns an edit writing data to the project-relative path rel.
func writeFile(rel string, data []byte) func(t *testing.T, dir string) {
	return func(t *testing.T, dir string) {
		t.Helper()
		require.NoError(t, os.MkdirAll(filepath.Dir(filepath.Join(dir, rel)), 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(dir, rel), data, 0o644))
	}
}

func lines(s string) []string { return strings.Split(strings.TrimRight(s, "\n"), "\n") }
