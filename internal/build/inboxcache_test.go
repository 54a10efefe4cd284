package build

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dossier-project/dossier/internal/cache"
	"github.com/dossier-project/dossier/internal/inbox"
	"github.com/dossier-project/dossier/internal/render"
	"github.com/dossier-project/dossier/internal/source"
)

// TestIncrementalInboxEqualsCleanBuild changes a built project in ways that
// touch what the inbox cache keeps (or must not keep), rebuilds with the
// cache, and compares every byte with a build made without it. Each change
// returns a check of the inbox after the rebuild against the one before.
func TestIncrementalInboxEqualsCleanBuild(t *testing.T) {
	type check func(t *testing.T, before, after []render.InboxItem)
	tests := []struct {
		name   string
		change func(t *testing.T, root string, before []render.InboxItem) check
		warns  bool // the rebuild reports a damaged cache
	}{
		{"a seed is added", func(t *testing.T, root string, _ []render.InboxItem) check {
			text := "Talks in Doha\nOfficials said on Monday that 4,321 lorries were waiting at the crossing.\n"
			sum := sha256.Sum256([]byte(text))
			writeText(t, filepath.Join(root, "seeds", "020_"+hex.EncodeToString(sum[:8])+".txt"), text)
			return func(t *testing.T, _, after []render.InboxItem) {
				assert.NotEmpty(t, find(after, func(it render.InboxItem) bool { return it.Source == "020" && it.Value == "4,321" }),
					"the new seed's figure is in the inbox")
			}
		}, false},
		{"a figure page comes to cover a figure", func(t *testing.T, root string, before []render.InboxItem) check {
			digits := regexp.MustCompile(`^[1-9][0-9]*$`)
			items := find(before, func(it render.InboxItem) bool { return it.Kind == "figure" && digits.MatchString(it.Value) })
			require.NotEmpty(t, items, "an inbox figure written in digits")
			it := items[0]
			p := firstFile(t, filepath.Join(root, "content", "figures"))
			b, err := os.ReadFile(p)
			require.NoError(t, err)
			page := regexp.MustCompile(`(?m)^value: .*$`).ReplaceAllString(string(b), "value: "+it.Value)
			page = regexp.MustCompile(`(?m)^source: .*$`).ReplaceAllString(page, fmt.Sprintf("source: \"%s:%d\"", it.Source, it.Line))
			writeText(t, p, page)
			return func(t *testing.T, _, after []render.InboxItem) {
				assert.Empty(t, find(after, same(it)), "%s:%d figure %s is covered by %s", it.Source, it.Line, it.Value, p)
			}
		}, false},
		{"an actor page comes to cover a name", func(t *testing.T, root string, before []render.InboxItem) check {
			items := find(before, func(it render.InboxItem) bool { return it.Kind == "name" })
			require.NotEmpty(t, items, "an inbox name")
			it := items[0]
			writeText(t, filepath.Join(root, "content", "actors", "new-actor.md"),
				"---\nname: "+it.Value+"\nkind: organization\nside: other\nrole: Named in the sources\n---\nNamed in the sources "+fmt.Sprintf("[@%s:%d]", it.Source, it.Line)+".\n")
			return func(t *testing.T, _, after []render.InboxItem) {
				assert.Empty(t, find(after, same(it)), "%s:%d name %s is covered by an actor page", it.Source, it.Line, it.Value)
			}
		}, false},
		{"a draft actor page comes to have a name", func(t *testing.T, root string, before []render.InboxItem) check {
			items := find(before, func(it render.InboxItem) bool { return it.Kind == "name" && it.Drafted == "" })
			require.NotEmpty(t, items, "an inbox name")
			it := items[0]
			writeText(t, filepath.Join(root, "content", "actors", "new-draft.md"),
				"---\nname: "+it.Value+"\nkind: organization\nside: other\nrole: Named in the sources\ndraft: true\n---\nNamed in the sources "+fmt.Sprintf("[@%s:%d]", it.Source, it.Line)+".\n")
			return func(t *testing.T, _, after []render.InboxItem) {
				drafted := find(after, func(a render.InboxItem) bool { return same(it)(a) && a.Drafted != "" })
				assert.NotEmpty(t, drafted, "%s:%d name %s is marked as drafted", it.Source, it.Line, it.Value)
			}
		}, false},
		{"a publication date is edited", func(t *testing.T, root string, before []render.InboxItem) check {
			yamlFile := filepath.Join(root, "seeds", "sources.yaml")
			b, err := os.ReadFile(yamlFile)
			require.NoError(t, err)
			text := string(b)
			// A weekday date of a seed whose articles sources.yaml lists.
			items := find(before, func(it render.InboxItem) bool {
				return it.Kind == "date" && strings.Contains(it.Detail, "day on or before") && strings.Contains(text, "\""+it.Source+"\":")
			})
			require.NotEmpty(t, items, "an inbox date relative to a curated publication date")
			it := items[0]
			at := strings.Index(text, "\""+it.Source+"\":")
			pub := regexp.MustCompile(`published: (\d{4}-\d{2}-\d{2})`)
			m := pub.FindStringSubmatchIndex(text[at:])
			require.NotNil(t, m, "a publication date for seed %s", it.Source)
			old, err := time.Parse(time.DateOnly, text[at+m[2]:at+m[3]])
			require.NoError(t, err)
			writeText(t, yamlFile, text[:at+m[2]]+old.AddDate(0, 0, 7).Format(time.DateOnly)+text[at+m[3]:])
			return func(t *testing.T, _, after []render.InboxItem) {
				moved := find(after, func(a render.InboxItem) bool {
					return a.Kind == it.Kind && a.Source == it.Source && a.Line == it.Line && a.Text == it.Text
				})
				require.NotEmpty(t, moved, "%s:%d date %q is still in the inbox", it.Source, it.Line, it.Detail)
				assert.NotEqual(t, it.Value, moved[0].Value, "%s:%d %q follows the publication date", it.Source, it.Line, it.Detail)
			}
		}, false},
		{"the seed store is garbage", func(t *testing.T, root string, _ []render.InboxItem) check {
			writeText(t, storeFile(root), "garbage")
			editAbout(t, root) // a change, so that the build runs
			return nil
		}, true},
		{"the seed store is another version's", func(t *testing.T, root string, _ []render.InboxItem) check {
			// An older program's store, in an older format: dropped silently.
			require.NoError(t, cache.WriteSealed(storeFile(root), "dossier-seeds-2", []byte("older")))
			editAbout(t, root) // a change, so that the build runs
			return nil
		}, false},
		{"the seed store is truncated", func(t *testing.T, root string, _ []render.InboxItem) check {
			b, err := os.ReadFile(storeFile(root))
			require.NoError(t, err)
			writeText(t, storeFile(root), string(b[:len(b)/2]))
			editAbout(t, root) // a change, so that the build runs
			return nil
		}, true},
		{"a byte of the seed store is changed", func(t *testing.T, root string, _ []render.InboxItem) check {
			b, err := os.ReadFile(storeFile(root))
			require.NoError(t, err)
			b[len(b)-len(b)/3]++
			writeText(t, storeFile(root), string(b))
			editAbout(t, root) // a change, so that the build runs
			return nil
		}, true},
		{"seed store entries name lines with no content", func(t *testing.T, root string, _ []render.InboxItem) check {
			rewriteStore(t, root, func(_ *source.Seed, e *seedEntry) {
				for i := range e.facts {
					e.facts[i].Line += 10000
				}
			})
			// The facts and names of an entry are read when the seed's inbox
			// items are shown: on every inbox page, once every page changes.
			retitle(t, root)
			return nil
		}, true},
		{"seed store entries find names on lines with no content", func(t *testing.T, root string, _ []render.InboxItem) check {
			rewriteStore(t, root, func(_ *source.Seed, e *seedEntry) {
				for i := range e.names {
					e.names[i].Line += 10000
				}
			})
			// The facts and names of an entry are read when the seed's inbox
			// items are shown: on every inbox page, once every page changes.
			retitle(t, root)
			return nil
		}, true},
		{"seed store entries list mentions out of order", func(t *testing.T, root string, _ []render.InboxItem) check {
			// Co-mentions are counted in key order: an entry out of it would
			// count the same lines under other pairs.
			reversed := false
			rewriteStore(t, root, func(_ *source.Seed, e *seedEntry) {
				if len(e.mentions) > 1 {
					slices.Reverse(e.mentions)
					reversed = true
				}
			})
			require.True(t, reversed, "a seed names two actors or places")
			editAbout(t, root) // a change, so that the build runs
			return nil
		}, true},
		{"seed store entries mention actors on lines that are not there", func(t *testing.T, root string, _ []render.InboxItem) check {
			rewriteStore(t, root, func(_ *source.Seed, e *seedEntry) {
				for i := range e.mentions {
					e.mentions[i].lines = append(e.mentions[i].lines, 10000)
				}
			})
			editAbout(t, root) // a change, so that the build runs
			return nil
		}, true},
		{"a figure page becomes a draft", func(t *testing.T, root string, _ []render.InboxItem) check {
			// What the figure covered comes back to the inbox, marked as
			// drafted: the stored counts of its seed no longer apply.
			p := firstFile(t, filepath.Join(root, "content", "figures"))
			b, err := os.ReadFile(p)
			require.NoError(t, err)
			writeText(t, p, strings.Replace(string(b), "---\n", "---\ndraft: true\n", 1))
			return nil
		}, false},
		{"seed store entries count more inbox items than a seed can bring", func(t *testing.T, root string, _ []render.InboxItem) check {
			rewriteStore(t, root, func(s *source.Seed, e *seedEntry) {
				e.counts[0] = len(s.Lines)*maxItemsPerLine + 1
			})
			editAbout(t, root) // a change, so that the build runs
			return nil
		}, true},
		{"seed store entries mark lines of a seed of another length", func(t *testing.T, root string, _ []render.InboxItem) check {
			rewriteStore(t, root, func(s *source.Seed, _ *seedEntry) {
				s.Lines = s.Lines[:len(s.Lines)-1]
				s.Articles[len(s.Articles)-1].Last--
			})
			editAbout(t, root) // a change, so that the build runs
			return nil
		}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root, _ := generated(t, 20)
			out := filepath.Join(t.TempDir(), "public")
			_, _, err := buildAt(root, out, "")
			require.NoError(t, err)
			before := inboxOf(t, out)

			after := tt.change(t, root, before)
			_, stderr := rebuildMatchesClean(t, root, out, tt.name)
			if tt.warns {
				assert.Contains(t, stderr, "warning: cache: "+storeFile(root), "a damaged seed store is reported after: %s", tt.name)
			} else {
				assert.NotContains(t, stderr, "warning:", "no warning after: %s", tt.name)
			}
			if after != nil {
				after(t, before, inboxOf(t, out))
			}
		})
	}
}

