package search

import (
	"bytes"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fixture is a small dossier: pages of several kinds and the lines of two seeds.
func fixture() []Doc {
	src := func(seed string, n int, text string) Doc {
		return Doc{Kind: "source", Label: "Talks in Doha (Al Jazeera, 19 October 2025)", URL: "sources/" + seed + "/index.html#L" + string(rune('0'+n)), Text: text, Group: seed}
	}
	return []Doc{
		{Kind: "actor", Title: "Zabihullah Mujahid", URL: "actors/zabihullah-mujahid/index.html", Keywords: "Zabīhullāh Mujāhid · Taliban spokesman",
			Text: "Zabihullah Mujahid is the chief spokesman of the Taliban government in Kabul."},
		{Kind: "actor", Title: "Khawaja Asif", URL: "actors/khawaja-asif/index.html", Keywords: "Defence Minister of Pakistan",
			Text: "Khawaja Asif is Pakistan's defence minister and led the delegation in Doha."},
		{Kind: "event", Title: "Talks in Doha", URL: "timeline/2025-10-19-doha-talks/index.html", Keywords: "19 October 2025",
			Text: "Delegations of Pakistan and Afghanistan agreed to an immediate ceasefire in Doha."},
		{Kind: "figure", Title: "Soldiers killed, per Pakistan", URL: "figures/soldiers-killed/index.html", Keywords: "23 soldiers killed",
			Text: "Pakistan's military said 23 soldiers were killed in the clashes."},
		{Kind: "topic", Title: "Border crossings", URL: "topics/border-crossings/index.html", Keywords: "Torkham and Chaman",
			Text: "The Torkham and Chaman crossings stayed closed, and trade stopped."},
		{Kind: "page", Title: "About this dossier", URL: "about/index.html", Keywords: "How the dossier is built",
			Text: "Every sentence links to the source line that supports it."},
		src("000", 1, "Mujahid said the talks in Doha would continue next week."),
		src("000", 2, "Khawaja Asif, the defence minister, said talks in Doha would continue."),
		src("000", 3, "The Taliban said 58 Pakistani soldiers were killed, and that 2,414 families were displaced near the border."),
		src("001", 1, "Trade through Torkham stopped; lorries waited at the border for days."),
		src("001", 2, "A spokesman for the Taliban government said the border would reopen."),
	}
}

func build(t *testing.T, docs []Doc) map[string][]byte {
	t.Helper()
	files, err := Build(Options{Kinds: siteKinds}, docs)
	require.NoError(t, err)
	return files
}

// TestRanking runs queries on the fixture and checks the order of the
// results: names and titles first, pages before source lines, prefixes
// completed, numbers found with and without separators, every word needed.
func TestRanking(t *testing.T) {
	files := build(t, fixture())
	cases := []struct {
		q    string
		want []string // URLs of the first results, in order
		all  bool     // want is the whole result
	}{
		{"Mujah", []string{"actors/zabihullah-mujahid/index.html", "sources/000/index.html#L1"}, true},
		{"mujāhid", []string{"actors/zabihullah-mujahid/index.html", "sources/000/index.html#L1"}, true},
		{"ZABIHULLAH", []string{"actors/zabihullah-mujahid/index.html"}, true},
		{"doha", []string{"timeline/2025-10-19-doha-talks/index.html"}, false},
		{"defence minister", []string{"actors/khawaja-asif/index.html", "sources/000/index.html#L2"}, true},
		{"soldiers killed", []string{"figures/soldiers-killed/index.html", "sources/000/index.html#L3"}, true},
		{"2,414", []string{"sources/000/index.html#L3"}, true},
		{"2414", []string{"sources/000/index.html#L3"}, true},
		{"2,41", []string{"sources/000/index.html#L3"}, true},
		{"torkham", []string{"topics/border-crossings/index.html", "sources/001/index.html#L1"}, true},
		{"taliban spokesman", []string{"actors/zabihullah-mujahid/index.html", "sources/001/index.html#L2"}, true},
		{"mujahid asif", nil, true},
		{"the", nil, true},
		{"kabul", []string{"actors/zabihullah-mujahid/index.html"}, true},
	}
	for _, c := range cases {
		res, err := newReader(files).query(c.q, 10)
		require.NoError(t, err, "query %q", c.q)
		got := hitURLs(res.Hits)
		if c.all {
			assert.Equal(t, c.want, got, "query %q", c.q)
			assert.Equal(t, len(c.want), res.Total, "query %q: total", c.q)
		} else {
			assert.Equal(t, c.want, got[:min(len(got), len(c.want))], "query %q: first results", c.q)
		}
	}
}

func hitURLs(hits []hit) []string {
	var out []string
	for _, h := range hits {
		out = append(out, h.URL)
	}
	return out
}

// TestEqualRelevance checks that documents scoring the same are listed in
// the order of Options.Kinds: topic, then event, then the source line.
func TestEqualRelevance(t *testing.T) {
	files := build(t, []Doc{
		{Kind: "source", URL: "s#1", Text: "ceasefire", Group: "000"},
		{Kind: "event", URL: "e", Text: "ceasefire"},
		{Kind: "topic", URL: "t", Text: "ceasefire"},
	})
	res, err := newReader(files).query("ceasefire", 10)
	require.NoError(t, err)
	require.Len(t, res.Hits, 3)
	assert.Equal(t, res.Hits[0].Score, res.Hits[2].Score, "the three documents are equally relevant")
	assert.Equal(t, []string{"t", "e", "s#1"}, hitURLs(res.Hits), "pages first, in the order of the kinds")
}

// TestPrefixPrefersNames checks which terms a typed prefix stands for when
// it begins more than maxExpansions of them: names (terms of titles and
// keywords) first, then the most frequent; and that the word itself ranks
// above its completions.
func TestPrefixPrefersNames(t *testing.T) {
	var docs []Doc
	for i := range 10 { // "khaa" in 10 lines, "khab" in 9, … "khaj" in 1
		for j := range 10 - i {
			docs = append(docs, Doc{Kind: "source", URL: fmt.Sprintf("s#%d-%d", i, j), Text: "kha" + string(rune('a'+i)), Group: "000"})
		}
	}
	docs = append(docs, Doc{Kind: "actor", Title: "Kharoti", URL: "kharoti"})
	res, err := newReader(build(t, docs)).query("kha", 100)
	require.NoError(t, err)
	assert.Equal(t, "kharoti", res.Hits[0].URL, "the name is among the completions, and first")
	assert.Equal(t, 1+10+9+8+7+6+5+4, res.Total, "the name and the seven most frequent completions")

	docs = append(docs, Doc{Kind: "actor", Title: "Kha", URL: "kha"})
	res, err = newReader(build(t, docs)).query("kha", 2)
	require.NoError(t, err)
	assert.Equal(t, []string{"kha", "kharoti"}, hitURLs(res.Hits), "the word itself before its completions")
}

func TestBuildRejectsBadDocuments(t *testing.T) {
	cases := []struct {
		name string
		docs []Doc
		want string
	}{
		{"unknown kind", []Doc{{Kind: "actors", URL: "a"}}, `kind "actors", which is not one of Options.Kinds (actor, topic`},
		{"no URL", []Doc{{Kind: "actor", Title: "Khan"}}, `(“Khan”): every document needs its own URL`},
		{"same URL", []Doc{{Kind: "actor", URL: "a"}, {Kind: "topic", URL: "a"}}, `two documents have the URL "a"`},
	}
	for _, c := range cases {
		_, err := Build(Options{Kinds: siteKinds}, c.docs)
		if assert.Error(t, err, c.name) {
			assert.Contains(t, strings.ReplaceAll(err.Error(), `"Khan"`, "“Khan”"), c.want, c.name)
		}
	}
	_, err := Build(Options{Kinds: []Kind{{"actor", "Actor"}, {"actor", "Person"}}}, nil)
	assert.ErrorContains(t, err, `kind 1 "actor" is empty or listed twice`)
}

// TestDeterministic builds the fixture twice, the second time with pages and
// seeds in another order: the bytes are the same.
func TestDeterministic(t *testing.T) {
	docs := fixture()
	a := build(t, docs)
	shuffled := append([]Doc{}, docs[6:]...) // seed lines first, seed 001 before 000
	shuffled = append(append(shuffled[3:], shuffled[:3]...), docs[:6]...)
	for i, j := 7, 10; i < j; i, j = i+1, j-1 { // pages in reverse
		shuffled[i], shuffled[j] = shuffled[j], shuffled[i]
	}
	b := build(t, shuffled)
	assert.Equal(t, slices.Sorted(maps.Keys(a)), slices.Sorted(maps.Keys(b)), "the same files")
	for p := range a {
		assert.True(t, bytes.Equal(a[p], b[p]), "%s has the same bytes", p)
	}
}

// TestFilesAreScripts checks every data file is one DossierSearch.add call
// whose key is its path, and that no text can end a script element.
func TestFilesAreScripts(t *testing.T) {
	docs := fixture()
	docs[0].Text += " </script><script>alert(1)</script> \u2028"
	files := build(t, docs)
	require.Contains(t, files, "assets/search/index.js")
	require.Contains(t, files, "assets/search/engine.js")
	for p, b := range files {
		if p == "assets/search/engine.js" {
			continue
		}
		key := strings.TrimSuffix(strings.TrimPrefix(p, "assets/search/"), ".js")
		assert.True(t, bytes.HasPrefix(b, []byte(`DossierSearch.add("`+key+`",`)), "%s registers its key", p)
		assert.NotContains(t, string(b), "</script", p)
		assert.NotContains(t, string(b), "\u2028", p)
		assert.Equal(t, 1, bytes.Count(b, []byte("\n")), "%s is one line", p)
	}
}

// TestEmptyIndex builds an index of nothing: the engine and a manifest
// without segments, which answers every query with nothing.
func TestEmptyIndex(t *testing.T) {
	files := build(t, nil)
	assert.Equal(t, []string{"assets/search/engine.js", "assets/search/index.js"}, slices.Sorted(maps.Keys(files)))
	res, err := newReader(files).query("anything", 10)
	require.NoError(t, err)
	assert.Zero(t, res.Total)
}

// TestHugeLine indexes a 1 MB source line: it is found by its words, its
// 41-letter run is not a term, and the chunk holding it stays small.
func TestHugeLine(t *testing.T) {
	huge := strings.Repeat("Torkham crossing closed again. ", 35_000) + strings.Repeat("x", 41) + " unique-ending"
	files := build(t, append(fixture(), Doc{Kind: "source", URL: "sources/002/index.html#L1", Text: huge, Group: "002"}))
	res, err := newReader(files).query("unique", 10)
	require.NoError(t, err)
	assert.Equal(t, []string{"sources/002/index.html#L1"}, hitURLs(res.Hits), "a word at the end of the line is found")
	res, err = newReader(files).query(strings.Repeat("x", 41), 10)
	require.NoError(t, err)
	assert.Empty(t, res.Words, "a run of 41 letters is not a term")
	for p, b := range files {
		assert.Less(t, len(b), 20_000, "%s stays small", p)
	}
}

func TestImmutable(t *testing.T) {
	files, err := Build(Options{Kinds: siteKinds}, []Doc{{Kind: "actor", Title: "Khan", URL: "a"}, {Kind: "source", Text: "Khan said", URL: "s#L1", Group: "1"}})
	require.NoError(t, err)
	segs := 0
	for p := range files {
		if Immutable(p) {
			segs++
		}
	}
	assert.Equal(t, len(files)-2, segs, "every file but engine.js and the manifest is a segment's")
	for _, p := range []string{"assets/search/index.js", "assets/search/engine.js", "assets/search/0123456789ab", "assets/search/0123456789AB/t0.js",
		"assets/search/0123456789a/t0.js", "assets/other/0123456789ab/t0.js", "assets/search/c/0123456789ab", "assets/search/c/0123456789a.js",
		"assets/search/c/0123456789ab/t0.js", "assets/other/c/0123456789ab.js"} {
		assert.False(t, Immutable(p), p)
	}
	assert.True(t, Immutable("assets/search/0123456789ab/t0.js"))
	assert.True(t, Immutable("assets/search/c/0123456789ab.js"))
}

// TestGroupsEncodedApartReportTheFirstProblem: BuildGroups encodes the
// groups apart from the pages (EncodeGroups, BuildSources) but reports the
// problem it meets first when it checks the pages' documents, then the
// groups', in order: a page's own before any group's, and of the groups' the
// first, whether it has a page's URL or another group document's.
func TestGroupsEncodedApartReportTheFirstProblem(t *testing.T) {
	page := Doc{Kind: "actor", Title: "Khan", URL: "actors/khan/"}
	group := func(id string, docs ...Doc) Group {
		for i := range docs {
			docs[i].Kind, docs[i].Group = "source", id
		}
		return Group{ID: id, Docs: func() []Doc { return docs }}
	}
	cases := []struct {
		name   string
		pages  []Doc
		groups []Group
		want   string
	}{
		{"a group document with a page's URL", []Doc{page},
			[]Group{group("1", Doc{URL: "s/1#L1"}, Doc{Title: "twin", URL: page.URL})},
			`two documents have the URL "actors/khan/" (the second titled "twin")`},
		{"a page's problem before a group's", []Doc{page, {Kind: "nope", URL: "x"}},
			[]Group{group("1", Doc{Title: "twin", URL: page.URL})},
			`kind "nope"`},
		{"two groups' documents alike, before a page's twin", []Doc{page},
			[]Group{group("1", Doc{URL: "s#L1"}), group("2", Doc{Title: "second", URL: "s#L1"}), group("3", Doc{Title: "twin", URL: page.URL})},
			`two documents have the URL "s#L1" (the second titled "second")`},
		{"a page's twin before two groups' documents alike", []Doc{page},
			[]Group{group("1", Doc{Title: "twin", URL: page.URL}), group("2", Doc{URL: "s#L1"}), group("3", Doc{Title: "second", URL: "s#L1"})},
			`two documents have the URL "actors/khan/" (the second titled "twin")`},
		{"of two page twins the first checked", []Doc{page, {Kind: "topic", Title: "Talks", URL: "topics/talks/"}},
			[]Group{group("1", Doc{Title: "first", URL: "topics/talks/"}), group("2", Doc{Title: "later", URL: page.URL})},
			`two documents have the URL "topics/talks/" (the second titled "first")`},
		{"groups given twice, after the pages", []Doc{page},
			[]Group{group("1", Doc{URL: "s#L1"}), group("1", Doc{URL: "s#L2"})},
			`group "1" is given twice`},
		{"a document in another group", []Doc{page},
			[]Group{group("1", Doc{URL: "s#L1"}), {ID: "2", Docs: func() []Doc { return []Doc{{Kind: "source", URL: "s#L2", Group: "1"}} }}},
			`document "s#L2" is in group "1" but was given with group "2"`},
	}
	for _, c := range cases {
		_, err := BuildGroups(Options{Kinds: siteKinds}, c.pages, c.groups)
		assert.ErrorContains(t, err, c.want, c.name)
		// Groups are ordered by ID whatever the order they come in.
		reversed := slices.Clone(c.groups)
		slices.Reverse(reversed)
		_, err = BuildSources(Options{Kinds: siteKinds}, c.pages, EncodeGroups(Options{Kinds: siteKinds}, reversed))
		assert.ErrorContains(t, err, c.want, c.name+", groups given in reverse")
	}
	_, err := BuildSources(Options{Kinds: []Kind{{"actor", "Actor"}, {"actor", "Person"}}}, nil, EncodeGroups(Options{Kinds: siteKinds}, nil))
	assert.ErrorContains(t, err, `kind 1 "actor" is empty or listed twice`)
}

// TestDocJSONIsMarshal holds docJSON to marshal of the array it writes, on
// documents holding what JSON escapes, with and without a document before.
func TestDocJSONIsMarshal(t *testing.T) {
	odd := []string{"", "Torkham", `"q" \ <b>&amp;</b>`, "tab\tnl\n", "\x00\xff", "line\u2028", "café “curly”"}
	pick := func(i int) string { return odd[i%len(odd)] }
	for i := range 400 {
		d := Doc{Title: pick(i), Label: pick(i / 7 % 2 * (i / 3)), URL: pick(i / 2), Keywords: pick(i / 5), Text: pick(i / 11)}
		prev := Doc{Title: pick(i + 1), Label: pick(i / 13), Keywords: pick(i/5 + i%2)}
		for _, p := range []*Doc{nil, &prev} {
			var title, keywords any = d.shownTitle(), d.Keywords
			if p != nil && p.shownTitle() == d.shownTitle() {
				title = nil
			}
			if p != nil && p.Keywords == d.Keywords {
				keywords = nil
			}
			assert.Equal(t, string(marshal([]any{title, d.URL, keywords, d.Text})), string(docJSON(p, &d, d.Text)), "%+v after %+v", d, p)
		}
	}
}
