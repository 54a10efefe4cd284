package source

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dossier-project/dossier/internal/date"
)

func TestDecode(t *testing.T) {
	long := strings.Repeat("x", MaxLine+1)
	tests := []struct {
		name  string
		data  string
		lines []string // nil when the file is rejected as a whole
		err   string   // substring of the first problem, "" for none
	}{
		{"plain", "a\nb\n", []string{"a", "b"}, ""},
		{"no final newline", "a\nb", []string{"a", "b"}, ""},
		{"BOM and CRLF keep line numbers", "\xef\xbb\xbfa\r\n\r\nc\r\n", []string{"a", "", "c"}, ""},
		{"empty", "", nil, "s.txt: empty seed"},
		{"only blanks", " \n\n", nil, "s.txt: empty seed"},
		{"only a BOM", "\xef\xbb\xbf\r\n", nil, "s.txt: empty seed"},
		{"NUL byte", "ok\nbin\x00ary\n", nil, "s.txt:2: NUL byte"},
		// Line-level problems keep the lines, so the rest of the dossier is still checked.
		{"invalid UTF-8", "ok\nbad \xff byte\n", []string{"ok", "bad \uFFFD byte"}, "s.txt:2: byte 0xFF at offset 7 is not UTF-8 text: if the file is in another encoding, run `dossier ingest -encoding NAME` on it"},
		{"invalid UTF-8 after a BOM", "\xef\xbb\xbfok\n\xe9t\xe9\n", []string{"ok", "\uFFFDt\uFFFD"}, "s.txt:2: byte 0xE9 at offset 6 is not"},
		{"UTF-8 with one stray byte", "“quoted”\nMon\xe9day\n", []string{"“quoted”", "Mon\uFFFDday"}, "s.txt:2: byte 0xE9 at offset 16 is not UTF-8 text, while the file's other characters beyond ASCII are: no one encoding reads the file; correct the byte in the document, then run `dossier ingest` on it; a seed must be UTF-8"},
		{"UTF-16 with a BOM", "\xff\xfea\x00\n\x00", nil, "s.txt:1: byte 0xFF at offset 0 is not UTF-8 text"},
		{"UTF-16 without a BOM", "a\x00b\x00\n\x00c\x00", nil, "s.txt:1: byte 0x00 at offset 1 is not UTF-8 text"},
		{"long line", "ok\n" + long + "\n", []string{"ok", long}, "s.txt:2: line is 100001 bytes long"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lines, ps := Decode("s.txt", []byte(tt.data))
			assert.True(t, slices.Equal(tt.lines, lines) && (tt.lines == nil) == (lines == nil), "lines of %.40q: got %.80q", tt.data, lines)
			if tt.err == "" {
				assert.Empty(t, ps, "input %.40q", tt.data)
				return
			}
			require.NotEmpty(t, ps, "input %.40q", tt.data)
			assert.Contains(t, ps[0].String(), tt.err, "input %.40q", tt.data)
		})
	}
}

