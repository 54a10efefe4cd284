// Package search builds the site's search index: it reads documents (pages
// and source lines, as Doc values) and returns the files of a sharded,
// ranked index that the browser loads a few kilobytes at a time, plus the
// script that queries it. Nothing is fetched as JSON: every file is a
// script that registers its data, because fetch does not work from file://
// and the site's Content-Security-Policy allows no inline script or eval.
//
// # Files
//
// Build returns, by path relative to the site root:
//
//	assets/search/engine.js       the query engine (engine.js in this package);
//	                              defines window.DossierSearch
//	assets/search/index.js        the manifest, loaded first
//	assets/search/<seg>/t<i>.js   dictionary shard i of segment <seg>
//	assets/search/<seg>/p<i>.js   posting shard i of segment <seg>
//	assets/search/<seg>/d<i>.js   documents chunk·i … chunk·i+chunk−1 of <seg>
//	assets/search/c/<id>.js       a document chunk of the pages' segment
//
// Each data file is one line, DossierSearch.add("<key>",<JSON>); the key is
// the path between assets/search/ and .js.
//
// Documents are split into segments: one for the pages, and source lines
// split by group (seed) into a few segments whose boundaries depend only on
// the number of groups (see segmentSpans), so a new seed adds a small
// segment and leaves the big ones alone. <seg> is a hash of the segment's
// content: a segment that did not change keeps its file names and bytes, and
// a browser never mixes a cached shard with a newer manifest. The pages'
// segment names its document chunks by their own content instead (<id> is
// a hash of the chunk, listed in the manifest): an edit of a page changes
// the segment's dictionary and postings, but only the one chunk that holds
// the page. Within a segment documents are numbered from 0, ordered by kind
// (in Options.Kinds order), then group in natural order (seed 999 before
// 1000), then input order.
//
// The manifest is {"v": version, "kinds": [[name, label], …] in ranking order,
// "stop": [stop words], "segments": [{"id", "docs", "kinds": [[kind index,
// count], …] (runs in document order), "terms": [first term of each
// dictionary shard], "chunk": documents per chunk, and for the pages'
// segment "chunks": [<id> of each chunk]}, …]}. The pages segment comes
// first.
//
// A dictionary shard is the sorted run of terms from its first term to the
// next shard's: [[term, df, flags, postings], …], where df is the number of
// the segment's documents containing the term, flags say in which fields it
// occurs (1 title, 2 keywords, 4 text), and postings is either the encoded
// postings (see encodePostings) or, for long lists, the number i of the
// posting shard p<i> that holds them as [[term, postings], …]. A chunk of
// documents is [[title, url, keywords, text], …]: title is Doc.Label when
// set, url is relative to the site root, text is cut to storedTextRunes
// characters, and title or keywords are null when they equal the previous
// document's in the chunk.
//
// # Ranking
//
// Terms are words folded to lower case without diacritics (see tokenize);
// English stop words are left out. Each posting carries the term's weight w
// in the document, 1 to 63: BM25F over the fields (title 5, keywords 3,
// text 1), each normalised by its length against the segment's average
// (see posting.weigh). engine.js computes idf = ln(1 + (N − df + 0.5) /
// (df + 0.5)) with N and df summed over all segments, so no file depends on
// another segment. A query word of two letters or more stands for itself
// and up to seven terms it begins (names, that is terms of titles and
// keywords, first; then the most frequent), so "Mujah" finds Mujahid. A
// document's score is the sum over the query's words of the best
// round(256·idf)·w·4 among the word's terms, ·3 instead of ·4 for a term the
// word only begins; every word must match. Scores are integers: equal ones
// go to the kind listed first in Options.Kinds, so pages come before source
// lines, then by segment and document order.
//
// # Rebuilds
//
// A segment's files depend only on its documents. With Options.Cache a
// rebuild encodes only the segments whose documents changed; after a new
// seed that is one small segment, and the files written are that segment's
// and the manifest.
package search

import (
	"bytes"
	"cmp"
	_ "embed"
	"fmt"
	"slices"
	"sort"
	"strings"
)

// version is the format of the files; engine.js refuses a manifest with
// another one. It also keys the Cache: change it whenever the bytes Build
// writes for the same documents change.
const version = 2

//go:embed engine.js
var engineJS []byte

