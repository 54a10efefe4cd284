package build

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dossier-project/dossier/internal/cache"
	"github.com/dossier-project/dossier/internal/render"
	"github.com/dossier-project/dossier/internal/testtree"
)

// seedFiles counts the files of the site at out made from one seed each:
// the source viewers, the inbox pages and the inbox files.
func seedFiles(t *testing.T, out string) int {
	t.Helper()
	n := 0
	for _, pattern := range []string{"sources/*/index.html", "inbox/*/index.html", "data/inbox/*.json"} {
		files, err := filepath.Glob(filepath.Join(out, filepath.FromSlash(pattern)))
		require.NoError(t, err)
		n += len(files)
	}
	require.Positive(t, n, "files made from one seed")
	return n
}

// curatedFiles counts the pages of the site at out made from curated pages
// that read no more of the seeds than the lines curated pages cite, and how
// often each place is named (see render.seedReads): theirs, and the
// printable page, which holds them all without maps.
func curatedFiles(t *testing.T, out string) int {
	t.Helper()
	n := 0
	for _, pattern := range []string{"timeline/*/index.html", "figures/*/index.html", "measures/*/index.html", "disputes/*/index.html", "topics/*/index.html", "about/index.html", "print/index.html"} {
		files, err := filepath.Glob(filepath.Join(out, filepath.FromSlash(pattern)))
		require.NoError(t, err)
		n += len(files)
	}
	require.Positive(t, n, "curated pages")
	return n
}

// addSeed writes a seed with the ID id to the project at root, naming no
// actor and no place.
func addSeed(t *testing.T, root, id string) {
	t.Helper()
	text := "A note " + id + "\nOfficials said on Friday that talks would resume within days.\n"
	sum := sha256.Sum256([]byte(text))
	writeText(t, filepath.Join(root, "seeds", id+"_"+hex.EncodeToString(sum[:8])+".txt"), text)
}

// TestStampsKeepWhatOneSeedMade adds seeds to a built project: the rebuild
// keeps every file made from one of the other seeds, and every page made
// from a curated page that reads only cited lines, by its stamp, without
// making its key. A change to anything but a seed's text changes every
// stamp: the rebuild after it keeps files by their keys, and records their
// new stamps, which the next new seed's rebuild uses again.
func TestStampsKeepWhatOneSeedMade(t *testing.T) {
	// The files kept by their stamps are not prepared, as outside the
	// tests: nothing a build counts (the citations) may depend on it.
	checkStamps = false
	t.Cleanup(func() { checkStamps = true })
	root, _ := generated(t, 20)
	out := filepath.Join(t.TempDir(), "public")
	res, stderr, err := buildAt(root, out, "")
	require.NoError(t, err, stderr)
	assert.Zero(t, res.Stamped, "a first build keeps nothing")

	before := seedFiles(t, out) + curatedFiles(t, out)
	addSeed(t, root, "020")
	res, _ = rebuildMatchesClean(t, root, out, "a seed is added")
	assert.Equal(t, before, res.Stamped, "the other seeds' files and the curated pages are kept by their stamps")

	b, err := os.ReadFile("../../static/style.css")
	require.NoError(t, err)
	writeText(t, filepath.Join(root, "static", "style.css"), string(b)+"\n/* edited */\n")
	res, _ = rebuildMatchesClean(t, root, out, "the project overrides style.css")
	assert.Zero(t, res.Stamped, "a file that is not a seed's text changes every stamp")
	assert.Greater(t, res.Kept, res.Files*3/4, "the files are kept by their keys")

	before = seedFiles(t, out) + curatedFiles(t, out)
	addSeed(t, root, "021")
	res, _ = rebuildMatchesClean(t, root, out, "another seed is added")
	assert.Equal(t, before, res.Stamped, "the stamps recorded by the rebuild before are used")
}

// TestStampsFollowTheBaseURL builds a project whose source layout shows the
// address the site is published at, then builds it for another address:
// every stamp changes, and the source viewers show the new address.
func TestStampsFollowTheBaseURL(t *testing.T) {
	root, _ := generated(t, 5)
	b, err := os.ReadFile("../../templates/source.html")
	require.NoError(t, err)
	require.Contains(t, string(b), "</h1>")
	writeText(t, filepath.Join(root, "templates", "source.html"), strings.Replace(string(b), "</h1>", `</h1><p class="at">{{.BaseURL}}</p>`, 1))
	out := filepath.Join(t.TempDir(), "public")
	_, stderr, err := buildAt(root, out, "https://a.example/")
	require.NoError(t, err, stderr)

	res, stderr, err := buildAt(root, out, "https://b.example/")
	require.NoError(t, err, stderr)
	assert.Zero(t, res.Stamped, "another address changes every stamp")
	clean := filepath.Join(t.TempDir(), "clean")
	_, stderr, err = buildWith(Options{Project: os.DirFS(root), Out: clean, BaseURL: "https://b.example/"}, root)
	require.NoError(t, err, stderr)
	assert.Equal(t, testtree.Read(t, clean), testtree.Read(t, out), "the rebuild equals a clean build for the new address")
	page, err := os.ReadFile(filepath.Join(out, "sources", "000", "index.html"))
	require.NoError(t, err)
	assert.Contains(t, string(page), `<p class="at">https://b.example/</p>`)
}