// TestDecodeSaysWhatIngestSays: a seed in another encoding than UTF-8 is one
// problem, at its first bad byte, with the message ingest gives for the same
// file (and what to do with the copy in seeds/), not one problem per line.
func TestDecodeSaysWhatIngestSays(t *testing.T) {
	tests := []struct{ file, guess string }{
		{"arabic.windows-1256.txt", "windows-1256"},
		{"french.windows-1252.txt", "windows-1252"},
		{"urdu.utf-16le.txt", "utf-16le"},
	}
	for _, tt := range tests {
		data, err := os.ReadFile(filepath.Join("testdata", "encodings", tt.file))
		require.NoError(t, err)
		lines, ps := Decode("seeds/001_x.txt", data)
		require.Len(t, ps, 1, "%s: one problem for the whole file", tt.file)
		msg := ps[0].String()
		assert.Contains(t, msg, "run `dossier ingest -encoding NAME` on it", "%s: says what to do", tt.file)
		assert.Contains(t, msg, "-encoding "+tt.guess+")", "%s: names the likely encoding", tt.file)
		assert.True(t, strings.HasSuffix(msg, "; a seed must be UTF-8: move the file out of seeds/ and ingest it from there"), "%s: %s", tt.file, msg)
		if bytes.HasPrefix(data, bomUTF16LE) {
			assert.Nil(t, lines, "%s: UTF-16 has no lines to check", tt.file)
			continue
		}
		_, err = Normalize(data, "")
		var e *EncodingError
		require.ErrorAs(t, err, &e, "ingest refuses %s", tt.file)
		assert.Equal(t, fmt.Sprintf("seeds/001_x.txt:%d: %s; a seed must be UTF-8: move the file out of seeds/ and ingest it from there", e.Line, e.Error()), msg, "%s: one message", tt.file)
		assert.Len(t, lines, bytes.Count(bytes.TrimSuffix(data, []byte("\n")), []byte("\n"))+1, "%s: lines are kept for the other checks", tt.file)
	}
}

func TestBoilerplate(t *testing.T) {
	tests := []struct{ text, want string }{
		{"Recommended Stories", "navigation"},
		{"list of 3 itemsend of list", "navigation"},
		{"Share", "navigation"},
		{"Follow", "navigation"},
		{"4 min read", "navigation"},
		{"Published On 26 Oct 202526 Oct 2025", "dateline"},
		{"Updated 01 November 2025", "dateline"},
		{"Pakistani security personnel have faced increasing attacks from the TTP armed group [Fayaz Aziz/Reuters]", "caption"},
		{"— Ministry of Foreign Affairs – Qatar (@MofaQatar_EN) October 18, 2025", "embedded post"},
		{"Share prices fell sharply in Karachi on Monday.", ""},
		{"Following the Kabul explosions, speculation swirled.", ""},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, boilerplateReason(tt.text), "boilerplateReason(%q)", tt.text)
	}
}

// TestBoilerplateHeadsHoldForEveryMatch holds each pattern's cheap test
// (may) to what the pattern matches: lines of every alternative of every
// pattern, each matched by its pattern, pass its test, and a fuzz target
// checks the same of any text.
func TestBoilerplateHeadsHoldForEveryMatch(t *testing.T) {
	matches := [][]string{
		{"Recommended Stories", "Related Article", "Related Articles", "Read more", "Read More", "More from Al Jazeera",
			"More from ", "Share", "Save", "Follow", "Post a comment", "Short Url", "Newsflash", "Newsflash:",
			"Advertisement", "Subscribe", "Subscribe to our newsletter", "Sign up", "Sign up for alerts"},
		{"list of 3 items", "list of 1 item", "list of 4 itemsend of list"},
		{"4 min read", "12 min read"},
		{"Published On 26 Oct 202526 Oct 2025", "Published On 1 Nov 2025"},
		{"Updated 01 November 2025", "Updated 3 hours ago", "Updated ago ago"},
		{"— Ministry of Foreign Affairs – Qatar (@MofaQatar_EN) October 18, 2025", "— x (@a) b 1, 2025"},
		{"Troops in Kurram [Fayaz Aziz/Reuters]", "[a/b]", "x [/]"},
	}
	require.Len(t, matches, len(boilerplate), "examples for every pattern")
	for i, b := range boilerplate {
		for _, l := range matches[i] {
			require.True(t, b.re().MatchString(l), "pattern %d matches %q", i, l)
			assert.True(t, b.may(l), "pattern %d: its test refuses %q", i, l)
		}
	}
}

// FuzzBoilerplateHeads checks that no text a pattern matches fails the
// pattern's cheap test, so that boilerplateReason gives what the patterns
// alone give.
func FuzzBoilerplateHeads(f *testing.F) {
	for _, s := range []string{"Share", "Read more", "list of 2 items", "3 min read", "Updated 2 days ago", "a [b/c]", "Shares fell."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for i, b := range boilerplate {
			if b.re().MatchString(s) && !b.may(s) {
				t.Fatalf("pattern %d matches %q, which its test refuses", i, s)
			}
		}
	})
}