// Doc is one searchable document: a page or a source line.
type Doc struct {
	Kind     string // one of Options.Kinds
	Title    string // the page's title: weighs most, and is the result's link text
	URL      string // relative to the site root, unique
	Keywords string // aliases, roles, a summary: weigh more than text, shown when the title matched
	Text     string // the page's prose or the source line
	// Label, when set, is the result's link text instead of Title and is not
	// searched: for a source line, its article, outlet and date, which
	// would otherwise match every line of the article as strongly as a
	// page's title.
	Label string
	// Group is "" for a page. Source lines give their seed id: lines of one
	// group are indexed together, and groups are what segments are made of.
	Group string
}

func (d *Doc) shownTitle() string {
	if d.Label != "" {
		return d.Label
	}
	return d.Title
}

// Kind is a kind of document: its name in Doc.Kind and the label results show.
type Kind struct{ Name, Label string }

// Options configure Build.
type Options struct {
	// Kinds lists every kind of document, in the order results of equal
	// relevance are listed: pages' kinds before "source".
	Kinds []Kind
	// Cache, if not nil, keeps encoded segments from one build to the next.
	Cache Cache
}

// Build returns the files of the index of docs, by path relative to the
// site root (see the package comment). The same documents, in any order of
// pages and of groups, give the same bytes.
func Build(o Options, docs []Doc) (map[string][]byte, error) {
	var pages []Doc
	byGroup := map[string][]Doc{}
	var ids []string
	for _, d := range docs {
		switch {
		case d.Group == "":
			pages = append(pages, d)
		case byGroup[d.Group] == nil:
			ids = append(ids, d.Group)
			fallthrough
		default:
			byGroup[d.Group] = append(byGroup[d.Group], d)
		}
	}
	groups := make([]Group, len(ids))
	for i, id := range ids {
		ds := byGroup[id]
		groups[i] = Group{ID: id, Docs: func() []Doc { return ds }}
	}
	ix, err := BuildGroups(o, pages, groups)
	if err != nil {
		return nil, err
	}
	files := map[string][]byte{}
	for _, p := range ix.Paths() {
		if files[p], err = ix.File(p); err != nil {
			return nil, err
		}
	}
	return files, nil
}

// Immutable reports whether path, as Build returns it, is a file of a
// segment: those are named by a hash of their segment's files or their
// own, so one path always holds the same bytes (engine.js and the manifest
// are not).
func Immutable(path string) bool {
	rest, ok := strings.CutPrefix(path, "assets/search/")
	if !ok {
		return false
	}
	if chunk, ok := strings.CutPrefix(rest, "c/"); ok {
		name, ok := strings.CutSuffix(chunk, ".js")
		return ok && isID(name)
	}
	seg, _, ok := strings.Cut(rest, "/")
	return ok && isID(seg)
}

// isID reports whether s is a content ID: 12 lower-case hexadecimal digits.
func isID(s string) bool { return len(s) == 12 && strings.Trim(s, "0123456789abcdef") == "" }

// Group is the documents of one group (a seed's lines), made only when
// they are needed: when the index is built without a cache, or when the
// cache lacks the segment the group belongs to.
type Group struct {
	ID string
	// Key, when not empty, stands for the group's documents: the same ID
	// and Key always give the same Docs, so a segment of groups that all
	// have keys is looked up in the cache by them, without making its
	// documents. An empty Key has the documents hashed instead.
	Key string
	// Docs returns the group's documents, each with Group set to ID.
	Docs func() []Doc
}

// BuildGroups is Build for documents given as the pages (documents without
// a group) and the groups of the rest, whose documents are made only for
// the segments the cache does not hold. Groups are told apart by ID.
func BuildGroups(o Options, pages []Doc, groups []Group) (*Index, error) {
	return BuildSources(o, pages, EncodeGroups(o, groups))
}

// Sources is the segments of an index's groups, encoded apart from its
// pages (EncodeGroups), so that a caller can encode them while it still
// prepares the pages, then give them to BuildSources.
type Sources struct {
	segs  []*segment
	err   error       // the first problem with the groups or a document of theirs
	check *docChecker // the documents checked, in order
}

