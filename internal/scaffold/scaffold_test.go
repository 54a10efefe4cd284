package scaffold

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dossier-project/dossier/internal/build"
	"github.com/dossier-project/dossier/internal/linkcheck"
)

// buildProject builds the project in dir into dir/public and checks the
// site's links.
func buildProject(t *testing.T, dir string) string {
	t.Helper()
	out := filepath.Join(dir, "public")
	res, err := build.Build(context.Background(), build.Options{Project: os.DirFS(dir), Out: out})
	require.NoError(t, err, "build of %s: %v", dir, res.Problems)
	assert.Empty(t, res.Problems, "a new dossier builds without a warning")
	rep, err := linkcheck.Check(out)
	require.NoError(t, err)
	assert.Empty(t, rep.Problems, "links of the site built from %s", dir)
	assert.Greater(t, rep.Pages, 10, "pages checked")
	return out
}

func readFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	require.NoError(t, err)
	return string(b)
}

// TestNewDossierBuildsAtOnce: the project Write makes, with neither
// templates/ nor static/, builds with the embedded theme and clean links,
// and carries what a dossier needs, named in its own words.
func TestNewDossierBuildsAtOnce(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "demo") // missing: Write creates it
	written, err := Write(dir, Options{})
	require.NoError(t, err)
	for _, f := range []string{"content/dossier.yaml", "content/index.md", "content/about.md", "seeds/sources.yaml", ".gitignore", ".github/workflows/pages.yml"} {
		assert.Contains(t, written, f)
		assert.FileExists(t, filepath.Join(dir, filepath.FromSlash(f)))
	}
	assert.NoDirExists(t, filepath.Join(dir, "templates"), "the theme comes from the binary")
	assert.NoDirExists(t, filepath.Join(dir, "static"))

	out := buildProject(t, dir)
	home := readFile(t, filepath.Join(out, "index.html"))
	assert.Contains(t, home, "Riverton town council", "the example sides' labels show")
	assert.Contains(t, readFile(t, filepath.Join(out, "assets", "sides.css")), ".side-ferry-workers { --side: #b45309; }", "and their colours")
	assert.FileExists(t, filepath.Join(out, "actors", "maria-ortiz", "index.html"))
	for _, word := range []string{"Pakistan", "Afghan", "Taliban"} {
		assert.NotContains(t, strings.ToLower(home), strings.ToLower(word), "the example names no other dossier")
	}
	gitignore := readFile(t, filepath.Join(dir, ".gitignore"))
	for _, p := range []string{"/public/", "/.dossier-cache/", "/.public.publish/"} {
		assert.Contains(t, gitignore, p, ".gitignore keeps the build's folders out of git")
	}
}

// TestExampleSeedIsNamedByItsHash: the example seed is named as ingest
// would name it, NNN_<first 16 hex digits of its SHA-256>.txt, and
// sources.yaml names that file.
func TestExampleSeedIsNamedByItsHash(t *testing.T) {
	seeds, err := fs.Glob(files, "project/seeds/*.txt")
	require.NoError(t, err)
	require.Len(t, seeds, 1)
	b, err := fs.ReadFile(files, seeds[0])
	require.NoError(t, err)
	sum := sha256.Sum256(b)
	name := "000_" + hex.EncodeToString(sum[:])[:16] + ".txt"
	assert.Equal(t, name, filepath.Base(seeds[0]))
	meta, err := fs.ReadFile(files, "project/seeds/sources.yaml")
	require.NoError(t, err)
	assert.Contains(t, string(meta), "file: "+name)
}

// TestWriteRefusesAFolderInUse: a folder holding anything, even a hidden
// file, is left exactly as it was, and the message names it and says why.
func TestWriteRefusesAFolderInUse(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, ".keep"), []byte("mine"), 0o644))
	written, err := Write(dir, Options{})
	require.Error(t, err)
	assert.Empty(t, written)
	assert.Equal(t, dir+" is not empty (it holds .keep): a new dossier goes into a new or empty folder; name another one", err.Error())
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Len(t, entries, 1, "nothing was written")

	file := filepath.Join(dir, ".keep")
	_, err = Write(file, Options{})
	assert.EqualError(t, err, file+" is a file, not a folder: name a new folder for the dossier")

	empty := t.TempDir()
	_, err = Write(empty, Options{})
	assert.NoError(t, err, "an empty folder is used")
}