// TestSeedStoreIsRead checks that a rebuild takes what the extractors found
// from the seed store rather than extracting again: an entry changed in the
// store (with a valid checksum) shows in the inbox files made again, until
// the seed itself changes.
func TestSeedStoreIsRead(t *testing.T) {
	root, _ := generated(t, 5)
	out := filepath.Join(t.TempDir(), "public")
	_, _, err := buildAt(root, out, "")
	require.NoError(t, err)
	marked := 0
	rewriteStore(t, root, func(_ *source.Seed, e *seedEntry) {
		for i := range e.facts {
			for j := range e.facts[i].Figures {
				e.facts[i].Figures[j].Text = "cached-figure"
				marked++
			}
		}
	})
	require.NotZero(t, marked, "figures in the store")
	// A change the inbox does not depend on makes the build run again; the
	// inbox files, gone from the site, are made again from the store.
	editAbout(t, root)
	require.NoError(t, os.RemoveAll(filepath.Join(out, "data", "inbox")))

	_, stderr, err := buildAt(root, out, "")
	require.NoError(t, err, stderr)
	cached := find(inboxOf(t, out), func(it render.InboxItem) bool { return it.Value == "cached-figure" })
	assert.NotEmpty(t, cached, "a rebuild after a content edit takes the figures from the store")

	// A changed seed is extracted again; the others still come from the store.
	seeds, err := filepath.Glob(filepath.Join(root, "seeds", "001_*.txt"))
	require.NoError(t, err)
	require.Len(t, seeds, 1, "seed 001")
	b, err := os.ReadFile(seeds[0])
	require.NoError(t, err)
	writeText(t, seeds[0], strings.Replace(string(b), " said ", " stated ", 1))
	_, stderr, err = buildAt(root, out, "")
	require.NoError(t, err, stderr)
	sources := map[string]bool{}
	for _, it := range find(inboxOf(t, out), func(it render.InboxItem) bool { return it.Value == "cached-figure" }) {
		sources[it.Source] = true
	}
	assert.False(t, sources["001"], "seed 001 was edited, so its figures are extracted again")
	assert.NotEmpty(t, sources, "the other seeds' figures still come from the store")
}

