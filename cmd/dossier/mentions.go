package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"

	"github.com/dossier-project/dossier/internal/cache"
	"github.com/dossier-project/dossier/internal/extract"
	"github.com/dossier-project/dossier/internal/source"
)

// mentionCache keeps the actor mentions found in each seed between builds,
// so that a rebuild scans only the seeds that are new or changed. An entry is
// keyed by the program version, every name looked for, and the seed's lines:
// if any of them changes, the seed is scanned again.
type mentionCache struct {
	Entries map[string]map[string][]int // seed key → actor key → line numbers
}

// mentionFormat heads the sealed cache file (see cache.WriteSealed).
const mentionFormat = "dossier-mentions-2"

func mentionFile(root string) string { return filepath.Join(root, cache.Dir, "mentions.gob") }

// mentions returns the mentions of names in c (extract.Matcher), scanning only the seeds the
// cache in root does not hold. With useCache false it scans everything and
// neither reads nor writes the cache. Cache problems are returned as
// warnings; the result is the same either way.
func mentions(root string, c *source.Corpus, names []extract.Name, version string, useCache bool) (map[string][]source.Ref, []error) {
	if !useCache {
		return extract.NewMatcher(names).Mentions(c), nil
	}
	var warnings []error
	old := loadMentions(mentionFile(root), &warnings)
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
		if err := saveMentions(mentionFile(root), next); err != nil {
			warnings = append(warnings, err)
		}
	}
	return out, warnings
}

func namesKey(names []extract.Name, version string) [32]byte {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%q\x00", mentionFormat, version)
	for _, n := range names {
		fmt.Fprintf(h, "%q\x00%q\x00", n.Text, n.Key)
	}
	var k [32]byte
	copy(k[:], h.Sum(nil))
	return k
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

func loadMentions(file string, warnings *[]error) mentionCache {
	empty := mentionCache{Entries: map[string]map[string][]int{}}
	data, err := os.ReadFile(file)
	if errors.Is(err, fs.ErrNotExist) {
		return empty
	}
	var m mentionCache
	if err == nil {
		data, err = cache.Unseal(data, mentionFormat)
	}
	if err == nil {
		err = gob.NewDecoder(bytes.NewReader(data)).Decode(&m)
	}
	if err != nil || m.Entries == nil {
		*warnings = append(*warnings, fmt.Errorf("cache: %s: unreadable (%v); ignoring it", file, err))
		return empty
	}
	return m
}

func saveMentions(file string, m mentionCache) error {
	var b bytes.Buffer
	if err := gob.NewEncoder(&b).Encode(m); err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	return cache.WriteSealed(file, mentionFormat, b.Bytes())
}
