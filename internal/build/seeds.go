package build

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/dossier-project/dossier/internal/cache"
	"github.com/dossier-project/dossier/internal/date"
	"github.com/dossier-project/dossier/internal/extract"
	"github.com/dossier-project/dossier/internal/inbox"
	"github.com/dossier-project/dossier/internal/parallel"
	"github.com/dossier-project/dossier/internal/source"
)

// The seed store keeps, per seed, what the pipeline derives from it, so
// that a rebuild reads and derives only what is new. Seeds never change
// once ingested, so an entry is keyed by the SHA-256 of the seed's bytes
// (source.Seed.Sum) and holds four parts:
//
//	marks     each line's boilerplate reason and the line it repeats, and
//	          the articles detected (source.Seed.Mark): the bytes alone
//	mentions  the lines naming each actor and place: the bytes, and every
//	          name and alias looked for (namesKey)
//	facts     dates, figures and quotations per content line (inbox.FindFacts):
//	          the bytes, and the publication date of each line's article,
//	          which sources.yaml may set (datesKey)
//	names     proper names no published actor has (inbox.FindNames): the
//	          bytes, and the published actors' names and aliases (knownKey)
//	counts    how many inbox items of each kind the seed brings: the bytes,
//	          the keys of facts and names, and what the curated pages cover
//	          of the seed's lines (coverKey)
//
// Each part but the marks records the key of its other inputs; a part whose
// key is not this build's is found again.
//
// The entries live in sealed files, .dossier-cache/seeds/XX.bin, one per
// value XX of the first byte of the seeds' sums, so that a new seed rewrites
// the few entries of its shard, not the whole store. Each body starts with
// the program version (cache.Version): another version's shard is ignored as
// a whole. A damaged shard, or an entry that does not fit its seed (a line it
// names does not exist or is not content), is reported as a warning and what
// it held is found again; nothing in it is trusted unchecked.
//
// Strings of an entry are mostly parts of a line of the seed (a sentence,
// a name, a unit), so they are stored as offsets into that line and decoded
// as substrings of it: the file stays small and decoding allocates little.

// seedsFormat names the layout of a shard. Version 6 writes the length of
// the facts and names parts, which a rebuild passes over unread; version 5
// kept the articles Mark detected; the entries of version 4 could hold those
// sources.yaml set. Older versions are not read.
const seedsFormat = "dossier-seeds-6"

// storeDir is the seed store's folder in the cache folder.
const storeDir = "seeds"

// seedStore is the seed store of one build.
type seedStore struct {
	dir     string // of the shards; "" keeps nothing
	version string
	raw     map[[32]byte][]byte // encoded entries as read, by seed sum
	read    map[byte]int        // entries in each shard as read; -1 for a shard to write again
	// temporaries are the names of the folder's temporary files when it
	// was read, for pruneTemporaries.
	temporaries []string

	mu       sync.Mutex
	warnings []error
}

// seedEntry is what is known of one seed in this build.
type seedEntry struct {
	raw   []byte // the entry as read, while nothing in it changed
	marks bool   // the seed's marks were restored, not found
	// detected is the seed's articles as Mark found them, which the entry
	// keeps with the marks: sources.yaml, applied after, may replace the
	// seed's, and must not be taken for what the bytes say.
	detected []source.Article

	mentions    []mention // by key, in key order
	mentionsKey [32]byte
	facts       []inbox.LineFacts
	factsKey    [32]byte
	names       []inbox.LineNames
	namesKey    [32]byte
	// The facts and names of an entry read from the store are checked when
	// it is read but decoded only when asked for (seedEntry.found), since
	// a rebuild shows the items of few seeds: until then these hold their
	// encoding, and facts and names are nil.
	factsRaw, namesRaw []byte
	counts             inbox.Counts // the inbox's items of the seed, by kind
	coverKey           [32]byte     // what they were counted from (coverKey)
	has                parts        // the parts decoded or found
}

type parts uint8