// TestSeedStoreCopiesEncodedParts checks that an entry written again while
// its facts and names are still encoded keeps them whole. A new draft actor
// changes the names mentions are found for, but not the published names
// the inbox's names are found against, nor the facts: every entry is
// written again with its facts and names copied as read.
func TestSeedStoreCopiesEncodedParts(t *testing.T) {
	root, out := builtGenerated(t)
	before, mentions := storeFound(t, root)

	writeText(t, filepath.Join(root, "content", "actors", "zebulon-quux.md"),
		"---\nname: Zebulon Quux\nkind: person\nside: regional\nrole: A draft\ndraft: true\n---\n")
	_, stderr, err := buildAt(root, out, "")
	require.NoError(t, err, stderr)
	assert.NotContains(t, stderr, "warning:")
	after, mentionsAfter := storeFound(t, root)
	require.NotEqual(t, mentions, mentionsAfter, "the entries were written again, with new mentions")
	assert.Equal(t, before, after, "their facts and names are what they were")
}

// storeFound decodes every entry of the seed store of the project at root:
// the facts and names of each seed, and the key of its mentions.
func storeFound(t *testing.T, root string) (map[string]inbox.Found, map[string][32]byte) {
	t.Helper()
	version, err := cache.Version("")
	require.NoError(t, err)
	st := openSeedStore(filepath.Join(root, cache.Dir), version)
	require.Empty(t, st.warnings, "the store is readable")
	corpus, problems := source.Load(os.DirFS(root))
	require.Zero(t, problems.Errors(), problems)
	found, mentions := map[string]inbox.Found{}, map[string][32]byte{}
	for _, s := range corpus.Seeds {
		raw, ok := st.raw[s.Sum]
		require.True(t, ok, "the store holds seed %s", s.ID)
		e, err := decodeEntry(s, raw)
		require.NoError(t, err, "seed %s", s.ID)
		found[s.ID], err = e.found(s)
		require.NoError(t, err, "seed %s", s.ID)
		mentions[s.ID] = e.mentionsKey
	}
	return found, mentions
}

