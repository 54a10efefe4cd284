package search

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"math"
	"sort"
	"strconv"
	"sync"
	"unicode/utf8"

	"github.com/dossier-project/dossier/internal/text"
)

// Shard sizes. A query loads, per word and segment, one dictionary shard and
// the posting files of the few terms the word matches, then one chunk per
// result shown; these bounds keep that under the 500 KB a query may load at
// 5,000 seeds (360 KB at most for the realistic queries of TestQueryBudget)
// while keeping the number of files in the thousands. Each file costs a
// build more than its bytes do: chunks of 5 KB instead of 2.5 KB made a
// full build at 5,000 seeds 11-14% faster (23,300 files instead of 29,000).
const (
	dictShardBytes  = 4096 // a dictionary shard is cut after this many bytes
	postShardBytes  = 4096 // posting lists are packed into files of about this size
	inlineBytes     = 48   // shorter posting lists stay in the dictionary
	chunkBytes      = 5120 // the size a chunk of documents aims at
	maxChunkDocs    = 64
	storedTextRunes = 1000 // a document's text is cut here for snippets (all of it is indexed)
)

// segment is one encoded segment: its files by name (t0, p0, d0, …) and
// what the manifest says about it.
type segment struct {
	id         string
	docs       int
	kindRuns   [][2]int
	firstTerms []string
	chunk      int
	names      []string // of the files, sorted
	// chunkIDs, when set, name the document chunks by their bytes (see
	// encodeSegment): d<i> is the file c/<chunkIDs[i]>.js.
	chunkIDs []string
	// files holds the files once made or read; a segment from the cache
	// reads them with load when first asked (see file).
	files map[string][]byte
	load  func() map[string][]byte
	once  sync.Once
}

// file returns the file of the segment with that name. It may be called
// from several goroutines at once.
func (s *segment) file(name string) ([]byte, bool) {
	s.once.Do(func() {
		if s.files == nil {
			s.files = s.load()
		}
	})
	b, ok := s.files[name]
	return b, ok
}

// inverted is a segment's inverted index before encoding: every term with
// its weighed postings, in document order.
type inverted struct {
	names []string
	lists [][]posting
}

// invert tokenises docs and weighs every posting.
func invert(docs []Doc) inverted {
	var inv inverted
	// Terms by their ids; the stop words are there too, as -1, so that a
	// token is looked up once.
	ids := make(map[string]int32, len(stopWords))
	for w, stop := range stopWords {
		if stop {
			ids[w] = -1
		}
	}
	lens := make([][numFields]float64, len(docs))
	var total [numFields]float64
	// A document's counts of each term, by id, and the ids it holds.
	var counts [][numFields]uint16
	var held []int32
	for d, doc := range docs {
		for f, s := range [numFields]string{doc.Title, doc.Keywords, doc.Text} {
			tokenize(s, false, func(t []byte) {
				id, ok := ids[string(t)]
				if id < 0 {
					return // a stop word
				}
				lens[d][f]++
				if !ok {
					id = int32(len(inv.names))
					inv.names = append(inv.names, string(t))
					ids[inv.names[id]] = id
					inv.lists = append(inv.lists, nil)
					counts = append(counts, [numFields]uint16{})
				}
				c := &counts[id]
				if *c == ([numFields]uint16{}) {
					held = append(held, id)
				}
				if c[f] < math.MaxUint16 {
					c[f]++
				}
			})
		}
		for _, id := range held {
			inv.lists[id] = append(inv.lists[id], posting{doc: int32(d), tf: counts[id]})
			counts[id] = [numFields]uint16{}
		}
		held = held[:0]
		for f := range numFields {
			total[f] += lens[d][f]
		}
	}
	var avg [numFields]float64
	for f := range numFields {
		avg[f] = max(1, total[f]/float64(max(1, len(docs))))
	}
	for _, ps := range inv.lists {
		for i := range ps {
			ps[i].weigh(lens[ps[i].doc], avg)
		}
	}
	return inv
}