const (
	hasMentions parts = 1 << iota
	hasFacts
	hasNames
	hasCounts
)

// openSeedStore reads the store in dir; "" gives a store that keeps nothing.
// A missing shard is an empty one; a damaged one is a warning.
func openSeedStore(dir, version string) *seedStore {
	st := &seedStore{raw: map[[32]byte][]byte{}, read: map[byte]int{}, version: version}
	if dir == "" {
		return st
	}
	st.dir = filepath.Join(dir, storeDir)
	os.Remove(filepath.Join(dir, "seeds.bin")) // the store of earlier versions, in one file
	files, err := os.ReadDir(st.dir)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		st.warn(fmt.Errorf("cache: %s: unreadable (%v); finding what the seeds hold again", st.dir, err))
	}
	// The shards are read and their checksums verified on every core, then
	// indexed in order.
	type shard struct {
		b         byte
		ok, found bool
		data      []byte
		err       error
	}
	shards := make([]shard, len(files))
	st.temporaries = temporaries(files)
	parallel.Each(len(files), func(i int) {
		sh := &shards[i]
		if sh.b, sh.ok = shardName(files[i].Name()); !sh.ok {
			return
		}
		sh.data, sh.found, sh.err = cache.ReadSealed(st.shardFile(sh.b), seedsFormat)
	})
	for _, sh := range shards {
		if !sh.ok {
			continue
		}
		err := sh.err
		if err == nil && !sh.found {
			st.read[sh.b] = -1 // gone since listed, or another program's shard: nothing in it applies
			continue
		}
		if err == nil {
			err = st.index(sh.b, sh.data)
		}
		if err != nil {
			st.read[sh.b] = -1
			st.warn(fmt.Errorf("cache: %s: unreadable (%v); finding what its seeds hold again", st.shardFile(sh.b), err))
		}
	}
	return st
}

// shardOf is the shard of a seed's entry: the first byte of its sum.
func shardOf(sum [32]byte) byte { return sum[0] }

func (st *seedStore) shardFile(b byte) string {
	return filepath.Join(st.dir, fmt.Sprintf("%02x.bin", b))
}

// shardName reads a shard's file name.
func shardName(name string) (byte, bool) {
	var b byte
	if len(name) != len("00.bin") || !strings.HasSuffix(name, ".bin") {
		return 0, false
	}
	if _, err := fmt.Sscanf(name[:2], "%02x", &b); err != nil || fmt.Sprintf("%02x", b) != name[:2] {
		return 0, false
	}
	return b, true
}

// index adds the entries of shard b's body, all or none.
func (st *seedStore) index(b byte, body []byte) error {
	d := decoder{b: body}
	if d.literal() != st.version {
		st.read[b] = -1 // another program's shard: nothing in it applies
		return nil
	}
	n := d.count()
	entries := make(map[[32]byte][]byte, n)
	for range n {
		var sum [32]byte
		copy(sum[:], d.bytes(32))
		entry := d.bytes(d.count())
		if d.err == nil && shardOf(sum) != b {
			d.fail("an entry of shard %02x in shard %02x", shardOf(sum), b)
		}
		if d.err != nil {
			break
		}
		entries[sum] = entry
	}
	if d.err == nil && len(d.b) > 0 {
		d.err = errors.New("bytes after the last entry")
	}
	if d.err != nil {
		return d.err
	}
	maps.Copy(st.raw, entries)
	st.read[b] = n
	return nil
}

func (st *seedStore) warn(err error) {
	st.mu.Lock()
	st.warnings = append(st.warnings, err)
	st.mu.Unlock()
}

// take returns the warnings so far and forgets them.
func (st *seedStore) take() []error {
	st.mu.Lock()
	defer st.mu.Unlock()
	w := st.warnings
	st.warnings = nil
	return w
}

