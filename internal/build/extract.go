package build

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"

	"github.com/dossier-project/dossier/internal/cache"
	"github.com/dossier-project/dossier/internal/extract"
	"github.com/dossier-project/dossier/internal/inbox"
	"github.com/dossier-project/dossier/internal/source"
)

// The extract stage: what the extractors find in each seed depends only on
// the seed and a few named inputs, never on the rest of the dossier, so it
// is kept between builds per seed and found again only for seeds that are
// new or changed.
//
// Two caches hold it, each a sealed file (cache.WriteSealed) of gob-encoded
// entries keyed by a SHA-256 of exactly what the entry was found from:
//
//	mentions.gob  actor mentions: the program version, every actor name and
//	              alias looked for, and the seed's lines
//	inbox.gob     dates, figures and quotations: the version, the number and
//	              text of the seed's content lines and the publication date
//	              of the article holding each; unknown names: the version,
//	              those lines and every published actor's name and alias
//
// Whether a curated page covers an inbox item is checked on every build
// (inbox.Coverage), never kept.

const (
	mentionFormat = "dossier-mentions-2"
	inboxFormat   = "dossier-inbox-1"
)

// mentionCache maps a seed key to the lines of the seed naming each actor.
type mentionCache struct {
	Entries map[string]map[string][]int // seed key → actor key → line numbers
}

// inboxCache maps seed keys to what the extractors found.
type inboxCache struct {
	Facts map[string][]inbox.LineFacts // facts key → what inbox.FindFacts returned
	Names map[string][]inbox.LineNames // names key → what inbox.FindNames returned
}

// names lists every actor's and place's name and aliases, drafts included,
// for finding mentions; the key is the page's slug.
func names(d *Dossier) []extract.Name {
	var names []extract.Name
	for _, a := range d.Site.Actors {
		for _, n := range append([]string{a.Name}, a.Aliases...) {
			names = append(names, extract.Name{Text: n, Key: a.Slug})
		}
	}
	for _, p := range d.Site.Places {
		for _, n := range append([]string{p.Name}, p.Aliases...) {
			names = append(names, extract.Name{Text: n, Key: p.Slug})
		}
	}
	return names
}

// mentions returns the mentions of names in c, scanning only the seeds the
// cache does not hold.
func (b *builder) mentions(c *source.Corpus, names []extract.Name, version string) map[string][]source.Ref {
	if b.o.CacheDir == "" {
		return extract.NewMatcher(names).Mentions(c)
	}
	file := filepath.Join(b.o.CacheDir, "mentions.gob")
	old := mentionCache{Entries: map[string]map[string][]int{}}
	if err := b.readCache(file, mentionFormat, &old); err != nil || old.Entries == nil {
		old.Entries = map[string]map[string][]int{}
	}
	nameKey := namesKey(names, version)
	keys := make([]string, len(c.Seeds))
	var missing []*source.Seed
	for i, s := range c.Seeds {
		keys[i] = seedKey(nameKey, s)
		if _, ok := old.Entries[keys[i]]; !ok {
			missing = append(missing, s)
		}
	}
	found := map[string]map[string][]int{} // seed ID → actor key → lines
	if len(missing) > 0 {
		for key, refs := range extract.NewMatcher(names).Mentions(source.NewCorpus(missing)) {
			for _, r := range refs {
				if found[r.Seed] == nil {
					found[r.Seed] = map[string][]int{}
				}
				found[r.Seed][key] = append(found[r.Seed][key], r.First)
			}
		}
	}
	next := mentionCache{Entries: map[string]map[string][]int{}}
	out := map[string][]source.Ref{}
	for i, s := range c.Seeds {
		byActor, ok := old.Entries[keys[i]]
		if !ok {
			byActor = found[s.ID]
			if byActor == nil {
				byActor = map[string][]int{}
			}
		}
		next.Entries[keys[i]] = byActor
		actors := make([]string, 0, len(byActor))
		for a := range byActor {
			actors = append(actors, a)
		}
		sort.Strings(actors)
		for _, a := range actors {
			for _, n := range byActor[a] {
				out[a] = append(out[a], source.Ref{Seed: s.ID, First: n, Last: n})
			}
		}
	}
	if len(missing) > 0 || len(next.Entries) != len(old.Entries) {
		b.writeCache(file, mentionFormat, next)
	}
	return out
}

func namesKey(names []extract.Name, version string) [32]byte {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%q\x00", mentionFormat, version)
	for _, n := range names {
		fmt.Fprintf(h, "%q\x00%q\x00", n.Text, n.Key)
	}
	return sum(h)
}