// TestWorkflowRunsTheReleaseThatWroteIt: a released program pins its own
// version in the Pages workflow; a development build names the latest
// release, since its own version cannot be fetched.
func TestWorkflowRunsTheReleaseThatWroteIt(t *testing.T) {
	tests := []struct{ version, want string }{
		{"v1.4.2", "cmd/dossier@v1.4.2 build"},
		{"(devel)", "cmd/dossier@latest build"},
		{"v0.0.0-20261120101010-0123456789ab+dirty", "cmd/dossier@latest build"},
		{"", "cmd/dossier@latest build"},
	}
	for _, tt := range tests {
		dir := t.TempDir()
		_, err := Write(dir, Options{Version: tt.version})
		require.NoError(t, err)
		wf := readFile(t, filepath.Join(dir, ".github", "workflows", "pages.yml"))
		assert.Contains(t, wf, "go run github.com/dossier-project/dossier/"+tt.want, "workflow written by %q", tt.version)
	}
}

// TestWorkflowUsesTheOfficialPagesActions: the workflow deploys with the
// official actions at the majors the project itself uses, and gives the
// build the published address.
func TestWorkflowUsesTheOfficialPagesActions(t *testing.T) {
	b, err := fs.ReadFile(files, "project/"+workflow)
	require.NoError(t, err)
	wf := string(b)
	uses := regexp.MustCompile(`uses: (\S+)`).FindAllStringSubmatch(wf, -1)
	var got []string
	for _, u := range uses {
		got = append(got, u[1])
	}
	assert.Equal(t, []string{"actions/checkout@v7", "actions/setup-go@v7", "actions/configure-pages@v6", "actions/upload-pages-artifact@v5", "actions/deploy-pages@v5"}, got)
	assert.Contains(t, wf, `build -base-url "${{ steps.pages.outputs.base_url }}/"`)
	assert.Contains(t, wf, "path: public")
}

// TestThemeCopyBuildsAndOverrides: with Theme the project holds the theme's
// layouts and assets, builds as it is, and its edited copies are what the
// site uses: style.css in static/ and a layout in templates/.
func TestThemeCopyBuildsAndOverrides(t *testing.T) {
	dir := t.TempDir()
	written, err := Write(dir, Options{Theme: true})
	require.NoError(t, err)
	assert.Contains(t, written, "templates/base.html")
	assert.Contains(t, written, "static/style.css")
	assert.NoFileExists(t, filepath.Join(dir, "static", "static.go"), "the theme's Go files stay in the program")
	buildProject(t, dir)

	css := filepath.Join(dir, "static", "style.css")
	require.NoError(t, os.WriteFile(css, []byte(readFile(t, css)+"\n.restyled { color: teal; }\n"), 0o644))
	layout := filepath.Join(dir, "templates", "page.html")
	require.NoError(t, os.WriteFile(layout, []byte(strings.Replace(readFile(t, layout), "<article>", `<article class="restyled">`, 1)), 0o644))
	out := buildProject(t, dir)
	assert.Equal(t, readFile(t, css), readFile(t, filepath.Join(out, "assets", "style.css")), "the project's style.css is the site's")
	assert.Contains(t, readFile(t, filepath.Join(out, "about", "index.html")), `<article class="restyled">`, "the project's page.html lays out the about page")
}

// TestOneFileOverridesTheTheme: without Theme, a project adding only
// static/style.css and templates/page.html gets those two from itself and
// everything else from the theme.
func TestOneFileOverridesTheTheme(t *testing.T) {
	dir := t.TempDir()
	_, err := Write(dir, Options{})
	require.NoError(t, err)
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "static"), 0o755))
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "templates"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "static", "style.css"), []byte("body { color: teal; }\n"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "templates", "page.html"), []byte(`{{define "main"}}<article class="mine"><h1>{{.Title}}</h1>{{.Body}}</article>{{end}}`), 0o644))
	out := buildProject(t, dir)
	assert.Equal(t, "body { color: teal; }\n", readFile(t, filepath.Join(out, "assets", "style.css")))
	assert.FileExists(t, filepath.Join(out, "assets", "dossier.js"), "assets the project lacks come from the theme")
	about := readFile(t, filepath.Join(out, "about", "index.html"))
	assert.Contains(t, about, `<article class="mine"><h1>About this dossier</h1>`)
	assert.Contains(t, about, `<header class="site">`, "layouts the project lacks come from the theme")
}