// restore gives the entry of a seed Read returned, marking the seed from
// the entry when it holds the marks and with source.Seed.Mark otherwise. It
// may run for several seeds at once.
func (st *seedStore) restore(s *source.Seed) *seedEntry {
	raw, ok := st.raw[s.Sum]
	if ok {
		e, err := decodeEntry(s, raw)
		if err == nil {
			return e
		}
		st.warn(fmt.Errorf("cache: %s: the entry of %s does not fit the seed (%v); finding what it holds again", st.shardFile(shardOf(s.Sum)), s.Path(), err))
		for i := range s.Lines {
			s.Lines[i].Boilerplate, s.Lines[i].DuplicateOf = "", 0
		}
	}
	s.Mark()
	return &seedEntry{detected: s.Articles}
}

// save keeps the entries of this build's seeds, and only them, for the
// next build: in memory, and in the shards that hold a new or changed entry
// or another seed's. Failing to write is a warning.
func (st *seedStore) save(seeds []*source.Seed, entries []*seedEntry) {
	if st.dir == "" {
		return
	}
	byShard := map[byte][]int{}
	for i, s := range seeds {
		byShard[shardOf(s.Sum)] = append(byShard[shardOf(s.Sum)], i)
	}
	raws := make(map[[32]byte][]byte, len(seeds))
	read := map[byte]int{}
	for b, is := range byShard {
		n, ok := st.read[b]
		changed := !ok || n != len(is)
		for _, i := range is {
			changed = changed || entries[i].raw == nil
		}
		var e encoder
		if changed {
			e.literal(st.version)
			e.uint(uint64(len(is)))
		}
		for _, i := range is {
			s, raw := seeds[i], entries[i].raw
			if raw == nil {
				// What the entry now holds, as the store keeps it.
				raw = encodeEntry(s, entries[i])
				entries[i].raw = raw
			}
			raws[s.Sum] = raw
			if changed {
				e.b = append(e.b, s.Sum[:]...)
				e.uint(uint64(len(raw)))
				e.b = append(e.b, raw...)
			}
		}
		read[b] = len(is)
		if !changed {
			continue
		}
		if err := cache.WriteSealed(st.shardFile(b), seedsFormat, e.b); err != nil {
			st.warn(err)
			read[b] = -1 // the next build tries again
		}
	}
	for b := range st.read {
		if _, ok := byShard[b]; !ok {
			if err := os.Remove(st.shardFile(b)); err != nil && !errors.Is(err, fs.ErrNotExist) {
				st.warn(fmt.Errorf("cache: %v", err))
			}
		}
	}
	st.raw, st.read = raws, read
}

// mention is the lines of a seed naming an actor or place, by its key, in
// line order.
type mention struct {
	key   string
	lines []int
}

// mentionsOf returns the lines of s naming each key of m, in key order.
func mentionsOf(s *source.Seed, m *extract.Matcher) []mention {
	var out []mention
	for key, refs := range m.Mentions(source.NewCorpus([]*source.Seed{s})) {
		lines := make([]int, len(refs))
		for i, r := range refs {
			lines[i] = r.First
		}
		out = append(out, mention{key, lines})
	}
	slices.SortFunc(out, func(a, b mention) int { return strings.Compare(a.key, b.key) })
	return out
}

// namesKey is the key of the names mentions are found for.
func namesKey(names []extract.Name) [32]byte {
	h := sha256.New()
	for _, n := range names {
		fmt.Fprintf(h, "%q\x00%q\x00", n.Text, n.Key)
	}
	var k [32]byte
	h.Sum(k[:0])
	return k
}

// datesKey is the key of the publication dates facts are resolved against:
// the articles' lines and dates.
func datesKey(s *source.Seed) [32]byte {
	h := sha256.New()
	for _, a := range s.Articles {
		fmt.Fprintf(h, "%d-%d %s\x00", a.First, a.Last, a.Published)
	}
	var k [32]byte
	h.Sum(k[:0])
	return k
}

// maxItemsPerLine bounds the inbox items a stored count may claim per line
// of the seed: a larger count is a damaged entry.
const maxItemsPerLine = 1 << 10

