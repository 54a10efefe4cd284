package build

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dossier-project/dossier/internal/cache"
	"github.com/dossier-project/dossier/internal/corpusgen"
	"github.com/dossier-project/dossier/internal/testtree"
)

// generated writes a small generated corpus and returns its project root.
func generated(t *testing.T, seeds int) (string, corpusgen.Counts) {
	t.Helper()
	dir := t.TempDir()
	c, err := corpusgen.Write(dir, corpusgen.Options{Seeds: seeds, Random: 7})
	require.NoError(t, err)
	return filepath.Join(dir, "dossier"), c
}

func TestGeneratedCorpusChecksAndBuilds(t *testing.T) {
	root, c := generated(t, 20)
	_, problems := Load(context.Background(), os.DirFS(root), 0)
	assert.Empty(t, problems, "check finds nothing")

	out := filepath.Join(t.TempDir(), "public")
	_, stderr, err := buildAt(root, out, "")
	require.NoError(t, err, stderr)
	pages, err := filepath.Glob(filepath.Join(out, "*", "*", "index.html"))
	require.NoError(t, err)
	var items []string
	for _, p := range pages {
		if !strings.Contains(filepath.ToSlash(p), "/inbox/") {
			items = append(items, p)
		}
	}
	// actors, events, measures, figures, topics and sources each have one
	// page per item (the curators' inbox pages aside).
	assert.Len(t, items, c.Seeds+c.Actors+c.Events+2*c.Figures+c.Topics, "item pages of the generated corpus")
	for _, p := range []string{"sources/019/index.html", "actors/index.html", "timeline/index.html", "index.html", "about/index.html"} {
		assert.FileExists(t, filepath.Join(out, p))
	}
}

