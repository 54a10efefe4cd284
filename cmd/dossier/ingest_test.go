package main

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dossier-project/dossier/internal/date"
	"github.com/dossier-project/dossier/internal/linkcheck"
	"github.com/dossier-project/dossier/internal/source"
	"github.com/dossier-project/dossier/internal/testtree"
)

// realProject copies the dossier itself (content, seeds, templates, static)
// into a temporary folder.
func realProject(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, d := range []string{"content", "seeds", "templates", "static"} {
		testtree.Copy(t, filepath.Join("../..", d), filepath.Join(dir, d))
	}
	return dir
}

// hashTree fingerprints every file under dir: path → sha256.
func hashTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for p, b := range testtree.Read(t, dir) {
		out[p] = fmt.Sprintf("%x", sha256.Sum256(b))
	}
	return out
}

type dossierJSON struct {
	Sources []struct {
		ID       string `json:"id"`
		Ingested string `json:"ingested"`
	} `json:"sources"`
	Actors []struct {
		Slug     string   `json:"slug"`
		Mentions []string `json:"mentions"`
	} `json:"actors"`
	Inbox []inboxItem `json:"-"`
}

type inboxItem struct {
	Kind, Source, Value, URL string
	Line                     int
	Reviewed                 bool
}

// readJSON reads a built site's data: data/dossier.json and the inbox
// beside it, data/inbox/<id>.json.
func readJSON(t *testing.T, pub string) dossierJSON {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(pub, "data", "dossier.json"))
	require.NoError(t, err)
	var d dossierJSON
	require.NoError(t, json.Unmarshal(b, &d))
	files, err := filepath.Glob(filepath.Join(pub, "data", "inbox", "*.json"))
	require.NoError(t, err)
	for _, f := range files {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		var items []inboxItem
		require.NoError(t, json.Unmarshal(b, &items), f)
		d.Inbox = append(d.Inbox, items...)
	}
	return d
}

const fixtures = "testdata/ingest"