// inboxOf reads the inbox of a built site: data/inbox/<id>.json, one file
// per source that brings something.
func inboxOf(t *testing.T, out string) []render.InboxItem {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(out, "data", "inbox", "*.json"))
	require.NoError(t, err)
	var all []render.InboxItem
	for _, f := range files {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		var items []render.InboxItem
		require.NoError(t, json.Unmarshal(b, &items), f)
		all = append(all, items...)
	}
	return all
}

func find(items []render.InboxItem, keep func(render.InboxItem) bool) []render.InboxItem {
	var out []render.InboxItem
	for _, it := range items {
		if keep(it) {
			out = append(out, it)
		}
	}
	return out
}

func same(it render.InboxItem) func(render.InboxItem) bool {
	return func(a render.InboxItem) bool {
		return a.Kind == it.Kind && a.Source == it.Source && a.Line == it.Line && a.Value == it.Value
	}
}

// storeFile is a shard of the seed store of the project at root: the
// first, which a store of any seeds has.
func storeFile(root string) string {
	files, _ := filepath.Glob(filepath.Join(root, cache.Dir, "seeds", "*.bin"))
	if len(files) == 0 {
		return filepath.Join(root, cache.Dir, "seeds", "00.bin")
	}
	sort.Strings(files)
	return files[0]
}