// TestIncrementalBuildEqualsCleanBuild changes a built project in each way a
// curator might, rebuilds with the cache, and compares every byte with a
// build made from scratch without it.
func TestIncrementalBuildEqualsCleanBuild(t *testing.T) {
	tests := []struct {
		name   string
		change func(t *testing.T, root, out string)
		kept   string // how many files are expected to be kept: "most", "few" or "some"
	}{
		{"nothing changed", func(*testing.T, string, string) {}, "most"},
		{"a seed is added", func(t *testing.T, root, _ string) {
			// The new seed names an actor, whose page must list it.
			b, err := os.ReadFile(firstFile(t, filepath.Join(root, "content", "actors")))
			require.NoError(t, err)
			name := strings.TrimPrefix(strings.Split(string(b), "\n")[1], "name: ")
			text := "Talks in Doha\nIn Doha, " + name + " said on Friday that talks would resume within days.\n"
			sum := sha256.Sum256([]byte(text))
			writeText(t, filepath.Join(root, "seeds", "020_"+hex.EncodeToString(sum[:8])+".txt"), text)
		}, "most"},
		{"sources.yaml titles a seed's article", func(t *testing.T, root, _ string) {
			// The search index labels each source line with its article:
			// the seed's text is the same, its label is not.
			p := filepath.Join(root, "seeds", "sources.yaml")
			b, err := os.ReadFile(p)
			require.NoError(t, err)
			require.Contains(t, string(b), `title: "`)
			writeText(t, p, strings.Replace(string(b), `title: "`, `title: "Retitled, `, 1))
		}, "some"},
		{"sources.yaml drops the seeds' articles", func(t *testing.T, root, _ string) {
			// The seeds' articles are detected again, as a clean build
			// detects them: none of what sources.yaml said stays.
			p := filepath.Join(root, "seeds", "sources.yaml")
			b, err := os.ReadFile(p)
			require.NoError(t, err)
			articles := regexp.MustCompile(`(?m)^  articles:\n(?:    .*\n)+`)
			require.True(t, articles.Match(b), "sources.yaml gives seeds' articles")
			writeText(t, p, string(articles.ReplaceAllLiteral(b, nil)))
		}, "some"},
		{"a page is edited", func(t *testing.T, root, _ string) {
			p := firstFile(t, filepath.Join(root, "content", "actors"))
			b, err := os.ReadFile(p)
			require.NoError(t, err)
			writeText(t, p, strings.Replace(string(b), " is ", " is, according to the sources, ", 1))
		}, "most"},
		{"an event's body is edited", func(t *testing.T, root, _ string) {
			// The feed summarises the events from their bodies; its key
			// reads the bodies (feedKey).
			p := firstFile(t, filepath.Join(root, "content", "timeline"))
			b, err := os.ReadFile(p)
			require.NoError(t, err)
			front, body, ok := strings.Cut(strings.TrimPrefix(string(b), "---\n"), "\n---\n")
			require.True(t, ok, "%s has front matter", p)
			require.NotEmpty(t, strings.TrimSpace(body))
			writeText(t, p, "---\n"+front+"\n---\nAs the sources tell it, "+strings.TrimLeft(body, "\n"))
		}, "most"},
		{"a page others link to is retitled", func(t *testing.T, root, _ string) {
			// Links show their target's title, on the linking pages and on
			// the printable page, whose key is declared (bodyKey).
			dir := filepath.Join(root, "content", "actors")
			files, err := filepath.Glob(filepath.Join(dir, "*.md"))
			require.NoError(t, err)
			retitled := false
			for _, f := range files {
				b, err := os.ReadFile(f)
				require.NoError(t, err)
				m := regexp.MustCompile(`\[\[([a-z0-9-]+)\]\]`).FindSubmatch(b)
				target := ""
				if m != nil {
					target = filepath.Join(dir, string(m[1])+".md")
				}
				if tb, err := os.ReadFile(target); err == nil && target != f {
					name := regexp.MustCompile(`(?m)^name: (.*)$`)
					require.True(t, name.Match(tb))
					writeText(t, target, name.ReplaceAllString(string(tb), "name: ${1} the Elder"))
					retitled = true
					break
				}
			}
			require.True(t, retitled, "an actor links to another")
		}, "some"},
		{"an actor changes side", func(t *testing.T, root, _ string) {
			// The actors named with it show its side in their networks'
			// drawings, whose keys are declared (egoNetwork).
			p := firstFile(t, filepath.Join(root, "content", "actors"))
			b, err := os.ReadFile(p)
			require.NoError(t, err)
			side := regexp.MustCompile(`(?m)^side: .*$`)
			require.True(t, side.Match(b))
			writeText(t, p, side.ReplaceAllString(string(b), "side: mediators"))
		}, "most"},
		{"the project overrides base.html", func(t *testing.T, root, _ string) {
			b, err := os.ReadFile("../../templates/base.html")
			require.NoError(t, err)
			require.NoError(t, os.MkdirAll(filepath.Join(root, "templates"), 0o755))
			writeText(t, filepath.Join(root, "templates", "base.html"), strings.Replace(string(b), "<main", "<!-- edited -->\n<main", 1))
		}, "few"},
		{"the project overrides the actor layout", func(t *testing.T, root, _ string) {
			b, err := os.ReadFile("../../templates/actor.html")
			require.NoError(t, err)
			require.NoError(t, os.MkdirAll(filepath.Join(root, "templates"), 0o755))
			writeText(t, filepath.Join(root, "templates", "actor.html"), strings.Replace(string(b), "<article", "<!-- edited -->\n<article", 1))
		}, "most"},
		{"the project overrides style.css", func(t *testing.T, root, _ string) {
			b, err := os.ReadFile("../../static/style.css")
			require.NoError(t, err)
			require.NoError(t, os.MkdirAll(filepath.Join(root, "static"), 0o755))
			writeText(t, filepath.Join(root, "static", "style.css"), string(b)+"\n/* edited */\n")
		}, "most"},
		{"the cache is truncated", func(t *testing.T, root, out string) {
			m := cache.File(filepath.Join(root, cache.Dir), out)
			b, err := os.ReadFile(m)
			require.NoError(t, err)
			writeText(t, m, string(b[:len(b)/2]))
		}, "few"},
		{"the cache is garbage", func(t *testing.T, root, out string) {
			writeText(t, cache.File(filepath.Join(root, cache.Dir), out), "garbage 00\nnot\ta\tmanifest\n")
		}, "few"},
		{"the cache's printable bodies are garbage, and a page is edited", func(t *testing.T, root, out string) {
			// The printable page is made again, from a cache it cannot read.
			writeText(t, strings.TrimSuffix(cache.File(filepath.Join(root, cache.Dir), out), ".manifest")+".print", "garbage")
			p := firstFile(t, filepath.Join(root, "content", "actors"))
			b, err := os.ReadFile(p)
			require.NoError(t, err)
			writeText(t, p, strings.Replace(string(b), " is ", " is, according to the sources, ", 1))
		}, "most"},
		{"the seed store is garbage", func(t *testing.T, root, _ string) {
			writeText(t, storeFile(root), "garbage")
		}, "most"},
		{"the cache's record of the last build is garbage", func(t *testing.T, root, out string) {
			writeText(t, strings.TrimSuffix(cache.File(filepath.Join(root, cache.Dir), out), ".manifest")+".last", "garbage")
		}, "most"},
		{"a seed's text is edited", func(t *testing.T, root, _ string) {
			// Its file keeps its name: the files made from it have new
			// stamps (render.Job.Stamp), and the others keep theirs.
			p := firstFile(t, filepath.Join(root, "seeds"))
			require.True(t, strings.HasSuffix(p, ".txt"), p)
			b, err := os.ReadFile(p)
			require.NoError(t, err)
			edited := strings.Replace(string(b), " the ", " that ", 1)
			require.NotEqual(t, string(b), edited)
			writeText(t, p, edited)
		}, "some"},
		{"files made from one seed were edited by hand", func(t *testing.T, root, out string) {
			// Their stamps are unchanged; the files are not, and are made
			// again.
			for _, pattern := range []string{"sources/*/index.html", "inbox/*/index.html", "data/inbox/*.json"} {
				files, err := filepath.Glob(filepath.Join(out, filepath.FromSlash(pattern)))
				require.NoError(t, err)
				require.NotEmpty(t, files, pattern)
				f, err := os.OpenFile(files[0], os.O_WRONLY|os.O_APPEND, 0)
				require.NoError(t, err)
				_, err = f.WriteString("tampered")
				require.NoError(t, err)
				require.NoError(t, f.Close())
			}
		}, "most"},
		{"a published file was edited by hand", func(t *testing.T, root, out string) {
			p := filepath.Join(out, "actors", "index.html")
			f, err := os.OpenFile(p, os.O_WRONLY|os.O_APPEND, 0)
			require.NoError(t, err)
			_, err = f.WriteString("tampered")
			require.NoError(t, err)
			require.NoError(t, f.Close())
		}, "most"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root, _ := generated(t, 20)
			out := filepath.Join(t.TempDir(), "public")
			_, _, err := buildAt(root, out, "")
			require.NoError(t, err)

			tt.change(t, root, out)
			res, stderr := rebuildMatchesClean(t, root, out, tt.name)
			switch tt.kept {
			case "some":
				assert.Positive(t, res.Kept, "some files are kept after: %s", tt.name)
			case "most":
				assert.Greater(t, res.Kept, res.Files*3/4, "most files are kept after: %s", tt.name)
			default:
				assert.Less(t, res.KeptPages, res.Stats.Pages/4, "few pages are kept after: %s", tt.name)
			}
			if strings.HasPrefix(tt.name, "the cache") {
				assert.Contains(t, stderr, "warning: cache:", "a damaged cache is reported")
			}
		})
	}
}