// TestIngestRebuildDraft is the curator's round: ingest two new articles,
// rebuild, read the inbox, draft pages; then try to ingest again.
func TestIngestRebuildDraft(t *testing.T) {
	dir := realProject(t)
	pub := filepath.Join(dir, "public")
	_, stderr, err := runCmd("build", "-root", dir)
	require.NoError(t, err, stderr)
	before := readJSON(t, pub)
	home, err := os.ReadFile(filepath.Join(pub, "index.html"))
	require.NoError(t, err)
	assert.NotContains(t, string(home), "What’s new", "the briefing has no news box before any ingest")

	// Ingest two fixture articles.
	out, stderr, err := runCmd("ingest", "-root", dir, "-publisher", "Al Jazeera", "-ingested", "2025-11-15", filepath.Join(fixtures, "torkham-reopens.txt"))
	require.NoError(t, err, stderr)
	assert.Contains(t, out, "as seeds/005_", "first fixture gets the next number")
	assert.NotContains(t, out, "no publication date", "the first fixture's date is in its text (Published On …)")
	out, stderr, err = runCmd("ingest", "-root", dir, "-ingested", "2025-11-15", filepath.Join(fixtures, "winter-returnees.txt"))
	require.NoError(t, err, stderr)
	assert.Contains(t, out, "as seeds/006_", "second fixture gets the number after")
	assert.Contains(t, out, "no publication date for lines 1–6:", "an undated article is named by its lines")
	assert.Contains(t, out, `entry "006" of `+filepath.Join("seeds", "sources.yaml"), "and where to record its date")
	seed6, err := filepath.Glob(filepath.Join(dir, "seeds", "006_*.txt"))
	require.NoError(t, err)
	require.Len(t, seed6, 1)
	b, err := os.ReadFile(seed6[0])
	require.NoError(t, err)
	assert.NotContains(t, string(b), "\r", "CRLF line endings are normalised")
	meta, err := os.ReadFile(filepath.Join(dir, "seeds", "sources.yaml"))
	require.NoError(t, err)
	assert.Contains(t, string(meta), "# Curated metadata for the seeds.", "curated comments kept")
	assert.Contains(t, string(meta), "\"005\":\n  file: 005_", "new entry with a quoted key")
	assert.Contains(t, string(meta), "publisher: Al Jazeera", "the -publisher flag is recorded")

	// Rebuild: source pages, mentions, inbox, what's new.
	_, stderr, err = runCmd("build", "-root", dir)
	require.NoError(t, err, stderr)
	for _, id := range []string{"005", "006"} {
		assert.FileExists(t, filepath.Join(pub, "sources", id, "index.html"), "source page of %s", id)
	}
	after := readJSON(t, pub)
	mentions := func(d dossierJSON, slug string) []string {
		for _, a := range d.Actors {
			if a.Slug == slug {
				return a.Mentions
			}
		}
		return nil
	}
	assert.Contains(t, mentions(after, "zabihullah-mujahid"), "005:9", "Mujahid is mentioned in the new source")
	assert.NotContains(t, mentions(before, "zabihullah-mujahid"), "005:9")
	assert.Contains(t, mentions(after, "qatar"), "006:5", "Qatar is mentioned in the second source")

	items := map[string]bool{}
	for _, it := range after.Inbox {
		assert.False(t, it.Reviewed, "inbox item %v is unreviewed", it)
		items[fmt.Sprintf("%s:%d %s %s", it.Source, it.Line, it.Kind, it.Value)] = true
	}
	for _, want := range []string{
		"005:7 name Jam Kamal Khan", "006:3 name Farhan Haq", "006:6 place Quetta",
		"005:4 date 2025-11-13", "005:8 date 2025-11-10", "006:3 date 2025-11-12", "006:2 date ",
		"005:8 figure nine", "005:8 figure twelve", "005:7 figure 45 million", "006:4 figure 1,200",
		"005:9 quote We have no interest in closing the roads that feed our people",
	} {
		assert.True(t, items[want], "inbox holds %q", want)
	}
	assert.False(t, items["005:9 name Zabihullah Mujahid"], "a known actor is not a new name")
	assert.False(t, items["005:8 name Spin Boldak"], "a known place is not a new name")
	assert.False(t, items["005:8 place Spin Boldak"], "a known place is not a new place")
	inboxPage, err := os.ReadFile(filepath.Join(pub, "inbox", "index.html"))
	require.NoError(t, err)
	assert.Less(t, strings.Index(string(inboxPage), `href="../inbox/006/index.html"`), strings.Index(string(inboxPage), `href="../inbox/004/index.html"`), "the newest sources come first")
	sourcePage, err := os.ReadFile(filepath.Join(pub, "inbox", "005", "index.html"))
	require.NoError(t, err)
	assert.Contains(t, string(sourcePage), `href="../../sources/005/index.html#L7"`, "items link to their source line")
	home, err = os.ReadFile(filepath.Join(pub, "index.html"))
	require.NoError(t, err)
	assert.Contains(t, string(home), "Sources ingested on 15 November 2025", "what's new names the batch")
	assert.Contains(t, string(home), `href="sources/006/index.html"`, "what's new links the new source")
	feed, err := os.ReadFile(filepath.Join(pub, "atom.xml"))
	require.NoError(t, err)
	assert.Contains(t, string(feed), "2 sources ingested on 15 November 2025", "the feed carries the newest batch")
	assert.Contains(t, string(feed), "inbox/index.html", "the feed links the inbox")

	// Draft: new files only, and they pass check.
	curated := hashTree(t, filepath.Join(dir, "content"))
	out, stderr, err = runCmd("draft", "-root", dir)
	require.NoError(t, err, stderr)
	assert.Contains(t, out, "drafted content/actors/jam-kamal-khan.md", "an actor stub for the new official")
	assert.Contains(t, out, "drafted content/timeline/2025-11-13-", "a timeline entry for the weekday-relative date")
	assert.Contains(t, out, "drafted content/figures/nine-children-005.md", "a figure for a number in words")
	now := hashTree(t, filepath.Join(dir, "content"))
	var added []string
	for p, h := range now {
		if old, ok := curated[p]; ok {
			assert.Equal(t, old, h, "draft left the curated file %s unchanged", p)
		} else {
			added = append(added, p)
		}
	}
	for p := range curated {
		assert.Contains(t, now, p, "draft removed nothing: %s", p)
	}
	sort.Strings(added)
	assert.NotEmpty(t, added, "drafts were added")
	for _, p := range added {
		b, err := os.ReadFile(filepath.Join(dir, "content", p))
		require.NoError(t, err)
		assert.Contains(t, string(b), "\ndraft: true\n", "%s is a draft", p)
		assert.Regexp(t, `\[@00[56]:\d+\]`, string(b), "%s cites its line", p)
	}
	_, stderr, err = runCmd("check", "-root", dir)
	assert.NoError(t, err, "drafts pass check: %s", stderr)
	out, _, err = runCmd("draft", "-root", dir)
	require.NoError(t, err)
	assert.Contains(t, out, "wrote 0 drafts", "a second draft run writes nothing new")

	// Drafts are not published, and the site's links still hold.
	_, stderr, err = runCmd("build", "-root", dir)
	require.NoError(t, err, stderr)
	assert.NoFileExists(t, filepath.Join(pub, "actors", "jam-kamal-khan", "index.html"), "drafts are not published")
	rep, err := linkcheck.Check(pub)
	require.NoError(t, err)
	assert.Empty(t, rep.Problems, "links after ingest and draft")
	inboxPage, err = os.ReadFile(filepath.Join(pub, "inbox", "005", "index.html"))
	require.NoError(t, err)
	assert.Contains(t, string(inboxPage), "drafted: content/actors/jam-kamal-khan.md", "the inbox shows what is drafted")

	// Ingesting the same text again, or binary or empty files, changes nothing.
	seeds := hashTree(t, filepath.Join(dir, "seeds"))
	for _, tc := range []struct{ file, want string }{
		{"torkham-reopens.txt", "the same text is already seeds/005_"},
		{"binary.bin", "binary"},
		{"empty.txt", "empty"},
	} {
		_, stderr, err := runCmd("ingest", "-root", dir, filepath.Join(fixtures, tc.file))
		assert.Error(t, err, "ingest %s is refused", tc.file)
		assert.Contains(t, stderr, filepath.Join(fixtures, tc.file)+": not ingested: "+tc.want, "the refusal names %s", tc.file)
		assert.Equal(t, seeds, hashTree(t, filepath.Join(dir, "seeds")), "refused %s changed nothing", tc.file)
	}
	// One bad file among good ones: nothing at all is ingested.
	_, stderr, err = runCmd("ingest", "-root", dir, filepath.Join(fixtures, "cp1252.txt"), filepath.Join(fixtures, "empty.txt"))
	assert.Error(t, err)
	assert.Contains(t, stderr, "nothing was ingested")
	assert.Equal(t, seeds, hashTree(t, filepath.Join(dir, "seeds")), "a refused batch changes nothing")
}

