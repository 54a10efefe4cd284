package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strings"
	"unicode/utf8"
)

// reader answers queries from the files Build returned the way engine.js
// does, and records which files it loaded. The ranking and budget tests use
// it; TestEngineAgreesWithReader checks that engine.js gives the same
// answers and loads the same files.
type reader struct {
	files  map[string][]byte
	loaded map[string]int // key → bytes of every file read
	parsed map[string]json.RawMessage
}

func newReader(files map[string][]byte) *reader {
	return &reader{files: files, loaded: map[string]int{}, parsed: map[string]json.RawMessage{}}
}

// get reads the file of key into v, checking that it registers key.
func (r *reader) get(key string, v any) error {
	raw, ok := r.parsed[key]
	if !ok {
		b, ok := r.files["assets/search/"+key+".js"]
		if !ok {
			return fmt.Errorf("no file for key %s", key)
		}
		r.loaded[key] = len(b)
		prefix := "DossierSearch.add(" + string(marshal(key)) + ","
		if !bytes.HasPrefix(b, []byte(prefix)) || !bytes.HasSuffix(b, []byte(");\n")) {
			return fmt.Errorf("%s: not a DossierSearch.add script: %.60q", key, b)
		}
		raw = b[len(prefix) : len(b)-3]
		r.parsed[key] = raw
	}
	return json.Unmarshal(raw, v)
}

// loadedBytes is the total size of the files read.
func (r *reader) loadedBytes() int {
	n := 0
	for _, b := range r.loaded {
		n += b
	}
	return n
}

type dictEntry struct {
	term  string
	df    int
	flags int
	enc   string // inline postings, or "" when shard says where they are
	shard int
}

func (e *dictEntry) UnmarshalJSON(b []byte) error {
	var v [4]json.RawMessage
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	for i, p := range []any{&e.term, &e.df, &e.flags} {
		if err := json.Unmarshal(v[i], p); err != nil {
			return err
		}
	}
	if v[3][0] == '"' {
		return json.Unmarshal(v[3], &e.enc)
	}
	return json.Unmarshal(v[3], &e.shard)
}

type hit struct {
	URL, Kind, Title string
	Score            int
	rank, seg, doc   int
}

type result struct {
	Hits  []hit
	Total int
	Words []string
}

// Constants of engine.js.
const (
	minPrefix     = 2
	maxExpansions = 8
	weightExact   = 4
	weightPrefix  = 3
	idfScale      = 256
)

type expansion struct {
	term      string
	df, flags int
	mult      int
}

func (r *reader) query(q string, limit int) (result, error) {
	var m manifestJSON
	if err := r.get("index", &m); err != nil {
		return result{}, err
	}
	stop := map[string]bool{}
	for _, w := range m.Stop {
		stop[w] = true
	}
	var ws []string
	seen := map[string]bool{}
	tokenize(q, true, func(b []byte) {
		if t := string(b); !stop[t] && !seen[t] {
			seen[t] = true
			ws = append(ws, t)
		}
	})
	res := result{Words: ws}
	if len(ws) == 0 {
		return res, nil
	}
	docs := 0
	for _, s := range m.Segments {
		docs += s.Docs
	}
	var plan [][]expansion
	for _, w := range ws {
		prefix := utf8.RuneCountInString(w) >= minPrefix
		found := map[string]*expansion{}
		for _, s := range m.Segments {
			es, err := r.entries(s, w, prefix)
			if err != nil {
				return res, err
			}
			for _, e := range es {
				f := found[e.term]
				if f == nil {
					f = &expansion{term: e.term}
					found[e.term] = f
				}
				f.df += e.df
				f.flags |= e.flags
			}
		}
		var chosen, others []*expansion
		for _, f := range found {
			if f.term == w {
				chosen = append(chosen, f)
			} else {
				others = append(others, f)
			}
		}
		sort.Slice(others, func(i, j int) bool {
			a, b := others[i], others[j]
			if na, nb := a.flags&3 != 0, b.flags&3 != 0; na != nb {
				return na
			}
			if a.df != b.df {
				return a.df > b.df
			}
			return jsLess(a.term, b.term)
		})
		chosen = append(chosen, others...)
		var terms []expansion
		for _, f := range chosen[:min(len(chosen), maxExpansions)] {
			idf := math.Log(1 + (float64(docs)-float64(f.df)+0.5)/(float64(f.df)+0.5))
			f.mult = max(1, int(math.Round(idf*idfScale)))
			if f.term == w {
				f.mult *= weightExact
			} else {
				f.mult *= weightPrefix
			}
			terms = append(terms, *f)
		}
		if len(terms) == 0 {
			return res, nil
		}
		plan = append(plan, terms)
	}

	var top []hit
	for si, s := range m.Segments {
		scores, err := r.score(s, plan)
		if err != nil {
			return res, err
		}
		run, left := 0, s.Kinds[0][1]
		for d, sc := range scores {
			for left == 0 {
				run++
				left = s.Kinds[run][1]
			}
			left--
			if sc == 0 {
				continue
			}
			res.Total++
			top = append(top, hit{Score: sc, rank: s.Kinds[run][0], seg: si, doc: d})
		}
	}
	sort.Slice(top, func(i, j int) bool { return hitLess(top[i], top[j]) })
	top = top[:min(len(top), limit)]
	for i := range top {
		h := &top[i]
		s := m.Segments[h.seg]
		var chunk [][4]*string
		key := fmt.Sprintf("%s/d%d", s.ID, h.doc/s.Chunk)
		if s.Chunks != nil {
			key = "c/" + s.Chunks[h.doc/s.Chunk]
		}
		if err := r.get(key, &chunk); err != nil {
			return res, err
		}
		i := h.doc % s.Chunk
		title := chunk[i][0]
		for k := i; title == nil; k-- {
			title = chunk[k-1][0]
		}
		h.Title, h.URL, h.Kind = *title, *chunk[i][1], m.Kinds[h.rank][0]
	}
	res.Hits = top
	return res, nil
}

