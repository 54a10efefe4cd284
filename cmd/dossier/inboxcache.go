package main

import (
	"bytes"
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

	"github.com/dossier-project/dossier/internal/cache"
	"github.com/dossier-project/dossier/internal/extract"
	"github.com/dossier-project/dossier/internal/inbox"
	"github.com/dossier-project/dossier/internal/source"
)

// inboxCache keeps what the extractors found in each seed between builds, so
// that a rebuild extracts only from the seeds that are new or changed.
// Dates, figures and quotations are keyed by the program version, the
// number and text of the seed's content lines and the publication date of
// the article holding each of them (weekday dates are resolved against it);
// names by the version, the lines, and every published actor's name and
// alias, so that a new actor only runs the name finder again. Whether a
// curated page covers an item is checked on every build (inbox.BuildFound),
// never kept.
//
// The file is a header "dossier-inbox-1 <sha256 of the rest>" and a gob of
// the entries: the checksum catches truncation and edited bytes, which gob
// would otherwise decode into other text.
type inboxCache struct {
	Facts map[string][]inbox.LineFacts // facts key → what inbox.FindFacts returned
	Names map[string][]inbox.LineNames // names key → what inbox.FindNames returned
}

const inboxFormat = "dossier-inbox-1"

func inboxFile(root string) string { return filepath.Join(root, cache.Dir, "inbox.gob") }

// buildInbox computes the inbox of d, extracting only from the seeds the
// cache in root does not hold. With useCache false it extracts from every
// seed and neither reads nor writes the cache. Cache problems are returned
// as warnings; the inbox is the same either way.
func buildInbox(root string, d *dossier, version string, useCache bool) (*inbox.Inbox, []error) {
	if !useCache {
		return inbox.Build(d.corpus, d.site), nil
	}
	var warnings []error
	file := inboxFile(root)
	old := loadInbox(file, &warnings)
	known := inbox.Known(d.site)
	names := inboxKnownKey(known, version)
	seeds := d.corpus.Seeds
	found := make([]inbox.Found, len(seeds))
	factKeys, nameKeys := make([]string, len(seeds)), make([]string, len(seeds))
	needFacts, needNames := make([]bool, len(seeds)), make([]bool, len(seeds))
	var missing []int
	misfits := 0
	for i, s := range seeds {
		text := contentKey(s)
		factKeys[i], nameKeys[i] = inboxFactsKey(version, text, s), inboxNamesKey(names, text)
		facts, ok := old.Facts[factKeys[i]]
		if ok && !factsFit(s, facts) {
			ok = false
			misfits++
		}
		found[i].Facts, needFacts[i] = facts, !ok
		ns, ok := old.Names[nameKeys[i]]
		if ok && !namesFit(s, ns) {
			ok = false
			misfits++
		}
		found[i].Names, needNames[i] = ns, !ok
		if needFacts[i] || needNames[i] {
			missing = append(missing, i)
		}
	}
	if misfits > 0 {
		warnings = append(warnings, fmt.Errorf("cache: %s: %d entries name lines their seed has no content at; extracting those seeds again", file, misfits))
	}
	if len(missing) > 0 {
		matcher := extract.NewMatcher(known)
		// Extraction is the costly part of a build; seeds are independent.
		inbox.Each(len(missing), func(j int) {
			i := missing[j]
			if needFacts[i] {
				found[i].Facts = inbox.FindFacts(seeds[i])
			}
			if needNames[i] {
				found[i].Names = inbox.FindNames(seeds[i], matcher)
			}
		})
	}
	next := inboxCache{Facts: map[string][]inbox.LineFacts{}, Names: map[string][]inbox.LineNames{}}
	for i := range seeds {
		next.Facts[factKeys[i]] = found[i].Facts
		next.Names[nameKeys[i]] = found[i].Names
	}
	if len(missing) > 0 || len(next.Facts) != len(old.Facts) || len(next.Names) != len(old.Names) {
		if err := saveInbox(file, next); err != nil {
			warnings = append(warnings, err)
		}
	}
	return inbox.BuildFound(d.corpus, d.site, found), warnings
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

// factsFit and namesFit report whether a cached entry names only content
// lines of the seed, in increasing order, as the extractors give them.
func factsFit(s *source.Seed, facts []inbox.LineFacts) bool {
	prev := 0
	for _, f := range facts {
		if l, ok := s.Line(f.Line); !ok || !l.IsContent() || f.Line <= prev {
			return false
		}
		prev = f.Line
	}
	return true
}

func namesFit(s *source.Seed, names []inbox.LineNames) bool {
	prev := 0
	for _, n := range names {
		if l, ok := s.Line(n.Line); !ok || !l.IsContent() || n.Line <= prev {
			return false
		}
		prev = n.Line
	}
	return true
}

func loadInbox(file string, warnings *[]error) inboxCache {
	empty := inboxCache{Facts: map[string][]inbox.LineFacts{}, Names: map[string][]inbox.LineNames{}}
	data, err := os.ReadFile(file)
	if errors.Is(err, fs.ErrNotExist) {
		return empty
	}
	var c inboxCache
	if err == nil {
		err = decodeInbox(data, &c)
	}
	if err != nil {
		*warnings = append(*warnings, fmt.Errorf("cache: %s: unreadable (%v); ignoring it", file, err))
		return empty
	}
	if c.Facts == nil {
		c.Facts = empty.Facts
	}
	if c.Names == nil {
		c.Names = empty.Names
	}
	return c
}

func decodeInbox(data []byte, c *inboxCache) error {
	body, err := cache.Unseal(data, inboxFormat)
	if err != nil {
		return err
	}
	return gob.NewDecoder(bytes.NewReader(body)).Decode(c)
}

// saveInbox writes the cache, sealed with its checksum.
func saveInbox(file string, c inboxCache) error {
	var body bytes.Buffer
	if err := gob.NewEncoder(&body).Encode(c); err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	return cache.WriteSealed(file, inboxFormat, body.Bytes())
}