// TestSearchCacheKeepsTheLastSite edits a page again and again. Each edit
// encodes a new search segment of the pages; the cache keeps the segments
// of the site last built and no older version, and the others stay.
func TestSearchCacheKeepsTheLastSite(t *testing.T) {
	root, _ := generated(t, 20)
	out := filepath.Join(t.TempDir(), "public")
	_, _, err := buildAt(root, out, "")
	require.NoError(t, err)
	dir := strings.TrimSuffix(cache.File(filepath.Join(root, cache.Dir), out), ".manifest") + ".search"
	first := fileNames(t, dir)
	require.NotEmpty(t, first, "the cache keeps the search segments")
	p := firstFile(t, filepath.Join(root, "content", "actors"))
	for i := range 3 {
		b, err := os.ReadFile(p)
		require.NoError(t, err)
		writeText(t, p, strings.Replace(string(b), " is ", fmt.Sprintf(" is (edit %d) ", i), 1))
		_, stderr := rebuildMatchesClean(t, root, out, fmt.Sprintf("edit %d", i))
		assert.NotContains(t, stderr, "warning:")
		names := fileNames(t, dir)
		kept := 0
		for n := range names {
			if first[n] {
				kept++
			}
		}
		assert.Len(t, names, len(first), "after edit %d the cache holds one version of each segment", i)
		assert.Equal(t, len(first)-2, kept, "after edit %d only the pages' segment (two files) is new", i)
	}
}

