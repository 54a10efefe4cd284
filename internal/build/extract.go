package build

import (
	"context"
	"crypto/sha256"
	"fmt"
	"slices"
	"sync"

	"github.com/dossier-project/dossier/internal/extract"
	"github.com/dossier-project/dossier/internal/inbox"
	"github.com/dossier-project/dossier/internal/source"
)

// The extract stage: actor mentions and the inbox. What the extractors find
// in a seed depends only on the seed and a few named inputs, never on the
// rest of the dossier, so it is kept per seed in the seed store (see
// seedStore) and found only in seeds whose entry lacks it. So are the counts
// of the seed's inbox items, by the key of what they are made from
// (coverKey): the items themselves are made only for the inbox files that
// are made again.

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

// extract finds the mentions of every name, the lines naming two names
// (by the names' keys, in order) and the inbox of d, per seed on the worker
// pool, taking from the seed store what it holds for this build's inputs
// and keeping there what it finds.
func (b *builder) extract(ctx context.Context, d *Dossier) (map[string][]source.Ref, map[[2]string]int, *inbox.Inbox, error) {
	seeds := d.Corpus.Seeds
	all, known := names(d), inbox.Known(d.Site)
	mk, kk := namesKey(all), namesKey(known)
	entries := make([]*seedEntry, len(seeds))
	var needAll, needKnown bool
	// Seeds whose entry lacks a part, or holds one found for other names,
	// go first: in a rebuild they are the few new ones, which would
	// otherwise be extracted last, on one core, while the others have
	// nothing left to do. (The order changes no result.)
	order := make([]int, 0, len(seeds))
	var rest []int
	for i, s := range seeds {
		entries[i] = b.entries[s]
		if entries[i] == nil {
			entries[i] = &seedEntry{}
		}
		e := entries[i]
		findMentions, findNames := e.has&hasMentions == 0 || e.mentionsKey != mk, e.has&hasNames == 0 || e.namesKey != kk
		needAll, needKnown = needAll || findMentions, needKnown || findNames
		if findMentions || findNames || e.has&hasFacts == 0 {
			order = append(order, i)
		} else {
			rest = append(rest, i)
		}
	}
	order = append(order, rest...)
	// The matchers are made only when a seed needs them, at once.
	var allMatcher, knownMatcher *extract.Matcher
	var made sync.WaitGroup
	if needAll {
		made.Go(func() { allMatcher = extract.NewMatcher(all) })
	}
	if needKnown {
		made.Go(func() { knownMatcher = extract.NewMatcher(known) })
	}
	cov := inbox.Index(d.Site)
	made.Wait()
	srcs := make([]inbox.Source, len(seeds))
	pairs := make([]map[[2]string]int, len(seeds))
	err := b.each(ctx, len(seeds), func(k int) error {
		i := order[k]
		s, e := seeds[i], entries[i]
		if e.has&hasMentions == 0 || e.mentionsKey != mk {
			e.mentions, e.mentionsKey, e.has, e.raw = mentionsOf(s, allMatcher), mk, e.has|hasMentions, nil
		}
		if dk := datesKey(s); e.has&hasFacts == 0 || e.factsKey != dk {
			e.facts, e.factsRaw, e.factsKey, e.has, e.raw = inbox.FindFacts(s), nil, dk, e.has|hasFacts, nil
		}
		if e.has&hasNames == 0 || e.namesKey != kk {
			e.names, e.namesRaw, e.namesKey, e.has, e.raw = inbox.FindNames(s, knownMatcher), nil, kk, e.has|hasNames, nil
		}
		pairs[i] = linePairs(e.mentions, len(s.Lines))
		// The inbox's items are made now only when what they are made
		// from changed; otherwise the stored counts stand for them until
		// a file showing them is made.
		ck := coverKey(s, e, cov)
		if e.has&hasCounts != 0 && e.coverKey == ck {
			srcs[i] = inbox.LazySource(s, e.counts, ck, func() []inbox.Item { return cov.Source(s, b.found(s, e, known)).Items() })
			return nil
		}
		srcs[i] = cov.Source(s, b.found(s, e, known))
		srcs[i].Key = ck
		e.counts, e.coverKey, e.has, e.raw = srcs[i].Counts, ck, e.has|hasCounts, nil
		return nil
	})
	if err != nil {
		return nil, nil, nil, err
	}
	b.store.save(seeds, entries)
	mentions := gatherMentions(seeds, entries)
	coMentions := map[[2]string]int{}
	for _, ps := range pairs {
		for p, n := range ps {
			coMentions[p] += n
		}
	}
	return mentions, coMentions, inbox.Assemble(srcs), nil
}