func hitLess(a, b hit) bool {
	if a.Score != b.Score {
		return a.Score > b.Score
	}
	if a.rank != b.rank {
		return a.rank < b.rank
	}
	if a.seg != b.seg {
		return a.seg < b.seg
	}
	return a.doc < b.doc
}

// shards lists the dictionary shards of s that may hold w (and, with
// prefix, the terms w begins).
func shards(s segmentJSON, w string, prefix bool) []int {
	i := sort.Search(len(s.Terms), func(i int) bool { return jsLess(w, s.Terms[i]) }) - 1
	i = max(0, i)
	out := []int{i}
	for i++; prefix && i < len(s.Terms) && strings.HasPrefix(s.Terms[i], w); i++ {
		out = append(out, i)
	}
	return out
}

func (r *reader) entries(s segmentJSON, w string, prefix bool) ([]dictEntry, error) {
	var out []dictEntry
	for _, i := range shards(s, w, prefix) {
		var shard []dictEntry
		if err := r.get(fmt.Sprintf("%s/t%d", s.ID, i), &shard); err != nil {
			return nil, err
		}
		for _, e := range shard {
			if e.term == w || prefix && strings.HasPrefix(e.term, w) {
				out = append(out, e)
			}
		}
	}
	return out, nil
}

func (r *reader) postings(s segmentJSON, term string) (string, bool, error) {
	es, err := r.entries(s, term, false)
	if err != nil || len(es) == 0 {
		return "", false, err
	}
	e := es[0]
	if e.enc != "" {
		return e.enc, true, nil
	}
	var shard [][2]string
	if err := r.get(fmt.Sprintf("%s/p%d", s.ID, e.shard), &shard); err != nil {
		return "", false, err
	}
	for _, p := range shard {
		if p[0] == term {
			return p[1], true, nil
		}
	}
	return "", false, fmt.Errorf("%s/p%d: no postings for %q", s.ID, e.shard, term)
}

// score returns every document's score in segment s: the sum over the
// query's words of the best match among the word's terms, 0 where a word is
// missing.
func (r *reader) score(s segmentJSON, plan [][]expansion) ([]int, error) {
	var total []int
	for _, terms := range plan {
		best := make([]int, s.Docs)
		for _, f := range terms {
			enc, ok, err := r.postings(s, f.term)
			if err != nil {
				return nil, err
			}
			if !ok {
				continue
			}
			if err := decodePostings(enc, func(doc, w int) {
				best[doc] = max(best[doc], f.mult*w)
			}); err != nil {
				return nil, fmt.Errorf("%s: postings of %q: %w", s.ID, f.term, err)
			}
		}
		if total == nil {
			total = best
			continue
		}
		for d := range total {
			if total[d] > 0 && best[d] > 0 {
				total[d] += best[d]
			} else {
				total[d] = 0
			}
		}
	}
	return total, nil
}

// decodePostings is the inverse of encodePostings.
func decodePostings(s string, fn func(doc, w int)) error {
	at := 1
	val := func() (int, error) {
		if at >= len(s) {
			return 0, fmt.Errorf("truncated at %d", at)
		}
		v := strings.IndexByte(alphabet, s[at])
		at++
		if v < 0 {
			return 0, fmt.Errorf("bad character %q", s[at-1])
		}
		return v, nil
	}
	varint := func() (int, error) {
		n, shift := 0, 0
		for {
			v, err := val()
			if err != nil {
				return 0, err
			}
			n |= (v & 31) << shift
			shift += 5
			if v&32 == 0 {
				return n, nil
			}
		}
	}
	pairs := func(fn func(doc, w int)) error {
		doc := -1
		for at < len(s) {
			gap, err := varint()
			if err != nil {
				return err
			}
			w, err := val()
			if err != nil {
				return err
			}
			doc += gap + 1
			fn(doc, w)
		}
		return nil
	}
	switch s[0] {
	case 'L':
		return pairs(fn)
	case 'B':
		rest, err := val()
		if err != nil {
			return err
		}
		n, err := varint()
		if err != nil {
			return err
		}
		bits := s[at : at+n]
		at += n
		head := map[int]int{}
		if err := pairs(func(doc, w int) { head[doc] = w }); err != nil {
			return err
		}
		for k := range len(bits) {
			v := strings.IndexByte(alphabet, bits[k])
			for j := 0; v != 0; j, v = j+1, v>>1 {
				if v&1 != 0 {
					doc := k*6 + j
					if w, ok := head[doc]; ok {
						fn(doc, w)
					} else {
						fn(doc, rest)
					}
				}
			}
		}
		return nil
	}
	return fmt.Errorf("unknown postings form %q", s[0])
}