func TestDuplicates(t *testing.T) {
	lines := []Line{{N: 1, Text: "A paragraph long enough to be compared with others later."}, {N: 2, Text: "Share"},
		{N: 3, Text: "Share"}, {N: 4, Text: "A paragraph long enough to be compared  with others later. "}}
	markDuplicates(lines)
	assert.Equal(t, 0, lines[0].DuplicateOf)
	assert.Equal(t, 0, lines[2].DuplicateOf, "short lines repeat legitimately")
	assert.Equal(t, 1, lines[3].DuplicateOf, "white space does not hide a repeat")
}

func TestParseRef(t *testing.T) {
	tests := []struct {
		in   string
		want Ref
		err  bool
	}{
		{"000:42", Ref{"000", 42, 42}, false},
		{"@003:7-9", Ref{"003", 7, 9}, false},
		{" 001:1 ", Ref{"001", 1, 1}, false},
		{"1000:5", Ref{"1000", 5, 5}, false},
		{"00:4", Ref{}, true},
		{"0100:4", Ref{}, true},
		{"000:x", Ref{}, true},
		{"000", Ref{}, true},
	}
	for _, tt := range tests {
		got, err := ParseRef(tt.in)
		if tt.err {
			assert.Error(t, err, "ParseRef(%q)", tt.in)
			continue
		}
		require.NoError(t, err, "ParseRef(%q)", tt.in)
		assert.Equal(t, tt.want, got, "ParseRef(%q)", tt.in)
	}
}

func TestLoadOrdersIDsByNumber(t *testing.T) {
	seed := &fstest.MapFile{Data: []byte("one\n")}
	c, ps := Load(fstest.MapFS{"seeds/1000_ab.txt": seed, "seeds/999_ab.txt": seed, "seeds/000_ab.txt": seed, "seeds/0999_ab.txt": seed})
	var ids []string
	for _, s := range c.Seeds {
		ids = append(ids, s.ID)
	}
	assert.Equal(t, []string{"000", "999", "1000"}, ids, "seeds past 999 sort by number")
	require.Len(t, ps, 1, "0999 has a leading zero beyond three digits")
	assert.Contains(t, ps[0].String(), "seeds/0999_ab.txt: unexpected file name")
}

func TestResolve(t *testing.T) {
	c, ps := Load(fstest.MapFS{"seeds/000_ab.txt": {Data: []byte("one\ntwo\nthree\n")}})
	require.Empty(t, ps)
	tests := []struct {
		ref  Ref
		want string
	}{
		{Ref{"000", 2, 3}, ""},
		{Ref{"001", 1, 1}, "there is no seed 001"},
		{Ref{"000", 3, 2}, "reversed range; write 000:2-3"},
		{Ref{"000", 4, 4}, "seed 000 has only 3 lines"},
		{Ref{"000", 0, 1}, "lines count from 1"},
	}
	for _, tt := range tests {
		_, err := c.Resolve(tt.ref)
		if tt.want == "" {
			assert.NoError(t, err, "Resolve(%s)", tt.ref)
		} else {
			assert.ErrorContains(t, err, tt.want, "Resolve(%s)", tt.ref)
		}
	}
}