func seedKey(names [32]byte, s *source.Seed) string {
	h := sha256.New()
	h.Write(names[:])
	fmt.Fprintf(h, "%q\x00", s.ID)
	for _, l := range s.Lines {
		fmt.Fprintf(h, "%d\x00%q\x00%q\x00", l.N, l.Text, l.Boilerplate)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// inbox computes the inbox of d, extracting only from the seeds the cache
// does not hold; the extractors and the check against the curated pages
// run per seed on the worker pool.
func (b *builder) inbox(ctx context.Context, d *Dossier, version string) (*inbox.Inbox, error) {
	seeds := d.Corpus.Seeds
	known := inbox.Known(d.Site)
	found := make([]inbox.Found, len(seeds))
	needFacts, needNames := make([]bool, len(seeds)), make([]bool, len(seeds))
	var factKeys, nameKeys []string
	file := filepath.Join(b.o.CacheDir, "inbox.gob")
	old := inboxCache{}
	if b.o.CacheDir != "" {
		if err := b.readCache(file, inboxFormat, &old); err != nil {
			old = inboxCache{}
		}
		names := inboxKnownKey(known, version)
		factKeys, nameKeys = make([]string, len(seeds)), make([]string, len(seeds))
		misfits := 0
		for i, s := range seeds {
			text := contentKey(s)
			factKeys[i], nameKeys[i] = inboxFactsKey(version, text, s), inboxNamesKey(names, text)
			var ok bool
			if found[i].Facts, ok = old.Facts[factKeys[i]]; ok && !linesFit(s, factLines(found[i].Facts)) {
				ok = false
				misfits++
			}
			needFacts[i] = !ok
			if found[i].Names, ok = old.Names[nameKeys[i]]; ok && !linesFit(s, nameLines(found[i].Names)) {
				ok = false
				misfits++
			}
			needNames[i] = !ok
		}
		if misfits > 0 {
			b.warn(fmt.Errorf("cache: %s: %d entries name lines their seed has no content at; extracting those seeds again", file, misfits))
		}
	} else {
		for i := range seeds {
			needFacts[i], needNames[i] = true, true
		}
	}
	missing := 0
	for i := range seeds {
		if needFacts[i] || needNames[i] {
			missing++
		}
	}
	matcher := extract.NewMatcher(known)
	cov := inbox.Index(d.Site)
	srcs := make([]inbox.Source, len(seeds))
	err := b.each(ctx, len(seeds), func(i int) error {
		if needFacts[i] {
			found[i].Facts = inbox.FindFacts(seeds[i])
		}
		if needNames[i] {
			found[i].Names = inbox.FindNames(seeds[i], matcher)
		}
		srcs[i] = cov.Source(seeds[i], found[i])
		return nil
	})
	if err != nil {
		return nil, err
	}
	if b.o.CacheDir != "" {
		next := inboxCache{Facts: map[string][]inbox.LineFacts{}, Names: map[string][]inbox.LineNames{}}
		for i := range seeds {
			next.Facts[factKeys[i]] = found[i].Facts
			next.Names[nameKeys[i]] = found[i].Names
		}
		if missing > 0 || len(next.Facts) != len(old.Facts) || len(next.Names) != len(old.Names) {
			b.writeCache(file, inboxFormat, next)
		}
	}
	return inbox.Assemble(srcs), nil
}

// contentKey hashes what every extractor reads of a seed: the number and
// text of each content line.
func contentKey(s *source.Seed) [32]byte {
	h := sha256.New()
	for _, l := range s.Lines {
		if l.IsContent() {
			fmt.Fprintf(h, "%d\x00%d\x00", l.N, len(l.Text))
			io.WriteString(h, l.Text)
		}
	}
	return sum(h)
}

func inboxFactsKey(version string, text [32]byte, s *source.Seed) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00facts\x00%q\x00", inboxFormat, version)
	h.Write(text[:])
	for _, l := range s.Lines {
		if l.IsContent() {
			fmt.Fprintf(h, "%d\x00%s\x00", l.N, inbox.Published(s, l.N))
		}
	}
	k := sum(h)
	return hex.EncodeToString(k[:])
}

func inboxKnownKey(known []extract.Name, version string) [32]byte {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00names\x00%q\x00", inboxFormat, version)
	for _, n := range known {
		fmt.Fprintf(h, "%q\x00%q\x00", n.Text, n.Key)
	}
	return sum(h)
}

func inboxNamesKey(known, text [32]byte) string {
	h := sha256.New()
	h.Write(known[:])
	h.Write(text[:])
	k := sum(h)
	return hex.EncodeToString(k[:])
}

func sum(h hash.Hash) [32]byte {
	var k [32]byte
	copy(k[:], h.Sum(nil))
	return k
}

func factLines(fs []inbox.LineFacts) []int {
	out := make([]int, len(fs))
	for i, f := range fs {
		out[i] = f.Line
	}
	return out
}

func nameLines(ns []inbox.LineNames) []int {
	out := make([]int, len(ns))
	for i, n := range ns {
		out[i] = n.Line
	}
	return out
}

// linesFit reports whether a cached entry names only content lines of the
// seed, in increasing order, as the extractors give them.
func linesFit(s *source.Seed, lines []int) bool {
	prev := 0
	for _, n := range lines {
		if l, ok := s.Line(n); !ok || !l.IsContent() || n <= prev {
			return false
		}
		prev = n
	}
	return true
}

// readCache decodes the sealed gob file into v. A missing file is not a
// problem; an unreadable one is a warning and v is left empty.
func (b *builder) readCache(file, format string, v any) error {
	data, err := os.ReadFile(file)
	if errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if err == nil {
		data, err = cache.Unseal(data, format)
	}
	if err == nil {
		err = gob.NewDecoder(bytes.NewReader(data)).Decode(v)
	}
	if err != nil {
		b.warn(fmt.Errorf("cache: %s: unreadable (%v); ignoring it", file, err))
	}
	return err
}

// writeCache seals v into file; failing to is a warning.
func (b *builder) writeCache(file, format string, v any) {
	var body bytes.Buffer
	err := gob.NewEncoder(&body).Encode(v)
	if err == nil {
		err = cache.WriteSealed(file, format, body.Bytes())
	}
	if err != nil {
		b.warn(fmt.Errorf("cache: %w", err))
	}
}