// TestIncrementalPlacesEqualCleanBuild changes the places of this
// repository's dossier (the generated corpora have none) and rebuilds with
// the cache after each change: the maps of the home page, the places index,
// each place and each event placed must equal a clean build's.
func TestIncrementalPlacesEqualCleanBuild(t *testing.T) {
	root := t.TempDir()
	for _, dir := range []string{"seeds", "content"} {
		testtree.Copy(t, filepath.Join("../..", dir), filepath.Join(root, dir))
	}
	out := filepath.Join(t.TempDir(), "public")
	_, stderr, err := buildAt(root, out, "")
	require.NoError(t, err, stderr)
	edit := func(p, old, new string) {
		t.Helper()
		p = filepath.Join(root, "content", p)
		b, err := os.ReadFile(p)
		require.NoError(t, err)
		require.Contains(t, string(b), old, p)
		writeText(t, p, strings.Replace(string(b), old, new, 1))
	}
	steps := []struct {
		name string
		do   func()
	}{
		{"a place moves", func() { edit("places/bajaur.md", "lat: 34.78", "lat: 34.28") }},
		{"a place is renamed", func() { edit("places/bagram.md", "name: Bagram", "name: Bagram airfield") }},
		{"an event gains a place", func() {
			edit("timeline/2001-us-invasion-ousts-the-taliban.md", "places: [bagram]", "places: [bagram, bajaur]")
		}},
		// The events' maps show how often the seeds name each place: a new
		// seed naming one changes the stamps of the events
		// (citedLinesAndPlaces); one naming none does not.
		{"a new seed names no place", func() { addSeed(t, root, "900") }},
		{"a new seed names a place", func() {
			writeText(t, filepath.Join(root, "seeds", "901_00000000000000aa.txt"), "Clashes in Bajaur\nIn Bajaur, officials said on Monday that the crossing would reopen.\n")
		}},
	}
	stamped := map[string]int{}
	for _, st := range steps {
		st.do()
		res, stderr := rebuildMatchesClean(t, root, out, st.name)
		assert.NotContains(t, stderr, "warning:")
		assert.Positive(t, res.Kept, "files are kept after: %s", st.name)
		stamped[st.name] = res.Stamped
	}
	events, err := filepath.Glob(filepath.Join(out, "timeline", "*", "index.html"))
	require.NoError(t, err)
	// The second rebuild keeps the first new seed's files by their stamps
	// too.
	seed900 := 0
	for _, p := range []string{"sources/900/index.html", "inbox/900/index.html", "data/inbox/900.json"} {
		if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(p))); err == nil {
			seed900++
		}
	}
	assert.Equal(t, stamped["a new seed names no place"]-len(events)+seed900, stamped["a new seed names a place"],
		"a seed naming a place changes the stamps of the events only")
}

// fileNames lists the names in a folder.
func fileNames(t *testing.T, dir string) map[string]bool {
	t.Helper()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	names := map[string]bool{}
	for _, e := range entries {
		names[e.Name()] = true
	}
	return names
}

// TestNothingChangedTouchesNothing rebuilds a project that did not change:
// every file is kept and the output folder is not replaced.
func TestNothingChangedTouchesNothing(t *testing.T) {
	root, _ := generated(t, 10)
	out := filepath.Join(t.TempDir(), "public")
	_, stderr, err := buildAt(root, out, "")
	require.NoError(t, err, stderr)
	before, err := os.Stat(out)
	require.NoError(t, err)
	res, stderr, err := buildAt(root, out, "")
	require.NoError(t, err, stderr)
	assert.Equal(t, res.Files, res.Kept, "every file is kept")
	assert.NotZero(t, res.Stats.Pages, "the result reports the pages")
	after, err := os.Stat(out)
	require.NoError(t, err)
	assert.True(t, os.SameFile(before, after), "the output folder was not exchanged")
}