// EncodeGroups encodes the segments of groups; with o.Cache, only those the
// cache lacks. Its problems are reported by BuildSources, after those of
// the pages, as BuildGroups reports them.
func EncodeGroups(o Options, groups []Group) *Sources {
	src := &Sources{}
	rank, err := ranks(o.Kinds)
	if err != nil {
		src.err = err
		return src
	}
	check := newChecker(o.Kinds, rank)
	src.check = check
	groups = slices.Clone(groups)
	sort.Slice(groups, func(i, j int) bool { return naturalLess(groups[i].ID, groups[j].ID) })
	for i := 1; i < len(groups); i++ {
		if groups[i].ID == groups[i-1].ID {
			src.err = fmt.Errorf("search: group %q is given twice", groups[i].ID)
			return src
		}
	}
	for _, sp := range segmentSpans(len(groups)) {
		span := groups[sp.start:sp.end]
		docs := func() ([]Doc, error) { return spanDocs(span, rank, check) }
		// Made again from the groups, for a cached segment whose files
		// are gone: the documents were checked when first encoded.
		remake := func() []Doc {
			ds, _ := spanDocs(span, rank, nil)
			return ds
		}
		s, err := segmentFrom(o.Cache, groupsKey(o.Kinds, span), docs, remake, rank, false)
		if err != nil {
			src.err = err // about the document that would have been checked next
			return src
		}
		src.segs = append(src.segs, s)
	}
	return src
}

// BuildSources is BuildGroups for groups EncodeGroups has encoded with the
// same options.
func BuildSources(o Options, pages []Doc, src *Sources) (*Index, error) {
	rank, err := ranks(o.Kinds)
	if err != nil {
		return nil, err
	}
	check := newChecker(o.Kinds, rank)
	for _, d := range pages {
		if err := check.doc(d, ""); err != nil {
			return nil, err
		}
	}
	// BuildGroups checks the groups' documents after the pages': the first
	// of them with a page's URL is the problem, unless the groups' own
	// problem came before it. (The groups' checks stopped at their own
	// problem, so every document they saw came before it.)
	if g := src.check; g != nil {
		twin, url := -1, ""
		for u := range check.urls {
			if i, ok := g.urls[u]; ok && (twin < 0 || i < twin) {
				twin, url = i, u
			}
		}
		if twin >= 0 {
			return nil, sameURL(url, g.titles[twin])
		}
	}
	if src.err != nil {
		return nil, src.err
	}

	ix := &Index{files: map[string]indexFile{"assets/search/engine.js": {data: bytes.Clone(engineJS)}}}
	var segs []*segment
	add := func(s *segment) {
		for _, name := range s.names {
			ix.files["assets/search/"+s.key(name)+".js"] = indexFile{seg: s, name: name}
		}
		segs = append(segs, s)
	}
	if len(pages) > 0 {
		// Pages have no input order worth keeping: a curator's edit
		// elsewhere must not renumber them, so they go by URL.
		pages = slices.Clone(pages)
		slices.SortFunc(pages, func(a, b Doc) int {
			return cmp.Or(cmp.Compare(rank[a.Kind], rank[b.Kind]), strings.Compare(a.URL, b.URL))
		})
		s, err := segmentFrom(o.Cache, "", func() ([]Doc, error) { return pages, nil }, nil, rank, true)
		if err != nil {
			return nil, err
		}
		add(s)
	}
	for _, s := range src.segs {
		add(s)
	}
	m, err := manifest(o.Kinds, segs)
	if err != nil {
		return nil, err
	}
	ix.files["assets/search/index.js"] = indexFile{data: m}
	for p := range ix.files {
		ix.paths = append(ix.paths, p)
	}
	sort.Strings(ix.paths)
	return ix, nil
}

// ranks numbers the kinds from 1, in order.
func ranks(kinds []Kind) (map[string]int, error) {
	rank := map[string]int{}
	for i, k := range kinds {
		if k.Name == "" || rank[k.Name] != 0 {
			return nil, fmt.Errorf("search: kind %d %q is empty or listed twice", i, k.Name)
		}
		rank[k.Name] = i + 1
	}
	return rank, nil
}

// spanDocs returns the documents of a span of groups in segment order: by
// kind, keeping group order within a kind. With check, each is checked.
func spanDocs(span []Group, rank map[string]int, check *docChecker) ([]Doc, error) {
	byKind := make([][]Doc, len(rank)+1)
	for _, g := range span {
		for _, d := range g.Docs() {
			if check != nil {
				if err := check.doc(d, g.ID); err != nil {
					return nil, err
				}
			}
			byKind[rank[d.Kind]] = append(byKind[rank[d.Kind]], d)
		}
	}
	var seg []Doc
	for _, ds := range byKind {
		seg = append(seg, ds...)
	}
	return seg, nil
}