// rewriteStore decodes every entry of the seed store of the project at
// root, lets edit change it (and the seed it is encoded against), and
// writes the store again with a valid checksum.
func rewriteStore(t *testing.T, root string, edit func(s *source.Seed, e *seedEntry)) {
	t.Helper()
	version, err := cache.Version("")
	require.NoError(t, err)
	st := openSeedStore(filepath.Join(root, cache.Dir), version)
	require.Empty(t, st.warnings, "the store is readable")
	corpus, problems := source.Load(os.DirFS(root))
	require.Zero(t, problems.Errors(), problems)
	entries := make([]*seedEntry, len(corpus.Seeds))
	for i, s := range corpus.Seeds {
		raw, ok := st.raw[s.Sum]
		require.True(t, ok, "the store holds seed %s", s.ID)
		entries[i], err = decodeEntry(s, raw)
		require.NoError(t, err, "seed %s", s.ID)
		found, err := entries[i].found(s)
		require.NoError(t, err, "seed %s", s.ID)
		entries[i].facts, entries[i].names, entries[i].factsRaw, entries[i].namesRaw = found.Facts, found.Names, nil, nil
		edit(s, entries[i])
		entries[i].raw = nil
	}
	st.save(corpus.Seeds, entries)
	require.Empty(t, st.warnings, "the store is written")
}

// retitle changes the dossier's title, which every page shows and no
// extractor reads.
func retitle(t *testing.T, root string) {
	t.Helper()
	p := filepath.Join(root, "content", "dossier.yaml")
	b, err := os.ReadFile(p)
	require.NoError(t, err)
	title := regexp.MustCompile(`(?m)^title: .*$`)
	require.True(t, title.Match(b), "%s has a title", p)
	writeText(t, p, title.ReplaceAllString(string(b), "title: Retitled dossier"))
}

// editAbout changes the about page, which no extractor reads.
func editAbout(t *testing.T, root string) {
	t.Helper()
	p := filepath.Join(root, "content", "about.md")
	b, err := os.ReadFile(p)
	require.NoError(t, err)
	writeText(t, p, string(b)+"\nEdited.\n")
}

// TestNewSeedWritesOneShard adds a seed to a built project: of the seed
// store, only the shard of the new seed is written; removing the seed
// again writes that shard only, or removes it when it held that seed alone.
func TestNewSeedWritesOneShard(t *testing.T) {
	root, _ := generated(t, 20)
	out := filepath.Join(t.TempDir(), "public")
	_, _, err := buildAt(root, out, "")
	require.NoError(t, err)
	shards := func() map[string]string {
		files, err := filepath.Glob(filepath.Join(root, cache.Dir, "seeds", "*.bin"))
		require.NoError(t, err)
		out := map[string]string{}
		for _, f := range files {
			b, err := os.ReadFile(f)
			require.NoError(t, err)
			out[filepath.Base(f)] = string(b)
		}
		return out
	}
	before := shards()
	require.Greater(t, len(before), 3, "the store is in shards")

	text := "Talks in Doha\nOfficials said on Monday that 4,321 lorries were waiting at the crossing.\n"
	sum := sha256.Sum256([]byte(text))
	seed := filepath.Join(root, "seeds", "020_"+hex.EncodeToString(sum[:8])+".txt")
	writeText(t, seed, text)
	_, stderr, err := buildAt(root, out, "")
	require.NoError(t, err, stderr)
	after := shards()
	shard := fmt.Sprintf("%02x.bin", sum[0])
	for name, b := range after {
		if name != shard {
			assert.Equal(t, before[name], b, "shard %s is as it was", name)
		}
	}
	assert.NotEqual(t, before[shard], after[shard], "the new seed's shard %s is written", shard)

	require.NoError(t, os.Remove(seed))
	rebuildMatchesClean(t, root, out, "the new seed is removed")
	assert.Equal(t, before, shards(), "the store is as before the seed came")
}