// Entry layout: the marks (line count, then per line its boilerplate
// reason and the line it repeats; the articles), then each part present:
// a tag byte, its key and its values.
const (
	tagMentions byte = 'm'
	tagFacts    byte = 'f'
	tagNames    byte = 'n'
	tagCounts   byte = 'c'
)

func encodeEntry(s *source.Seed, en *seedEntry) []byte {
	var e encoder
	e.uint(uint64(len(s.Lines)))
	for _, l := range s.Lines {
		e.literal(l.Boilerplate)
		e.uint(uint64(l.DuplicateOf))
	}
	e.uint(uint64(len(en.detected)))
	for _, a := range en.detected {
		e.uint(uint64(a.First))
		e.uint(uint64(a.Last))
		e.literal(a.Title)
		e.literal(a.Publisher)
		e.date(a.Published)
		e.literal(a.URL)
		e.literal(a.Note)
		e.bool(a.Curated)
	}
	if en.has&hasMentions != 0 {
		e.b = append(e.b, tagMentions)
		e.b = append(e.b, en.mentionsKey[:]...)
		e.uint(uint64(len(en.mentions)))
		for _, m := range en.mentions {
			e.literal(m.key)
			e.lines(m.lines)
		}
	}
	// Facts and names still encoded are copied: they were encoded against
	// this seed, whose entry this is.
	if en.has&hasFacts != 0 {
		e.part(tagFacts, en.factsKey, en.factsRaw, func(e *encoder) {
			e.uint(uint64(len(en.facts)))
			for _, f := range en.facts {
				e.uint(uint64(f.Line))
				e.facts(f, lineText(s, f.Line))
			}
		})
	}
	if en.has&hasNames != 0 {
		e.part(tagNames, en.namesKey, en.namesRaw, func(e *encoder) {
			e.uint(uint64(len(en.names)))
			for _, ln := range en.names {
				e.uint(uint64(ln.Line))
				in := lineText(s, ln.Line)
				e.uint(uint64(len(ln.Names)))
				for _, n := range ln.Names {
					e.str(n.Text, in)
					e.str(n.Name, in)
					e.str(n.Title, in)
					e.literal(n.Kind)
					e.literal(n.Place)
					e.int(n.Start)
				}
			}
		})
	}
	if en.has&hasCounts != 0 {
		e.b = append(e.b, tagCounts)
		e.b = append(e.b, en.coverKey[:]...)
		for _, n := range en.counts {
			e.uint(uint64(n))
		}
	}
	return e.b
}

// part writes a part of an entry: its tag and key, then the length of its
// values and the values, as read when raw holds them, else as encode writes
// them.
func (e *encoder) part(tag byte, key [32]byte, raw []byte, encode func(e *encoder)) {
	e.b = append(e.b, tag)
	e.b = append(e.b, key[:]...)
	if raw == nil {
		var values encoder
		encode(&values)
		raw = values.b
	}
	e.uint(uint64(len(raw)))
	e.b = append(e.b, raw...)
}

// lineText is the text of line n of s, or "".
func lineText(s *source.Seed, n int) string {
	l, _ := s.Line(n)
	return l.Text
}

func (e *encoder) facts(f inbox.LineFacts, in string) {
	e.uint(uint64(len(f.Dates)))
	for _, d := range f.Dates {
		e.str(d.Text, in)
		e.int(d.Start)
		e.date(d.Date)
		e.literal(d.Precision)
		e.bool(d.Relative)
		e.literal(d.Note)
		e.str(d.Sentence, in)
	}
	e.uint(uint64(len(f.Figures)))
	for _, g := range f.Figures {
		e.uint(math.Float64bits(g.Value))
		e.str(g.Text, in)
		e.int(g.Start)
		e.literal(g.Qualifier)
		e.str(g.Unit, in)
		e.str(g.Speaker, in)
		e.str(g.Sentence, in)
	}
	e.uint(uint64(len(f.Quotes)))
	for _, q := range f.Quotes {
		e.str(q.Text, in)
		e.int(q.Start)
		e.str(q.Speaker, in)
		e.int(q.Words)
	}
}