// TestStampsFollowTheActorsProminence adds a seed naming an actor on more
// lines than the seeds name the actor of its side listed before it: the
// actors' order by prominence, which counts their mentions, changes, and
// with it the pages listing the actors in that order, the printable page
// among them, which is otherwise stamped as reading only cited lines.
func TestStampsFollowTheActorsProminence(t *testing.T) {
	root, _ := generated(t, 100) // ten actors: two sides have two each
	out := filepath.Join(t.TempDir(), "public")
	_, stderr, err := buildAt(root, out, "")
	require.NoError(t, err, stderr)
	b, err := os.ReadFile(filepath.Join(out, "data", "dossier.json"))
	require.NoError(t, err)
	var data struct {
		Actors []struct {
			Name, Side string
			Mentions   []string
		}
	}
	require.NoError(t, json.Unmarshal(b, &data))
	// Two actors of one side: the less named one is listed after the other.
	name, lines := "", 0
	for i, a := range data.Actors {
		for _, o := range data.Actors[i+1:] {
			if o.Side == a.Side {
				less, more := a, o
				if len(o.Mentions) < len(a.Mentions) {
					less, more = o, a
				}
				name, lines = less.Name, len(more.Mentions)+20
			}
		}
	}
	require.NotEmpty(t, name, "two actors of one side")
	var text strings.Builder
	text.WriteString("A report naming " + name + "\n")
	for i := range lines {
		fmt.Fprintf(&text, "%s said on Monday that talks would resume within %d days.\n", name, i+2)
	}
	sum := sha256.Sum256([]byte(text.String()))
	writeText(t, filepath.Join(root, "seeds", "100_"+hex.EncodeToString(sum[:8])+".txt"), text.String())
	before, err := os.ReadFile(filepath.Join(out, "print", "index.html"))
	require.NoError(t, err)
	rebuildMatchesClean(t, root, out, "a seed names an actor more often than another of its side")
	after, err := os.ReadFile(filepath.Join(out, "print", "index.html"))
	require.NoError(t, err)
	assert.NotEqual(t, len(before), 0)
	assert.False(t, bytes.Equal(before, after), "the printable page lists %s earlier", name)
}

// TestSeedStampsOutliveAnEditOfAPage edits curated pages of a built project.
// The files made from one seed read of the curated pages only what cites
// the seed (render.seedStamp): an edit that moves no citation keeps them
// all by their stamps; a citation moved to another line of a seed changes
// its viewer (the lines cited) and its inbox (what an event covers), and
// the first place changes every page's navigation. Each rebuild equals a
// clean build, and every file kept by its stamp has the key it had
// (checkStamps).
func TestSeedStampsOutliveAnEditOfAPage(t *testing.T) {
	require.True(t, checkStamps, "the package's tests check the stamps")
	root, out := builtGenerated(t)

	replaceIn(t, firstFile(t, filepath.Join(root, "content", "actors")), " is ", " is, according to the sources, ")
	res, _ := rebuildMatchesClean(t, root, out, "a page is edited")
	assert.GreaterOrEqual(t, res.Stamped, seedFiles(t, out), "every file made from one seed is kept by its stamp")

	seed, moveCitation := firstCitationMoved(t, root)
	viewer := filepath.Join(out, "sources", seed, "index.html")
	before, err := os.ReadFile(viewer)
	require.NoError(t, err)
	moveCitation()
	res, _ = rebuildMatchesClean(t, root, out, "an event cites another line")
	after, err := os.ReadFile(viewer)
	require.NoError(t, err)
	assert.NotEqual(t, string(before), string(after), "the viewer of seed %s marks the lines cited", seed)
	assert.Positive(t, res.Stamped, "the other seeds' files are kept by their stamps")

	writeText(t, filepath.Join(root, "content", "places", "kabul.md"), "---\nname: Kabul\nkind: city\ncountry: AF\nlat: 34.53\nlon: 69.17\ncoords_source: \"hand: the city centre\"\n---\nKabul is where the talks were held [@000:5].\n")
	res, _ = rebuildMatchesClean(t, root, out, "a first place is added")
	assert.Less(t, res.Stamped, seedFiles(t, out), "the navigation of every page shows the places")
}