// TestNothingChangedReadsNoInputFile shows that a build whose input files
// all have the identities the last build recorded reads none of them; that
// files with new identities but the same bytes are read and still make
// nothing, and that their identities are then recorded; and that a changed
// file is read and built.
func TestNothingChangedReadsNoInputFile(t *testing.T) {
	root, _ := generated(t, 10)
	out := filepath.Join(t.TempDir(), "public")
	_, stderr, err := buildAt(root, out, "")
	require.NoError(t, err, stderr)
	build := func() (*Result, int64) {
		t.Helper()
		project := &countingFS{FS: os.DirFS(root)}
		res, stderr, err := buildWith(Options{Project: project, Out: out, CacheDir: filepath.Join(root, cache.Dir)}, root)
		require.NoError(t, err, stderr)
		return res, project.reads.Load()
	}

	res, reads := build()
	assert.Equal(t, res.Files, res.Kept, "every file is kept")
	if _, ok := identify(os.DirFS(root), "content/index.md"); !ok {
		t.Skip("no inode numbers here: the inputs are read to compare them")
	}
	assert.Zero(t, reads, "no input file is read")

	seed := firstFile(t, filepath.Join(root, "seeds"))
	later := time.Now().Add(time.Minute)
	require.NoError(t, os.Chtimes(seed, later, later))
	res, reads = build()
	assert.Equal(t, res.Files, res.Kept, "a touched file with the same bytes changes nothing")
	assert.NotZero(t, reads, "the files are read to compare their bytes")
	_, reads = build()
	assert.Zero(t, reads, "the touched file's identity was recorded")

	writeText(t, filepath.Join(root, "content", "about.md"), read(t, root, "content/about.md")+"\nOne more sentence.\n")
	res, reads = build()
	assert.NotZero(t, reads)
	assert.Less(t, res.Kept, res.Files, "the edit is built")
}

// countingFS counts the files read through it.
type countingFS struct {
	fs.FS
	reads atomic.Int64
}

func (c *countingFS) Open(name string) (fs.File, error) {
	f, err := c.FS.Open(name)
	if err == nil {
		if info, err := f.Stat(); err == nil && !info.IsDir() {
			c.reads.Add(1)
		}
	}
	return f, err
}

func (c *countingFS) ReadFile(name string) ([]byte, error) {
	c.reads.Add(1)
	return fs.ReadFile(c.FS, name)
}

func (c *countingFS) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(c.FS, name) }
func (c *countingFS) Stat(name string) (fs.FileInfo, error)      { return fs.Stat(c.FS, name) }

func TestUnwritableCacheIsAWarning(t *testing.T) {
	root, _ := generated(t, 5)
	// A file where the cache folder should be makes every cache write fail.
	writeText(t, filepath.Join(root, cache.Dir), "not a folder")
	out := filepath.Join(t.TempDir(), "public")
	_, stderr, err := buildAt(root, out, "")
	require.NoError(t, err, "a cache that cannot be written does not fail the build")
	assert.Contains(t, stderr, "warning: cache:")
	assert.FileExists(t, filepath.Join(out, "index.html"))
}