// TestLinePairsCountsLinesNamingBoth holds linePairs to counting, line by
// line, every two keys a line names.
func TestLinePairsCountsLinesNamingBoth(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range 300 {
		n := rng.IntN(30)
		mentions := map[string][]int{}
		for _, k := range []string{"a", "b", "c", "d", "e"}[:rng.IntN(6)] {
			for l := 0; l <= n+2; l++ { // lines past n are ignored
				if rng.IntN(3) == 0 {
					mentions[k] = append(mentions[k], l)
				}
			}
		}
		want := map[[2]string]int{}
		for l := 0; l <= n; l++ {
			var keys []string
			for k, lines := range mentions {
				if slices.Contains(lines, l) {
					keys = append(keys, k)
				}
			}
			sort.Strings(keys)
			for i := range keys {
				for j := i + 1; j < len(keys); j++ {
					want[[2]string{keys[i], keys[j]}]++
				}
			}
		}
		var sorted []mention
		for _, k := range slices.Sorted(maps.Keys(mentions)) {
			sorted = append(sorted, mention{k, mentions[k]})
		}
		got := linePairs(sorted, n)
		if len(want) == 0 {
			assert.Empty(t, got, "mentions %v", mentions)
		} else {
			assert.Equal(t, want, got, "mentions %v of %d lines", mentions, n)
		}
	}
}

// TestDecoderReadsWhatEncoderWrote holds the decoder's one-byte shortcuts to
// encoding/binary: every small value, both sides of each byte boundary, the
// limits, and what follows each value still read in its place.
func TestDecoderReadsWhatEncoderWrote(t *testing.T) {
	var uints []uint64
	var ints []int
	for v := range 300 {
		uints = append(uints, uint64(v))
		ints = append(ints, v-150)
	}
	for _, shift := range []uint{7, 14, 21, 28, 35, 63} {
		uints = append(uints, 1<<shift-1, 1<<shift)
	}
	uints = append(uints, ^uint64(0))
	ints = append(ints, math.MaxInt32, math.MinInt32, 1<<20, -1<<20)
	var e encoder
	for i, u := range uints {
		e.uint(u)
		e.int(ints[i%len(ints)])
	}
	d := decoder{b: e.b}
	for i, u := range uints {
		require.Equal(t, u, d.uint(), "uint %d", i)
		require.Equal(t, ints[i%len(ints)], d.int(), "int %d", i)
	}
	require.NoError(t, d.err)
	assert.Empty(t, d.b)

	d = decoder{b: binary.AppendVarint(nil, math.MaxInt32+1)}
	d.int()
	assert.EqualError(t, d.err, "truncated", "an int beyond 32 bits is refused")
}

// TestGatherMentionsIsAppendPerLine holds gatherMentions, which counts
// before it gathers, to appending each line to its key's list, over seeds
// naming keys at random, some with no lines, some named by every seed.
func TestGatherMentionsIsAppendPerLine(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for range 200 {
		seeds, entries := randomMentions(rng, 1+rng.IntN(40), 1+rng.IntN(30), 3)
		want := map[string][]source.Ref{}
		for i, s := range seeds {
			for _, m := range entries[i].mentions {
				refs := want[m.key]
				for _, n := range m.lines {
					refs = append(refs, source.Ref{Seed: s.ID, First: n, Last: n})
				}
				want[m.key] = refs
			}
		}
		assert.Equal(t, want, gatherMentions(seeds, entries))
	}
}