// Index is the files of a built index, by path relative to the site root.
// The files of a segment the cache holds are read from it when one of them
// is first asked for, so a rebuild that writes none of them reads none.
type Index struct {
	paths []string
	files map[string]indexFile
}

type indexFile struct {
	data []byte   // engine.js and the manifest
	seg  *segment // or the segment holding the file,
	name string   // under this name
}

// Paths lists the index's files, sorted.
func (ix *Index) Paths() []string { return ix.paths }

// File returns the bytes of one of the index's files. It may be called from
// several goroutines at once.
func (ix *Index) File(path string) ([]byte, error) {
	f, ok := ix.files[path]
	switch {
	case !ok:
		return nil, fmt.Errorf("search: no file %s in the index", path)
	case f.seg == nil:
		return f.data, nil
	}
	b, ok := f.seg.file(f.name)
	if !ok {
		return nil, fmt.Errorf("search: %s is missing from its segment", path)
	}
	return b, nil
}

// docChecker refuses documents of an unknown kind, without a URL or with
// another's, or in the wrong group.
type docChecker struct {
	rank  map[string]int
	kinds []Kind
	// The documents checked: each one's place in the order checked, by
	// URL, and their titles in that order.
	urls   map[string]int
	titles []string
}

func newChecker(kinds []Kind, rank map[string]int) *docChecker {
	return &docChecker{rank: rank, kinds: kinds, urls: map[string]int{}}
}

func (c *docChecker) doc(d Doc, group string) error {
	switch {
	case c.rank[d.Kind] == 0:
		return fmt.Errorf("search: document %q has kind %q, which is not one of Options.Kinds (%s)", d.URL, d.Kind, kindNames(c.kinds))
	case d.URL == "":
		return fmt.Errorf("search: document %q (%q): every document needs its own URL", d.URL, d.Title)
	case c.has(d.URL):
		return sameURL(d.URL, d.Title)
	case d.Group != group:
		return fmt.Errorf("search: document %q is in group %q but was given with group %q", d.URL, d.Group, group)
	}
	c.urls[d.URL] = len(c.titles)
	c.titles = append(c.titles, d.Title)
	return nil
}

func (c *docChecker) has(url string) bool {
	_, ok := c.urls[url]
	return ok
}

// sameURL is the error of a second document with a URL, titled title.
func sameURL(url, title string) error {
	return fmt.Errorf("search: two documents have the URL %q (the second titled %q): every document needs its own URL", url, title)
}

// manifestJSON is the manifest's shape (see the package comment).
type manifestJSON struct {
	Version  int           `json:"v"`
	Kinds    [][2]string   `json:"kinds"`
	Stop     []string      `json:"stop"`
	Segments []segmentJSON `json:"segments"`
}

type segmentJSON struct {
	ID    string   `json:"id"`
	Docs  int      `json:"docs"`
	Kinds [][2]int `json:"kinds"`
	Terms []string `json:"terms"`
	Chunk int      `json:"chunk"`
	// Chunks name the document chunks of the pages' segment (c/<name>.js).
	Chunks []string `json:"chunks,omitempty"`
}

func manifest(kinds []Kind, segs []*segment) ([]byte, error) {
	m := manifestJSON{Version: version, Segments: []segmentJSON{}}
	for _, k := range kinds {
		m.Kinds = append(m.Kinds, [2]string{k.Name, k.Label})
	}
	for w := range stopWords {
		m.Stop = append(m.Stop, w)
	}
	sort.Strings(m.Stop)
	for _, s := range segs {
		m.Segments = append(m.Segments, segmentJSON{ID: s.id, Docs: s.docs, Kinds: s.kindRuns, Terms: s.firstTerms, Chunk: s.chunk, Chunks: s.chunkIDs})
	}
	return script("index", m)
}

// kindNames lists the kinds for an error message.
func kindNames(kinds []Kind) string {
	names := make([]string, len(kinds))
	for i, k := range kinds {
		names[i] = k.Name
	}
	return strings.Join(names, ", ")
}