// decodeEntry restores the marks of s from an entry and decodes its parts,
// checking that every line it names is a line of s that can hold what it
// says: a mention a line that is not boilerplate, a fact or a name a
// content line, each list in increasing line order, the mentions in key
// order. The facts and names are kept encoded, unread: they are checked the
// same way when they are decoded (seedEntry.found), which a rebuild does for
// the few seeds whose inbox items it shows.
func decodeEntry(s *source.Seed, raw []byte) (*seedEntry, error) {
	d := decoder{b: raw}
	en := &seedEntry{raw: raw, marks: true}
	if n := d.count(); d.err == nil && n != len(s.Lines) {
		return nil, fmt.Errorf("%d lines, the seed has %d", n, len(s.Lines))
	}
	for i := range s.Lines {
		s.Lines[i].Boilerplate = d.literal()
		s.Lines[i].DuplicateOf = d.line(i)
	}
	s.Articles = make([]source.Article, d.count())
	next := 1
	for i := range s.Articles {
		a := &s.Articles[i]
		a.First, a.Last = int(d.uint()), int(d.uint())
		a.Title, a.Publisher, a.Published, a.URL, a.Note, a.Curated = d.literal(), d.literal(), d.date(), d.literal(), d.literal(), d.bool()
		if d.err == nil && (a.First != next || a.Last < a.First || a.Last > len(s.Lines)) {
			d.err = fmt.Errorf("article lines %d-%d", a.First, a.Last)
		}
		next = a.Last + 1
	}
	if d.err == nil && next != len(s.Lines)+1 {
		d.err = errors.New("the articles do not cover the seed")
	}
	en.detected = s.Articles
	for d.err == nil && len(d.b) > 0 {
		tag := d.bytes(1)[0]
		var key [32]byte
		copy(key[:], d.bytes(32))
		switch tag {
		case tagMentions:
			en.has |= hasMentions
			en.mentionsKey = key
			en.mentions = make([]mention, d.count())
			for i := range en.mentions {
				k := d.literal()
				lines := d.lines()
				if !fits(s, lines, source.Line.MayMention) {
					d.fail("mention of %s on a line that cannot hold one", k)
				}
				if i > 0 && d.err == nil && k <= en.mentions[i-1].key {
					d.fail("mentions of %s after %s", k, en.mentions[i-1].key)
				}
				en.mentions[i] = mention{k, lines}
			}
		case tagFacts:
			en.has |= hasFacts
			en.factsKey = key
			en.factsRaw = d.bytes(d.count())
		case tagNames:
			en.has |= hasNames
			en.namesKey = key
			en.namesRaw = d.bytes(d.count())
		case tagCounts:
			en.has |= hasCounts
			en.coverKey = key
			for i := range en.counts {
				if en.counts[i] = int(d.uint()); en.counts[i] > len(s.Lines)*maxItemsPerLine {
					d.fail("%d inbox items in %d lines", en.counts[i], len(s.Lines))
				}
			}
		default:
			d.fail("unknown part %q", tag)
		}
	}
	if d.err != nil {
		return nil, d.err
	}
	return en, nil
}

// found returns what the extractors found in s, decoding and checking the
// facts and names the entry holds encoded. It does not change the entry, so
// it may run for one entry on several goroutines. When they do not fit the
// seed, the error says so (and the caller finds them again).
func (en *seedEntry) found(s *source.Seed) (inbox.Found, error) {
	f := inbox.Found{Facts: en.facts, Names: en.names}
	if en.factsRaw != nil {
		d := decoder{b: en.factsRaw}
		if f.Facts = d.facts(s); d.end() != nil {
			return f, d.err
		}
	}
	if en.namesRaw != nil {
		d := decoder{b: en.namesRaw}
		if f.Names = d.names(s); d.end() != nil {
			return f, d.err
		}
	}
	return f, nil
}