// TestIncrementalMentionsFollowTheirArticles titles the article of a seed
// that names an actor but that no page cites: the actor's page lists the
// line under the new title, as a clean build does. Only the mention list
// shows that seed on the page.
func TestIncrementalMentionsFollowTheirArticles(t *testing.T) {
	root, _ := generated(t, 20)
	b, err := os.ReadFile(firstFile(t, filepath.Join(root, "content", "actors")))
	require.NoError(t, err)
	name := strings.TrimPrefix(strings.Split(string(b), "\n")[1], "name: ")
	text := "Talks in Doha\nIn Doha, " + name + " said on Friday that talks would resume within days.\n"
	sum := sha256.Sum256([]byte(text))
	file := "020_" + hex.EncodeToString(sum[:8]) + ".txt"
	writeText(t, filepath.Join(root, "seeds", file), text)
	out := filepath.Join(t.TempDir(), "public")
	_, stderr, err := buildAt(root, out, "")
	require.NoError(t, err, stderr)

	p := filepath.Join(root, "seeds", "sources.yaml")
	meta, err := os.ReadFile(p)
	require.NoError(t, err)
	writeText(t, p, string(meta)+`"020":
  file: `+file+`
  articles:
    - lines: 1-2
      title: "Doha talks to resume"
      publisher: Test Wire
      published: 2025-10-24
`)
	rebuildMatchesClean(t, root, out, "an article retitled")
	pages, err := filepath.Glob(filepath.Join(out, "actors", "*", "index.html"))
	require.NoError(t, err)
	listed := 0
	for _, page := range pages {
		b, err := os.ReadFile(page)
		require.NoError(t, err)
		if strings.Contains(string(b), "Doha talks to resume") {
			listed++
		}
	}
	assert.Equal(t, 1, listed, "one actor's page lists the line under its article's new title")
}

func writeText(t testing.TB, p, text string) {
	t.Helper()
	require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
	require.NoError(t, os.WriteFile(p, []byte(text), 0o644))
}

func firstFile(t testing.TB, dir string) string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	require.NotEmpty(t, entries, fmt.Sprintf("files in %s", dir))
	return filepath.Join(dir, entries[0].Name())
}

// rebuildMatchesClean rebuilds root into out with the cache, builds it again
// from scratch elsewhere, and asserts both give the same stats and bytes. It
// returns the incremental build and what it printed to stderr.
func rebuildMatchesClean(t *testing.T, root, out, name string) (*Result, string) {
	t.Helper()
	res, stderr, err := buildAt(root, out, "")
	require.NoError(t, err, stderr)
	clean := filepath.Join(t.TempDir(), "clean")
	want, problems, err := buildWith(Options{Project: os.DirFS(root), Out: clean}, root)
	require.NoError(t, err, problems)

	assert.Equal(t, want.Stats, res.Stats, "stats after: %s", name)
	got, exp := testtree.Read(t, out), testtree.Read(t, clean)
	require.Equal(t, len(exp), len(got), "files after: %s", name)
	for p, b := range exp {
		assert.True(t, bytes.Equal(b, got[p]), "%s differs from a clean build after: %s", p, name)
	}
	return res, stderr
}