// encodeSegment indexes docs, already in segment order, and encodes the
// segment's files. With byContent, its document chunks are named by their
// own bytes, not by the segment: the pages' segment changes with every edit
// of a page, which changes one chunk and leaves the others' files as they
// were (its dictionary and postings change anyway, as the weights depend
// on every document's length).
func encodeSegment(docs []Doc, rank map[string]int, byContent bool) *segment {
	inv := invert(docs)
	names, lists := inv.names, inv.lists
	order := make([]int32, len(names))
	for i := range order {
		order[i] = int32(i)
	}
	sort.Slice(order, func(i, j int) bool { return jsLess(names[order[i]], names[order[j]]) })

	payloads := map[string][]byte{}
	dict := packer{limit: dictShardBytes}
	post := packer{limit: postShardBytes}
	var firstTerms []string
	for _, id := range order {
		ps := lists[id]
		flags := 0
		for i := range ps {
			for f := range numFields {
				if ps[i].tf[f] > 0 {
					flags |= 1 << f
				}
			}
		}
		term := names[id]
		enc := encodePostings(ps, len(docs))
		var where any = enc
		if len(enc) > inlineBytes {
			where = post.add(marshal([]any{term, enc}))
		}
		if dict.add(marshal([]any{term, len(ps), flags, where})) == len(firstTerms) {
			firstTerms = append(firstTerms, term)
		}
	}
	dict.flush()
	post.flush()
	for i, b := range dict.shards {
		payloads["t"+strconv.Itoa(i)] = b
	}
	for i, b := range post.shards {
		payloads["p"+strconv.Itoa(i)] = b
	}

	chunk, chunks := docChunks(docs)
	for i, b := range chunks {
		payloads["d"+strconv.Itoa(i)] = b
	}

	var runs [][2]int
	for _, d := range docs {
		k := rank[d.Kind] - 1
		if len(runs) > 0 && runs[len(runs)-1][0] == k {
			runs[len(runs)-1][1]++
		} else {
			runs = append(runs, [2]int{k, 1})
		}
	}
	s := &segment{id: contentID(payloads), docs: len(docs), kindRuns: runs, firstTerms: firstTerms, chunk: chunk, files: map[string][]byte{}}
	if s.firstTerms == nil {
		s.firstTerms = []string{}
	}
	if byContent {
		s.chunkIDs = make([]string, len(chunks))
		for i, b := range chunks {
			s.chunkIDs[i] = contentID(map[string][]byte{"d": b})
		}
	}
	for name, b := range payloads {
		s.files[name] = wrap(s.key(name), b)
		s.names = append(s.names, name)
	}
	sort.Strings(s.names)
	return s
}

// key returns the key the segment's file name registers its data under,
// which is also its path between assets/search/ and .js.
func (s *segment) key(name string) string {
	if s.chunkIDs != nil && name[0] == 'd' {
		if i, err := strconv.Atoi(name[1:]); err == nil && i < len(s.chunkIDs) {
			return "c/" + s.chunkIDs[i]
		}
	}
	return s.id + "/" + name
}