// TestIngestConvertsEncoding ingests a Windows-1252 file into UTF-8 when
// told its encoding, and refuses it, naming the line and the flag, when not.
func TestIngestConvertsEncoding(t *testing.T) {
	dir := testProject(t)
	_, stderr, err := runCmd("ingest", "-root", dir, filepath.Join(fixtures, "cp1252.txt"))
	require.Error(t, err, "bytes that are not UTF-8 are never guessed")
	assert.Contains(t, stderr, filepath.Join(fixtures, "cp1252.txt")+":1: not ingested: byte 0xE9")
	assert.Contains(t, stderr, "-encoding windows-1252")
	out, stderr, err := runCmd("ingest", "-root", dir, "-encoding", "windows-1252", "-title", "Notes", "-published", "2025-11-02", filepath.Join(fixtures, "cp1252.txt"))
	require.NoError(t, err, stderr)
	assert.Contains(t, out, `"Notes" (2025-11-02)`, "flags describe the article")
	files, err := filepath.Glob(filepath.Join(dir, "seeds", "001_*.txt"))
	require.NoError(t, err)
	require.Len(t, files, 1, "the fixture site has seed 000, so the new one is 001")
	b, err := os.ReadFile(files[0])
	require.NoError(t, err)
	assert.Equal(t, "A café in Kabul – notes written in Windows-1252\n", string(b), "Windows-1252 read and written as UTF-8")
	assert.True(t, strings.HasSuffix(filepath.Base(files[0]), ".txt"))
	_, stderr, err = runCmd("check", "-root", dir)
	assert.NoError(t, err, stderr)
}

// TestIngestPastSeed999 ingests into a project whose highest seed is 999:
// the new seed is 1000, as the seed names past 999 are spelled, and the
// project checks with it.
func TestIngestPastSeed999(t *testing.T) {
	dir := testProject(t)
	seeds, err := filepath.Glob(filepath.Join(dir, "seeds", "000_*.txt"))
	require.NoError(t, err)
	require.Len(t, seeds, 1)
	text, err := os.ReadFile(seeds[0])
	require.NoError(t, err)
	copy999 := strings.Replace(string(text), "\n", "\nA line only seed 999 has.\n", 1)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "seeds", "999_0000000000000000.txt"), []byte(copy999), 0o644))

	_, stderr, err := runCmd("ingest", "-root", dir, "-encoding", "windows-1252", "-title", "Later", "-published", "2025-11-03", filepath.Join(fixtures, "cp1252.txt"))
	require.NoError(t, err, stderr)
	files, err := filepath.Glob(filepath.Join(dir, "seeds", "1000_*.txt"))
	require.NoError(t, err)
	assert.Len(t, files, 1, "the seed after 999 is 1000")
	_, stderr, err = runCmd("check", "-root", dir)
	assert.NoError(t, err, stderr)
}

func TestUndatedNamesTheArticlesWithoutADate(t *testing.T) {
	day, err := date.Parse("2025-11-12")
	require.NoError(t, err)
	dated := source.Article{First: 1, Last: 4, Published: day}
	tests := []struct {
		articles []source.Article
		want     string
	}{
		{[]source.Article{dated}, ""},
		{[]source.Article{{First: 1, Last: 7}}, "lines 1–7"},
		{[]source.Article{{First: 1, Last: 3}, {First: 4, Last: 9}, {First: 10, Last: 12, Published: day}, {First: 13, Last: 20}}, "lines 1–3, 4–9 and 13–20"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, undated(&source.Seed{Articles: tt.articles}), "%+v", tt.articles)
	}
}