// TestSessionRereadsWhatChanged builds a project in one session, as serve
// does, telling each build what changed: the output equals a clean build
// after each change, and a file the session is not told about is not read
// again.
func TestSessionRereadsWhatChanged(t *testing.T) {
	root, _ := generated(t, 20)
	out := filepath.Join(t.TempDir(), "public")
	s := NewSession(Options{Project: os.DirFS(root), Out: out, CacheDir: filepath.Join(root, cache.Dir)})
	res, err := s.Build(context.Background(), nil)
	require.NoError(t, err, "first build")
	pages := res.Stats.Pages

	actor := firstFile(t, filepath.Join(root, "content", "actors"))
	rel := func(p string) string {
		r, err := filepath.Rel(root, p)
		require.NoError(t, err)
		return filepath.ToSlash(r)
	}
	text := "Talks in Doha\nIn Doha, officials said on Friday that talks would resume within days.\n"
	sum := sha256.Sum256([]byte(text))
	seed := filepath.Join(root, "seeds", "020_"+hex.EncodeToString(sum[:8])+".txt")
	actorText, err := os.ReadFile(actor)
	require.NoError(t, err)
	target, _, ok := strings.Cut(strings.SplitN(string(actorText), "[[", 2)[1], "]]")
	require.True(t, ok, "%s links a page", actor)
	found, err := filepath.Glob(filepath.Join(root, "content", "*", target+".md"))
	require.NoError(t, err)
	require.Len(t, found, 1, "the page %s links", target)
	linked := found[0]
	b, err := os.ReadFile(linked)
	require.NoError(t, err)
	linkedText := string(b)
	require.True(t, strings.HasPrefix(linkedText, "---\n"), "%s has front matter", linked)
	themeActor, err := os.ReadFile("../../templates/actor.html")
	require.NoError(t, err)
	require.Contains(t, string(themeActor), "<article", "the theme's actor layout")
	layout := filepath.Join(root, "templates", "actor.html")
	meta := filepath.Join(root, "seeds", "sources.yaml")
	b, err = os.ReadFile(meta)
	require.NoError(t, err)
	metaText := string(b)
	require.Contains(t, metaText, "  articles:\n", "sources.yaml gives seeds' articles")
	firstSeed := firstFile(t, filepath.Join(root, "seeds"))
	b, err = os.ReadFile(firstSeed)
	require.NoError(t, err)
	firstSeedText := string(b)
	require.Contains(t, firstSeedText, " said ", "%s can be edited", firstSeed)
	override := func(step string) func(t *testing.T) {
		return func(t *testing.T) {
			require.NoError(t, os.MkdirAll(filepath.Dir(layout), 0o755))
			writeText(t, layout, strings.Replace(string(themeActor), "<article", `<article data-step="`+step+`"`, 1))
		}
	}
	steps := []struct {
		name    string
		change  func(t *testing.T)
		changed []string
	}{
		{"an actor page is edited", func(t *testing.T) {
			b, err := os.ReadFile(actor)
			require.NoError(t, err)
			writeText(t, actor, strings.Replace(string(b), " is ", " is, according to the sources, ", 1))
		}, []string{rel(actor)}},
		{"a page the actor links becomes a draft", func(t *testing.T) {
			// The actor's file is unchanged: its syntax tree is reused,
			// and its link must lose the draft's title.
			writeText(t, linked, strings.Replace(linkedText, "\n", "\ndraft: true\n", 1))
		}, []string{rel(linked)}},
		{"the draft is published again", func(t *testing.T) { writeText(t, linked, linkedText) }, []string{rel(linked)}},
		{"a seed is added (its folder named)", func(t *testing.T) { writeText(t, seed, text) }, []string{"seeds"}},
		{"the seed is removed", func(t *testing.T) { require.NoError(t, os.Remove(seed)) }, []string{rel(seed)}},
		// The session keeps its seeds as parsed, before sources.yaml: each
		// build applies it to copies.
		{"sources.yaml retitles the seeds' articles", func(t *testing.T) {
			writeText(t, meta, strings.ReplaceAll(metaText, `title: "`, `title: "Retitled, `))
		}, []string{rel(meta)}},
		{"sources.yaml drops the seeds' articles", func(t *testing.T) {
			writeText(t, meta, regexp.MustCompile(`(?m)^  articles:\n(?:    .*\n)+`).ReplaceAllLiteralString(metaText, ""))
		}, []string{rel(meta)}},
		{"sources.yaml is restored", func(t *testing.T) { writeText(t, meta, metaText) }, []string{rel(meta)}},
		{"an actor gets an alias", func(t *testing.T) {
			// The mentions are found again in every seed: the session's
			// seeds are kept with their entries as the store saved them.
			b, err := os.ReadFile(actor)
			require.NoError(t, err)
			aliased := regexp.MustCompile(`(?m)^aliases: \[`).ReplaceAllLiteralString(string(b), "aliases: [Doha, ")
			if aliased == string(b) {
				aliased = regexp.MustCompile(`(?m)^name: .*$`).ReplaceAllString(string(b), "$0\naliases: [Doha]")
			}
			require.NotEqual(t, string(b), aliased, "%s gets an alias", actor)
			writeText(t, actor, aliased)
		}, []string{rel(actor)}},
		{"a seed is edited in place", func(t *testing.T) {
			writeText(t, firstSeed, strings.Replace(firstSeedText, " said ", " stated ", 1))
		}, []string{rel(firstSeed)}},
		{"the seed is edited back", func(t *testing.T) { writeText(t, firstSeed, firstSeedText) }, []string{rel(firstSeed)}},
		// The session's parsed layouts are used only while their files stay
		// the same.
		{"the project overrides the actor layout", override("1"), []string{"templates"}},
		{"the override is edited", override("2"), []string{rel(layout)}},
		{"the override is removed", func(t *testing.T) { require.NoError(t, os.Remove(layout)) }, []string{rel(layout)}},
		{"nothing changed", func(*testing.T) {}, []string{}},
	}
	// How many of its seeds the session parses again, by step; the others
	// are those it kept.
	parsedAgain := map[string]int{"an actor page is edited": 0, "sources.yaml retitles the seeds' articles": 0,
		"sources.yaml drops the seeds' articles": 0, "an actor gets an alias": 0, "a seed is edited in place": 1}
	for _, st := range steps {
		st.change(t)
		kept := maps.Clone(s.seeds)
		_, err := s.Build(context.Background(), st.changed)
		require.NoError(t, err, st.name)
		if want, ok := parsedAgain[st.name]; ok {
			again := 0
			for name, k := range s.seeds {
				if kept[name] != k {
					again++
				}
			}
			assert.Equal(t, want, again, "seeds parsed again after: %s", st.name)
		}
		clean := filepath.Join(t.TempDir(), "clean")
		_, problems, err := buildWith(Options{Project: os.DirFS(root), Out: clean}, root)
		require.NoError(t, err, problems)
		got, want := testtree.Read(t, out), testtree.Read(t, clean)
		require.Equal(t, len(want), len(got), "files after: %s", st.name)
		for p, b := range want {
			assert.True(t, bytes.Equal(b, got[p]), "%s differs from a clean build after: %s", p, st.name)
		}
	}

	// An edit the session is not told of is not seen: the build reads only
	// what changed names.
	b, err = os.ReadFile(actor)
	require.NoError(t, err)
	before := testtree.Read(t, out)
	writeText(t, actor, strings.Replace(string(b), " is, according to the sources, ", " is, the sources say, ", 1))
	res, err = s.Build(context.Background(), []string{"content/about.md"})
	require.NoError(t, err)
	assert.Equal(t, pages, res.Stats.Pages, "pages")
	assert.Equal(t, before, testtree.Read(t, out), "the untold edit of %s is not read", rel(actor))
	_, err = s.Build(context.Background(), []string{rel(actor)})
	require.NoError(t, err)
	assert.NotEqual(t, before, testtree.Read(t, out), "once told, the edit of %s is read", rel(actor))
}