func TestLoadProblems(t *testing.T) {
	seed := &fstest.MapFile{Data: []byte("a\nb\nc\nd\n")}
	tests := []struct {
		name  string
		files fstest.MapFS
		want  string
	}{
		{"no seeds folder", fstest.MapFS{"content/x": {}}, "seeds: cannot read the seeds folder"},
		{"unexpected name", fstest.MapFS{"seeds/notes.txt": seed}, "seeds/notes.txt: unexpected file name"},
		{"binary seed", fstest.MapFS{"seeds/000_ab.txt": {Data: []byte("\x89PNG\x00\x01")}}, "seeds/000_ab.txt:1: NUL byte"},
		{"gap between articles", fstest.MapFS{"seeds/000_ab.txt": seed, "seeds/sources.yaml": {Data: []byte("\"000\":\n  articles:\n    - lines: 1-2\n    - lines: 4-4\n")}},
			"seeds/sources.yaml:4: seed 000: article starts at line 4 but line 3 is the next not yet covered"},
		{"reversed range", fstest.MapFS{"seeds/000_ab.txt": seed, "seeds/sources.yaml": {Data: []byte("\"000\":\n  articles:\n    - lines: 3-1\n")}},
			"seeds/sources.yaml:3: seed 000: reversed range 3-1"},
		{"past the end", fstest.MapFS{"seeds/000_ab.txt": seed, "seeds/sources.yaml": {Data: []byte("\"000\":\n  articles:\n    - lines: 1-9\n")}},
			"seeds/sources.yaml:3: seed 000: line 9 is past the end of the seed (4 lines)"},
		{"unknown key", fstest.MapFS{"seeds/000_ab.txt": seed, "seeds/sources.yaml": {Data: []byte("\"000\":\n  articles:\n    - lines: 1-4\n      publishd: 2025-10-01\n")}},
			`seeds/sources.yaml:4: unknown key "publishd"; use one of lines, title, publisher, published, url, note`},
		{"bad date", fstest.MapFS{"seeds/000_ab.txt": seed, "seeds/sources.yaml": {Data: []byte("\"000\":\n  articles:\n    - lines: 1-4\n      published: 2025-13-01\n")}},
			"seeds/sources.yaml:4: published: date \"2025-13-01\" has no month 13"},
		{"unknown seed", fstest.MapFS{"seeds/000_ab.txt": seed, "seeds/sources.yaml": {Data: []byte("\"007\":\n  articles: []\n")}},
			"seeds/sources.yaml:1: metadata for seed 007, but there is no seed 007_*.txt"},
		{"empty entry", fstest.MapFS{"seeds/000_ab.txt": seed, "seeds/sources.yaml": {Data: []byte("\"007\":\n")}},
			"seeds/sources.yaml:1: metadata for seed 007, but there is no seed 007_*.txt"},
		{"malformed YAML", fstest.MapFS{"seeds/000_ab.txt": seed, "seeds/sources.yaml": {Data: []byte("\"000\":\n  articles: [\n")}},
			"seeds/sources.yaml:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, ps := Load(tt.files)
			require.NotEmpty(t, ps)
			var all []string
			for _, p := range ps {
				all = append(all, p.String())
			}
			assert.Contains(t, strings.Join(all, "\n"), tt.want)
		})
	}
}

// A seed that cannot be used is reported once, where it is; citations of it
// and its metadata say so instead of claiming there is no such seed.
func TestRejectedSeed(t *testing.T) {
	c, ps := Load(fstest.MapFS{
		"seeds/000_ab.txt":   {Data: []byte("\x89PNG\x00\x01")},
		"seeds/sources.yaml": {Data: []byte("\"000\":\n  articles: []\n")},
	})
	require.Len(t, ps, 1, "problems: %v", ps)
	assert.Equal(t, "seeds/000_ab.txt:1: NUL byte at byte 4: this looks like a binary file, not a text seed; remove it from seeds/ or save the document as UTF-8 text", ps[0].String())
	_, err := c.Resolve(Ref{"000", 1, 1})
	assert.EqualError(t, err, "citation 000:1: seed 000 (seeds/000_ab.txt) could not be loaded; fix the problem reported for that file")
	_, err = c.Resolve(Ref{"001", 1, 1})
	assert.EqualError(t, err, "citation 001:1: there is no seed 001")
}