// docChunks returns how many documents go into a chunk and the chunks: as
// many as make about chunkBytes on average, so that showing a result costs
// a few kilobytes whatever the documents' size. Within a chunk, a
// title or keywords equal to the previous document's are written as null:
// the lines of one article share them.
func docChunks(docs []Doc) (int, [][]byte) {
	texts := make([]string, len(docs))
	for i, d := range docs {
		texts[i] = d.Text
		if len(d.Text) > storedTextRunes && utf8.RuneCountInString(d.Text) > storedTextRunes {
			texts[i] = text.Shorten(d.Text, storedTextRunes)
		}
	}
	// encode writes document i; at the start of a chunk, first is true.
	encode := func(i int, first bool) []byte {
		var prev *Doc
		if !first {
			prev = &docs[i-1]
		}
		return docJSON(prev, &docs[i], texts[i])
	}
	enc := make([][]byte, len(docs))
	size := 0
	for i := range docs {
		enc[i] = encode(i, i == 0)
		size += len(enc[i]) + 1
	}
	n := 1
	if size > 0 {
		n = int(math.Round(chunkBytes * float64(len(docs)) / float64(size)))
		n = min(maxChunkDocs, max(1, n))
	}
	var chunks [][]byte
	for at := 0; at < len(docs); at += n {
		enc[at] = encode(at, true) // a chunk's first document shares nothing
		chunks = append(chunks, joinArray(enc[at:min(at+n, len(docs))]))
	}
	return n, chunks
}

// docJSON is a document in a chunk, [title, url, keywords, body], as marshal
// writes it, its title or keywords null when the document before it, prev,
// has the same. It is written string by string, not by reflection: a chunk
// holds one per source line.
func docJSON(prev, d *Doc, body string) []byte {
	title := d.shownTitle()
	b := make([]byte, 0, 16+len(title)+len(d.URL)+len(d.Keywords)+len(body)+len(body)/8)
	b = append(b, '[')
	if prev != nil && prev.shownTitle() == title {
		b = append(b, "null"...)
	} else {
		b = text.AppendJSON(b, title, true)
	}
	b = text.AppendJSON(append(b, ','), d.URL, true)
	b = append(b, ',')
	if prev != nil && prev.Keywords == d.Keywords {
		b = append(b, "null"...)
	} else {
		b = text.AppendJSON(b, d.Keywords, true)
	}
	b = text.AppendJSON(append(b, ','), body, true)
	return append(b, ']')
}

// packer cuts a sequence of JSON values into arrays of about limit bytes.
type packer struct {
	limit  int
	shards [][]byte
	cur    [][]byte
	size   int
}

// add appends v and returns the index of the shard it went into.
func (p *packer) add(v []byte) int {
	if len(p.cur) > 0 && p.size+len(v) > p.limit {
		p.flush()
	}
	p.cur = append(p.cur, v)
	p.size += len(v) + 1
	if p.size >= p.limit {
		p.flush()
		return len(p.shards) - 1
	}
	return len(p.shards)
}

func (p *packer) flush() {
	if len(p.cur) > 0 {
		p.shards = append(p.shards, joinArray(p.cur))
		p.cur, p.size = nil, 0
	}
}

func joinArray(vs [][]byte) []byte {
	var b bytes.Buffer
	b.WriteByte('[')
	b.Write(bytes.Join(vs, []byte{','}))
	b.WriteByte(']')
	return b.Bytes()
}

// contentID names a segment by a hash of its files.
func contentID(payloads map[string][]byte) string {
	names := make([]string, 0, len(payloads))
	for n := range payloads {
		names = append(names, n)
	}
	sort.Strings(names)
	h := sha256.New()
	h.Write([]byte{version})
	for _, n := range names {
		h.Write([]byte(n))
		h.Write([]byte{0})
		h.Write(payloads[n])
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))[:12]
}

// wrap makes the script that registers data under key.
func wrap(key string, data []byte) []byte {
	var b bytes.Buffer
	b.WriteString("DossierSearch.add(")
	b.Write(marshal(key))
	b.WriteByte(',')
	b.Write(data)
	b.WriteString(");\n")
	return b.Bytes()
}

// script wraps v, encoded as JSON, as the data of key.
func script(key string, v any) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return wrap(key, b), nil
}

// marshal encodes values that cannot fail to encode: strings, numbers and
// slices of them. json.Marshal escapes <, > and &, so no text can close the
// script, and U+2028 and U+2029, which older JavaScript engines reject in
// string literals.
func marshal(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic("search: " + err.Error()) // unreachable: only strings and numbers are encoded
	}
	return b
}