// randomMentions makes n seeds each naming a key of k one time in per, with
// up to four lines, in key order as mentionsOf makes them.
func randomMentions(rng *rand.Rand, n, k, per int) ([]*source.Seed, []*seedEntry) {
	seeds := make([]*source.Seed, n)
	entries := make([]*seedEntry, n)
	for i := range seeds {
		seeds[i] = &source.Seed{ID: fmt.Sprintf("%03d", i)}
		e := &seedEntry{}
		for j := range k {
			if rng.IntN(per) > 0 {
				continue
			}
			m := mention{key: fmt.Sprintf("key-%03d", j)}
			for l := range rng.IntN(5) {
				m.lines = append(m.lines, 1+2*l+rng.IntN(2))
			}
			e.mentions = append(e.mentions, m)
		}
		entries[i] = e
	}
	return seeds, entries
}

// BenchmarkGatherMentions gathers the mentions of 5,000 seeds naming about
// eight of 500 keys each.
func BenchmarkGatherMentions(b *testing.B) {
	seeds, entries := randomMentions(rand.New(rand.NewPCG(5, 6)), 5000, 500, 60)
	for b.Loop() {
		gatherMentions(seeds, entries)
	}
}

// TestEntryPartsAreCheckedWhenDecoded holds the facts and names of a stored
// entry, which a build passes over unread, to the checks of the rest: an
// entry whose part does not fit its seed is read, and found out when the
// part is decoded.
func TestEntryPartsAreCheckedWhenDecoded(t *testing.T) {
	root, _ := generated(t, 20)
	_, stderr, err := buildAt(root, filepath.Join(t.TempDir(), "public"), "")
	require.NoError(t, err, stderr)
	version, err := cache.Version("")
	require.NoError(t, err)
	st := openSeedStore(filepath.Join(root, cache.Dir), version)
	corpus, problems := source.Load(os.DirFS(root))
	require.Zero(t, problems.Errors(), problems)
	tried := 0
	for _, s := range corpus.Seeds {
		e, err := decodeEntry(s, st.raw[s.Sum])
		require.NoError(t, err, "seed %s", s.ID)
		want, err := e.found(s)
		require.NoError(t, err, "seed %s", s.ID)
		if len(want.Facts) == 0 || len(want.Names) == 0 {
			continue
		}
		tried++
		facts, names := e.factsRaw, e.namesRaw
		for _, bad := range []struct {
			name         string
			facts, names []byte
			err          string
		}{
			{"a byte after the facts", append(slices.Clip(facts), 0), names, "1 bytes after the end"},
			{"a byte after the names", facts, append(slices.Clip(names), 0), "1 bytes after the end"},
			{"facts cut short", facts[:len(facts)-1], names, "truncated"},
			{"facts of a line that is not there", moveFirstLine(facts, len(s.Lines)+1), names, "is not a content line"},
			{"names of a line that is not there", facts, moveFirstLine(names, len(s.Lines)+1), "is not a content line"},
		} {
			e.factsRaw, e.namesRaw, e.raw = bad.facts, bad.names, nil
			got, err := decodeEntry(s, encodeEntry(s, e))
			require.NoError(t, err, "%s: seed %s is read", bad.name, s.ID)
			_, err = got.found(s)
			require.Error(t, err, "%s: seed %s", bad.name, s.ID)
			assert.Contains(t, err.Error(), bad.err, bad.name)
		}
		e.factsRaw, e.namesRaw, e.raw = facts, names, nil
		got, err := decodeEntry(s, encodeEntry(s, e))
		require.NoError(t, err)
		found, err := got.found(s)
		require.NoError(t, err)
		assert.Equal(t, want, found, "seed %s: the parts copied read the same", s.ID)
	}
	require.Positive(t, tried, "a seed has facts and names")
}

// moveFirstLine returns a copy of a facts or names part whose first line is
// n instead (both start with a count, then the first line's number).
func moveFirstLine(part []byte, n int) []byte {
	d := decoder{b: part}
	count := d.uint()
	d.uint()
	e := encoder{}
	e.uint(count)
	e.uint(uint64(n))
	return append(e.b, d.b...)
}