func TestSplitArabNewsPair(t *testing.T) {
	text := "Pakistan denies rejecting a proposal\n\nCaption here [AFP]\nShort Url\nUpdated 01 November 2025\nFollow\n\nPakistan denies rejecting a proposal\n\n" +
		"ISLAMABAD: " + strings.Repeat("Body of the first article. ", 12) + "\n" + strings.Repeat("More body. ", 30) + "\n\n" +
		"From sponsor to enemy: what is behind the conflict?\n\nUpdated 3 min 21 sec ago\nFollow\n\nISLAMABAD: " + strings.Repeat("Second body. ", 30) + "\n"
	lines, ps := Decode("x", []byte(text))
	require.Empty(t, ps)
	ls := make([]Line, len(lines))
	for i, l := range lines {
		ls[i] = Line{N: i + 1, Text: l, Boilerplate: boilerplateReason(l)}
	}
	arts := Split(ls)
	require.Len(t, arts, 2, "the dateline under a header block does not start a third article")
	assert.Equal(t, 1, arts[0].First)
	assert.Equal(t, "2025-11-01", arts[0].Published.String())
	assert.Equal(t, "From sponsor to enemy: what is behind the conflict?", arts[1].Title)
	assert.True(t, arts[1].Published.IsZero(), "'3 min ago' is not a date")
}

// TestSplitAgainstCuratedBoundaries measures automatic article detection on
// the real seeds against the curated boundaries in seeds/sources.yaml. A
// detected start within four lines of a curated one counts as found.
func TestSplitAgainstCuratedBoundaries(t *testing.T) {
	if _, err := os.Stat("../../seeds/sources.yaml"); err != nil {
		t.Skip("no curated metadata")
	}
	c, ps := Load(os.DirFS("../.."))
	require.Zero(t, ps.Errors(), "%v", ps)
	found, curated, detected, right := 0, 0, 0, 0
	for _, s := range c.Seeds {
		var cur, det []int
		for _, a := range s.Articles {
			cur = append(cur, a.First)
		}
		for _, a := range Split(s.Lines) {
			det = append(det, a.First)
		}
		near := func(n int, in []int) bool {
			for _, m := range in {
				if m-4 <= n && n <= m+4 {
					return true
				}
			}
			return false
		}
		for _, n := range cur {
			curated++
			if near(n, det) {
				found++
			}
		}
		for _, n := range det {
			detected++
			if near(n, cur) {
				right++
			}
		}
	}
	recall, precision := float64(found)/float64(curated), float64(right)/float64(detected)
	t.Logf("article starts: %d curated, %d detected; recall %.0f%%, precision %.0f%%", curated, detected, 100*recall, 100*precision)
	assert.GreaterOrEqual(t, recall, 0.65, "detection finds most curated boundaries")
	assert.GreaterOrEqual(t, precision, 0.85, "detection rarely invents a boundary")
}

// summed is a file system that knows its files' sums, as the build's
// snapshot does.
type summed struct {
	fstest.MapFS
	sums map[string][32]byte
}

func (s summed) Sum(name string) ([32]byte, bool) {
	sum, ok := s.sums[name]
	return sum, ok
}

func TestReadFileTakesTheSumTheFileSystemKnows(t *testing.T) {
	text := "Talks resume\nOfficials said talks would resume.\n"
	known := sha256.Sum256([]byte(text))
	fsys := summed{fstest.MapFS{
		"seeds/001_aa.txt": {Data: []byte(text)},
		"seeds/002_bb.txt": {Data: []byte(text)},
	}, map[string][32]byte{"seeds/001_aa.txt": known}}
	folder := ReadFolder(fsys)
	require.Len(t, folder.Files, 2)
	assert.Equal(t, known, folder.Files[0].Sum, "the file system's sum")
	assert.Zero(t, folder.Files[1].Sum, "no sum where the file system has none")
	for _, f := range folder.Files {
		s, ps := ReadFile(f)
		require.Empty(t, ps)
		assert.Equal(t, known, s.Sum, "%s: the seed's sum is its bytes'", f.Name)
	}
}