// gatherMentions gathers the lines of the seeds naming each key, seed by
// seed. A first pass numbers the keys (one lookup per seed naming one) and
// counts their lines, so that each key's list is made at its size.
func gatherMentions(seeds []*source.Seed, entries []*seedEntry) map[string][]source.Ref {
	index := map[string]int{}
	var counts, at []int // lines per key; each mention's key, in order
	for _, e := range entries {
		for _, m := range e.mentions {
			k, ok := index[m.key]
			if !ok {
				k = len(counts)
				index[m.key] = k
				counts = append(counts, 0)
			}
			counts[k] += len(m.lines)
			at = append(at, k)
		}
	}
	lists := make([][]source.Ref, len(counts))
	for k, n := range counts {
		if n > 0 {
			lists[k] = make([]source.Ref, 0, n)
		}
	}
	j := 0
	for i, s := range seeds {
		for _, m := range entries[i].mentions {
			k := at[j]
			j++
			for _, n := range m.lines {
				lists[k] = append(lists[k], source.Ref{Seed: s.ID, First: n, Last: n})
			}
		}
	}
	mentions := make(map[string][]source.Ref, len(index))
	for key, k := range index {
		mentions[key] = lists[k]
	}
	return mentions
}

// found returns what the extractors found in s, from its entry e. Should
// the entry's encoded facts or names fail to decode, which the check when
// it was read rules out, they are found again (known are the names of the
// published actors) and the store is told.
func (b *builder) found(s *source.Seed, e *seedEntry, known []extract.Name) inbox.Found {
	f, err := e.found(s)
	if err != nil {
		b.store.warn(fmt.Errorf("cache: %s: the entry of %s does not fit the seed (%v); finding what it holds again", b.store.shardFile(shardOf(s.Sum)), s.Path(), err))
		f = inbox.Found{Facts: inbox.FindFacts(s), Names: inbox.FindNames(s, extract.NewMatcher(known))}
	}
	return f
}

// linePairs counts, for each two keys of mentions (in key order), the lines
// of a seed of n lines naming both. Most lines name nothing: only the lines
// named are gathered, each with its key's rank (its index in mentions), and
// sorted as numbers.
func linePairs(mentions []mention, n int) map[[2]string]int {
	if len(mentions) < 2 {
		return nil
	}
	var all []uint64 // line<<32 | rank of the key
	for r, m := range mentions {
		for _, l := range m.lines {
			if l >= 0 && l <= n {
				all = append(all, uint64(l)<<32|uint64(r))
			}
		}
	}
	slices.Sort(all)
	var out map[[2]string]int
	for i := 0; i < len(all); {
		j := i + 1
		for j < len(all) && all[j]>>32 == all[i]>>32 {
			j++
		}
		for a := i; a < j; a++ {
			for b := a + 1; b < j; b++ {
				if ka, kb := mentions[uint32(all[a])].key, mentions[uint32(all[b])].key; ka != kb {
					if out == nil {
						out = map[[2]string]int{}
					}
					out[[2]string{ka, kb}]++
				}
			}
		}
		i = j
	}
	return out
}

// coverKey names what the inbox's items of a seed are made from: the seed
// (the entry is the seed's), the keys of the facts and names found in it,
// and what the curated pages cover of it (inbox.Coverage.Key).
func coverKey(s *source.Seed, e *seedEntry, cov *inbox.Coverage) [32]byte {
	h := sha256.New()
	ck := cov.Key(s.ID)
	for _, b := range [][]byte{[]byte(s.ID), {0}, s.Sum[:], e.factsKey[:], e.namesKey[:], ck[:]} {
		h.Write(b)
	}
	var k [32]byte
	h.Sum(k[:0])
	return k
}