// TestIncrementalNewSeedPagesTheSources adds a seed to a corpus whose
// sources index fills one page exactly, so that the rebuild adds a second
// page of the index besides the new source's viewer, inbox page, inbox
// file and search shards; then removes it again. Each rebuild must equal a
// clean build.
func TestIncrementalNewSeedPagesTheSources(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a hundred seeds three times")
	}
	root, _ := generated(t, corpusgen.SourcesPerPage)
	out := filepath.Join(t.TempDir(), "public")
	_, stderr, err := buildAt(root, out, "")
	require.NoError(t, err, stderr)
	require.NoFileExists(t, filepath.Join(out, "sources", "page", "2", "index.html"), "one page of sources")
	searchBefore := testtree.Read(t, filepath.Join(out, "assets", "search"))

	text := "Talks in Doha\nIn Doha, officials said on Friday that 4,321 lorries were waiting.\n"
	sum := sha256.Sum256([]byte(text))
	id := fmt.Sprint(corpusgen.SourcesPerPage)
	seed := filepath.Join(root, "seeds", id+"_"+hex.EncodeToString(sum[:8])+".txt")
	writeText(t, seed, text)
	rebuildMatchesClean(t, root, out, "a seed is added past the first page of sources")
	for _, p := range []string{"sources/page/2/index.html", "sources/" + id + "/index.html", "inbox/" + id + "/index.html", "data/inbox/" + id + ".json"} {
		assert.FileExists(t, filepath.Join(out, p), "after a seed is added")
	}
	assert.NotEqual(t, searchBefore, testtree.Read(t, filepath.Join(out, "assets", "search")), "the search shards index the new seed")

	require.NoError(t, os.Remove(seed))
	rebuildMatchesClean(t, root, out, "the seed is removed")
	assert.NoFileExists(t, filepath.Join(out, "sources", "page", "2", "index.html"), "the second page is gone with the seed")
}