// shared is a file system that shares its files' bytes (Sharer), with
// a count of the files it shared.
type shared struct {
	fstest.MapFS
	n int
}

func (s *shared) Shared(name string) ([]byte, bool) {
	f, ok := s.MapFS[name]
	if ok {
		s.n++
		return f.Data, true
	}
	return nil, false
}

func TestSeedsReadFromSharedBytesAreTheSame(t *testing.T) {
	files := map[string]string{
		"seeds/001_aa.txt": "Talks resume\nOfficials said talks would resume.\n",
		"seeds/002_bb.txt": "\ufeffWith a byte-order mark\r\nand CR LF.\r\n",
		"seeds/003_cc.txt": "Not UTF-8: caf\xe9\nstill read\n",
		"seeds/004_dd.txt": "\n\n",
		"seeds/005_ee.txt": "no newline at the end",
	}
	plain, sh := fstest.MapFS{}, &shared{MapFS: fstest.MapFS{}}
	for p, text := range files {
		plain[p] = &fstest.MapFile{Data: []byte(text)}
		sh.MapFS[p] = &fstest.MapFile{Data: []byte(text)}
	}
	want, wantPs := Load(plain)
	folder := ReadFolder(sh)
	assert.Equal(t, len(files), sh.n, "every seed's bytes shared")
	parsed := make([]Parsed, len(folder.Files))
	for i, f := range folder.Files {
		assert.True(t, f.Shared, f.Name)
		s, ps := ReadFile(f)
		if s != nil {
			s.Mark()
		}
		parsed[i] = Parsed{Seed: s, Problems: ps}
	}
	got, gotPs := Assemble(sh, folder, parsed)
	assert.Equal(t, wantPs, gotPs)
	require.Len(t, got.Seeds, len(want.Seeds))
	for i, s := range got.Seeds {
		assert.Equal(t, want.Seeds[i], s, s.ID)
	}
	for p, f := range sh.MapFS {
		assert.Equal(t, files[p], string(f.Data), "%s: the shared bytes are not changed", p)
	}
}

func TestRefString(t *testing.T) {
	for _, tc := range []struct {
		ref  Ref
		want string
	}{
		{Ref{"000", 42, 42}, "000:42"},
		{Ref{"003", 7, 9}, "003:7-9"},
		{Ref{"1000", 0, 0}, "1000:0"},
		{Ref{"012", -1, 12}, "012:-1-12"},
	} {
		assert.Equal(t, tc.want, tc.ref.String())
	}
}

func BenchmarkRefString(b *testing.B) {
	refs := []Ref{{"000", 42, 42}, {"4999", 7, 9}}
	for b.Loop() {
		for _, r := range refs {
			_ = r.String()
		}
	}
}

// TestDescribeArticle holds the label a reference list gives an article:
// title, publisher and date, with no comma after a title that ends in a
// question or exclamation mark.
func TestDescribeArticle(t *testing.T) {
	day := date.Date{Year: 2025, Month: 11, Day: 2}
	for _, tt := range []struct {
		a    Article
		want string
	}{
		{Article{Title: "Talks resume", Publisher: "Dawn", Published: day}, "Talks resume, Dawn, 2 November 2025"},
		{Article{Title: "Talks resume"}, "Talks resume, date unknown"},
		{Article{Title: "Why now?", Publisher: "Dawn", Published: day}, "Why now? Dawn, 2 November 2025"},
		{Article{Title: "What is behind the conflict?"}, "What is behind the conflict? date unknown"},
		{Article{Title: "Enough!", Published: day}, "Enough! 2 November 2025"},
		{Article{Title: "Is it over? Not yet", Publisher: "Arab News"}, "Is it over? Not yet, Arab News, date unknown"},
	} {
		assert.Equal(t, tt.want, tt.a.Describe(), tt.a.Title)
	}
}