// TestCuratedStampsOutliveAnEditOfAnotherPage edits the body of a curated
// page: the other curated pages are kept by their stamps, which name the
// edited page by what it shows them (render.facesKey) and not by its text. A link added to another page
// changes that page (its backlinks), and a new title changes the pages
// showing it. Each rebuild equals a clean build, and every file kept by
// its stamp has the key it had (checkStamps).
func TestCuratedStampsOutliveAnEditOfAnotherPage(t *testing.T) {
	require.True(t, checkStamps, "the package's tests check the stamps")
	root, out := builtGenerated(t)
	topics, err := filepath.Glob(filepath.Join(root, "content", "topics", "*.md"))
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(topics), 3)

	replaceIn(t, topics[0], "## What to watch", "## What to watch next")
	res, _ := rebuildMatchesClean(t, root, out, "a topic's body is edited")
	// Of the pages stamped so, the edited one is made again, and so is the
	// printable page, which shows every body; the actors' pages, which read
	// any line, are stamped from every seed.
	actors, err := filepath.Glob(filepath.Join(out, "actors", "*", "index.html"))
	require.NoError(t, err)
	require.NotEmpty(t, actors)
	assert.Equal(t, seedFiles(t, out)+curatedFiles(t, out)+len(actors)-2, res.Stamped,
		"the other curated pages, the actors' and the files made from one seed are kept by their stamps")

	other := strings.TrimSuffix(filepath.Base(topics[1]), ".md")
	page := filepath.Join(out, "topics", other, "index.html")
	before, err := os.ReadFile(page)
	require.NoError(t, err)
	replaceIn(t, topics[0], "## What to watch next", "## What to watch next (see [["+other+"]])")
	rebuildMatchesClean(t, root, out, "a topic links to another")
	after, err := os.ReadFile(page)
	require.NoError(t, err)
	assert.NotEqual(t, string(before), string(after), "topic %s lists the topic linking to it", other)
	third := strings.TrimSuffix(filepath.Base(topics[2]), ".md")
	replaceIn(t, topics[0], "[["+other+"]]", "[["+third+"]]")
	rebuildMatchesClean(t, root, out, "the link goes to a third topic instead")
	back, err := os.ReadFile(page)
	require.NoError(t, err)
	assert.Equal(t, string(before), string(back), "topic %s no longer lists the topic linking to it", other)

	replaceIn(t, topics[0], "title: ", "title: The ")
	res, _ = rebuildMatchesClean(t, root, out, "a topic is retitled")
	assert.LessOrEqual(t, res.Stamped, seedFiles(t, out), "a title shows on other pages: no curated page is kept by its stamp")
}

// TestExportOutlivesAnEditOfAPagesText edits curated pages of a built
// project. The data export shows of a page its address, front matter and
// the lines it cites (render's modelKey): an edit of an actor's text keeps
// its key, and so the file is not made again; a citation moved to another
// line, or a new title, changes it. Each rebuild equals a clean build.
func TestExportOutlivesAnEditOfAPagesText(t *testing.T) {
	root, out := builtGenerated(t)
	exportKey := func() render.Key {
		t.Helper()
		m, err := cache.Load(cache.File(filepath.Join(root, cache.Dir), out))
		require.NoError(t, err)
		e, ok := m.Get("data/dossier.json")
		require.True(t, ok, "the manifest lists the export")
		return e.Key
	}
	first := exportKey()

	actor := firstFile(t, filepath.Join(root, "content", "actors"))
	replaceIn(t, actor, " is ", " is, according to the sources, ")
	rebuildMatchesClean(t, root, out, "an actor's text is edited")
	assert.Equal(t, first, exportKey(), "the export shows nothing of the text that changed")

	_, moveCitation := firstCitationMoved(t, root)
	moveCitation()
	rebuildMatchesClean(t, root, out, "an event cites another line")
	moved := exportKey()
	assert.NotEqual(t, first, moved, "the export lists the lines each event cites")

	replaceIn(t, actor, "name: ", "name: The ")
	rebuildMatchesClean(t, root, out, "an actor is renamed")
	assert.NotEqual(t, moved, exportKey(), "the export lists the actors' names")
}

// firstCitationMoved finds the first citation of the first event of the
// project at root: it returns the seed cited, and a function that makes
// the citation cite the line two lines below instead.
func firstCitationMoved(t *testing.T, root string) (seed string, move func()) {
	t.Helper()
	event := firstFile(t, filepath.Join(root, "content", "timeline"))
	b, err := os.ReadFile(event)
	require.NoError(t, err)
	cite := regexp.MustCompile(`\[@(\d+):(\d+)\]`).FindStringSubmatch(string(b))
	require.NotNil(t, cite, "%s cites a line", event)
	line, err := strconv.Atoi(cite[2])
	require.NoError(t, err)
	return cite[1], func() { replaceIn(t, event, cite[0], fmt.Sprintf("[@%s:%d]", cite[1], line+2)) }
}

// builtGenerated builds a generated project of 20 seeds with the cache
// into a public/ folder of its own, and returns the project's root and
// that folder.
func builtGenerated(t *testing.T) (root, out string) {
	t.Helper()
	root, _ = generated(t, 20)
	out = filepath.Join(t.TempDir(), "public")
	_, stderr, err := buildAt(root, out, "")
	require.NoError(t, err, stderr)
	return root, out
}

// replaceIn replaces the first old in the file at p with new.
func replaceIn(t *testing.T, p, old, new string) {
	t.Helper()
	b, err := os.ReadFile(p)
	require.NoError(t, err)
	require.Contains(t, string(b), old, p)
	writeText(t, p, strings.Replace(string(b), old, new, 1))
}