// facts reads the facts part of an entry of s: per line, dates, figures
// and quotations.
func (d *decoder) facts(s *source.Seed) []inbox.LineFacts {
	return perLine(d, s, func(f *inbox.LineFacts, line int, in string) {
		f.Line = line
		f.Dates = list[extract.DateMention](d.count())
		for j := range f.Dates {
			f.Dates[j] = extract.DateMention{Text: d.str(in), Start: d.int(), Date: d.date(), Precision: d.literal(),
				Relative: d.bool(), Note: d.literal(), Sentence: d.str(in)}
		}
		f.Figures = list[extract.Figure](d.count())
		for j := range f.Figures {
			f.Figures[j] = extract.Figure{Value: math.Float64frombits(d.uint()), Text: d.str(in), Start: d.int(),
				Qualifier: d.literal(), Unit: d.str(in), Speaker: d.str(in), Sentence: d.str(in)}
		}
		f.Quotes = list[extract.Quote](d.count())
		for j := range f.Quotes {
			f.Quotes[j] = extract.Quote{Text: d.str(in), Start: d.int(), Speaker: d.str(in), Words: d.int()}
		}
	})
}

// names reads the names part of an entry of s.
func (d *decoder) names(s *source.Seed) []inbox.LineNames {
	return perLine(d, s, func(ln *inbox.LineNames, line int, in string) {
		ln.Line = line
		ln.Names = list[extract.NameMention](d.count())
		for j := range ln.Names {
			ln.Names[j] = extract.NameMention{Text: d.str(in), Name: d.str(in), Title: d.str(in), Kind: d.literal(), Place: d.literal(), Start: d.int()}
		}
	})
}

// perLine reads a part of an entry of s that holds values per content
// line: a count, then per line its number and what read reads of it.
func perLine[T any](d *decoder, s *source.Seed, read func(v *T, line int, in string)) []T {
	out := make([]T, d.count())
	prev := 0
	for i := range out {
		in := d.contentLine(s, &prev)
		read(&out[i], prev, in)
	}
	return out
}

// list returns a slice of length n; nil for none, as the extractors
// give.
func list[T any](n int) []T {
	if n == 0 {
		return nil
	}
	return make([]T, n)
}

// contentLine reads a line number that must name a content line of s after
// *prev; it sets *prev and returns the line's text.
func (d *decoder) contentLine(s *source.Seed, prev *int) string {
	n := int(d.uint())
	l, ok := s.Line(n)
	if d.err == nil && (!ok || !l.IsContent() || n <= *prev) {
		d.fail("line %d is not a content line after line %d", n, *prev)
		return ""
	}
	*prev = n
	return l.Text
}

// fits reports whether lines are lines of s, increasing, each passing ok.
func fits(s *source.Seed, lines []int, ok func(source.Line) bool) bool {
	prev := 0
	for _, n := range lines {
		l, found := s.Line(n)
		if !found || n <= prev || !ok(l) {
			return false
		}
		prev = n
	}
	return true
}

// encoder appends values: unsigned and signed varints, and strings either
// literal or as a part of the line they come from.
type encoder struct{ b []byte }

func (e *encoder) uint(n uint64) { e.b = binary.AppendUvarint(e.b, n) }
func (e *encoder) int(n int)     { e.b = binary.AppendVarint(e.b, int64(n)) }
func (e *encoder) int64(n int64) { e.b = binary.AppendVarint(e.b, n) }
func (e *encoder) bool(v bool) {
	if v {
		e.uint(1)
	} else {
		e.uint(0)
	}
}

func (e *encoder) literal(s string) {
	e.uint(uint64(len(s)))
	e.b = append(e.b, s...)
}

// str writes s as 0 (empty), 1 offset length (s is in[offset:offset+length])
// or 2 followed by the literal.
func (e *encoder) str(s, in string) {
	switch i := strings.Index(in, s); {
	case s == "":
		e.uint(0)
	case i >= 0:
		e.uint(1)
		e.uint(uint64(i))
		e.uint(uint64(len(s)))
	default:
		e.uint(2)
		e.literal(s)
	}
}

func (e *encoder) date(d date.Date) {
	e.uint(uint64(d.Year))
	e.uint(uint64(d.Month))
	e.uint(uint64(d.Day))
}

// lines writes increasing line numbers as differences.
func (e *encoder) lines(ns []int) {
	e.uint(uint64(len(ns)))
	prev := 0
	for _, n := range ns {
		e.int(n - prev)
		prev = n
	}
}

// decoder reads what encoder wrote; the first error sticks, and every read
// after it returns zero values.
type decoder struct {
	b   []byte
	err error
}

// end fails unless every byte was read, and returns the error.
func (d *decoder) end() error {
	if d.err == nil && len(d.b) > 0 {
		d.fail("%d bytes after the end", len(d.b))
	}
	return d.err
}

func (d *decoder) fail(format string, args ...any) {
	if d.err == nil {
		d.err = fmt.Errorf(format, args...)
	}
}

func (d *decoder) uint() uint64 {
	if d.err != nil {
		return 0
	}
	if len(d.b) > 0 && d.b[0] < 0x80 { // most values take one byte
		v := d.b[0]
		d.b = d.b[1:]
		return uint64(v)
	}
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.fail("truncated")
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) int() int {
	if d.err == nil && len(d.b) > 0 && d.b[0] < 0x80 { // -64 to 63: one byte, zigzag encoded
		v := int(d.b[0] >> 1)
		if d.b[0]&1 != 0 {
			v = ^v
		}
		d.b = d.b[1:]
		return v
	}
	v := d.int64()
	if v > math.MaxInt32 || v < math.MinInt32 {
		d.fail("truncated")
		return 0
	}
	return int(v)
}

// int64 reads what encoder.int64 wrote: any int64, unlike int.
func (d *decoder) int64() int64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.fail("truncated")
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) bool() bool { return d.uint() == 1 }

// count reads a length, which cannot exceed the bytes left: every element
// takes at least one.
func (d *decoder) count() int {
	n := d.uint()
	if n > uint64(len(d.b)) {
		d.fail("a count of %d with %d bytes left", n, len(d.b))
		return 0
	}
	return int(n)
}

func (d *decoder) bytes(n int) []byte {
	if d.err != nil || n > len(d.b) {
		d.fail("truncated")
		return make([]byte, n)
	}
	b := d.b[:n:n]
	d.b = d.b[n:]
	return b
}

func (d *decoder) literal() string {
	return string(d.bytes(d.count()))
}

func (d *decoder) str(in string) string {
	switch d.uint() {
	case 0:
		return ""
	case 1:
		i, n := d.uint(), d.uint()
		if i > uint64(len(in)) || n > uint64(len(in))-i {
			d.fail("a part %d+%d of a %d-byte line", i, n, len(in))
			return ""
		}
		return in[i : i+n]
	case 2:
		return d.literal()
	}
	d.fail("bad string")
	return ""
}

func (d *decoder) date() date.Date {
	y, m, day := d.uint(), d.uint(), d.uint()
	if y > 9999 || m > 12 || day > 31 {
		d.fail("bad date %d-%d-%d", y, m, day)
		return date.Date{}
	}
	return date.Date{Year: int(y), Month: int(m), Day: int(day)}
}

// line reads the line an earlier line i (0-based) repeats, or 0.
func (d *decoder) line(i int) int {
	n := d.uint()
	if n >= uint64(i+1) {
		d.fail("line %d repeats line %d", i+1, n)
		return 0
	}
	return int(n)
}

// lines reads what encoder.lines wrote.
func (d *decoder) lines() []int {
	ns := make([]int, d.count())
	prev := 0
	for i := range ns {
		prev += d.int()
		ns[i] = prev
	}
	return ns
}
