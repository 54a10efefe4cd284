package render

import (
	"crypto/sha256"
	"fmt"
	"maps"
	"slices"
	"sync"

	"github.com/dossier-project/dossier/internal/content"
	"github.com/dossier-project/dossier/internal/source"
)

// contentPage adds one curated page with its reference list. Its key
// declares the body's inputs (bodyKey); the body's citations, links and
// voices are resolved, and its data made, when the page's job makes it.
// reads says what the page's data reads of the seeds, for its stamp.
func (r *renderer) contentPage(layout string, p *content.Page, section, description string, reads seedReads, data func(pg *page) keyer) {
	if p.Draft {
		return
	}
	cites, _ := p.Nodes()
	r.plan.citations.Add(int64(len(cites)))
	r.addPage(layout, URL(p), func() (*page, error) {
		pg := &page{Path: URL(p), Title: p.Title(), Section: section, Description: description}
		linkTo := func(q *content.Page) string { return relative(pg.Path, URL(q)) }
		cites, links := p.Nodes()
		body := &lazyBody{cites: len(cites), doc: p.AST, src: p.Body, into: &pg.Body}
		if !r.in.NoKeys {
			body.key = r.bodyKey(p.Body, pg.Path, cites, links, linkTo)
		}
		pg.lazy = append(pg.lazy, body)
		if data != nil {
			pg.Data = data(pg)
		}
		pg.fill = append(pg.fill, func() error {
			refs := newRefTable()
			if _, err := r.resolveBody(p.AST, p.Body, pg.Path, refs, linkTo); err != nil {
				return fmt.Errorf("%s: %w", p.File, err)
			}
			pg.Refs = refs.entries()
			return nil
		})
		return pg, nil
	})
	r.stamp(r.curatedStamp(reads, p))
}

// seedReads is what a curated page's data reads of the seeds.
type seedReads int

const (
	// citedLines: the lines that curated pages cite, and nothing else.
	citedLines seedReads = iota
	// citedLinesAndPlaces: those, and how often the seeds name each place
	// (the markers of a map).
	citedLinesAndPlaces
	// anyLine: what any seed says (the lines naming an actor or place),
	// which a new seed can change; the page has no stamp.
	anyLine
)

// curatedStamp returns the stamp (see Job.Stamp) of the curated page p
// whose data reads the seeds as reads says (makeCuratedStamps), or nil,
// for none, when there are no such stamps. It is made from the page's own
// file and what the other pages show of themselves (pageStamps): an edit
// of another page's body that moves no link or citation leaves it. A page
// that reads any line has no other stamp.
func (r *renderer) curatedStamp(reads seedReads, p *content.Page) func() Key {
	if k := r.pageStamps[reads]; k != (Key{}) && p.Sum != ([32]byte{}) {
		return sync.OnceValue(func() Key {
			var buf [192]byte
			b := append(append(append(buf[:0], k[:]...), p.Sum[:]...), p.Type...)
			return sha256.Sum256(append(append(append(b, 0), p.Slug...), 0))
		})
	}
	if reads == anyLine {
		return nil
	}
	if k := r.curatedStamps[reads]; k != (Key{}) {
		return func() Key { return k }
	}
	return nil
}

// makeCuratedStamps makes the stamps of the curated pages, once per build:
// the SHA-256 of the epoch and of every seed a curated page cites
// (citedSeedsKey, kept in r.citedSeeds), and for a map also of the places'
// mention counts (mentionedPlacesKey). There are none without an epoch or
// keys, or when a cited seed's sum is unknown.
func (r *renderer) makeCuratedStamps() {
	if r.in.NoKeys {
		return
	}
	r.citedSeeds = citedSeedsKey(r.in.Site, r.in.Corpus)
	cited := r.citedSeeds
	if r.in.Epoch == (Key{}) || cited == (Key{}) {
		return
	}
	places := r.mentionedPlacesKey()
	r.curatedStamps[citedLines] = sha256.Sum256(slices.Concat(r.in.Epoch[:], cited[:]))
	r.curatedStamps[citedLinesAndPlaces] = sha256.Sum256(slices.Concat(r.in.Epoch[:], cited[:], places[:]))
	if r.in.SeedEpoch == (Key{}) {
		return
	}
	faces := r.faces()
	r.pageStamps[citedLines] = sha256.Sum256(slices.Concat(r.in.SeedEpoch[:], faces[:], cited[:]))
	r.pageStamps[citedLinesAndPlaces] = sha256.Sum256(slices.Concat(r.in.SeedEpoch[:], faces[:], cited[:], places[:]))
	if r.in.Seeds != (Key{}) {
		// Every seed: the lines naming an actor or place, and so the
		// actors' prominence and their mentions together.
		r.pageStamps[anyLine] = sha256.Sum256(slices.Concat(r.in.SeedEpoch[:], faces[:], r.in.Seeds[:]))
	}
}

// faces is facesKey of the site, made once per build.
func (r *renderer) faces() Key {
	r.facesOnce.Do(func() { r.facesSum = facesKey(r.in.Site) })
	return r.facesSum
}

// facesKey declares what the curated pages show one another: each page's
// address, kind and front matter (its title, date, side, lists of actors,
// places and topics, whether it is a draft…), the pages its body links to
// (their backlinks) and the lines it cites (an actor's prominence counts
// them, and its backlinks). Of a page's body, nothing else shows on
// another page stamped from it: the printable page, the feed, the search
// index, the home page and the data export, which do show bodies, have
// stamps or keys of their own.
func facesKey(site *content.Site) Key {
	h := newHasher()
	for _, p := range site.Pages() {
		h.str(URL(p))
		h.str(string(p.Type))
		h.bytes(p.Front[:])
		cites, links := p.Nodes()
		h.int(len(links))
		for _, l := range links {
			h.str(l.Target)
			h.str(l.Label)
		}
		h.int(len(cites))
		for _, c := range cites {
			h.int(len(c.Refs))
			for _, ref := range c.Refs {
				h.str(ref.String())
			}
		}
	}
	return h.sum()
}

// citedSeedsKey is the SHA-256 of the file and sum of every seed a curated
// page cites, drafts too: in its body, as a figure's source or a claim of
// a dispute. It is zero when one of them is not in the corpus or has no
// sum.
func citedSeedsKey(site *content.Site, corpus *source.Corpus) Key {
	ids := map[string]bool{}
	for _, p := range site.Pages() {
		cites, _ := p.Nodes()
		for _, c := range cites {
			for _, ref := range c.Refs {
				ids[ref.Seed] = true
			}
		}
	}
	for _, f := range site.Figures {
		ids[f.Source.Seed] = true
	}
	for _, d := range site.Disputes {
		for _, c := range d.Claims {
			for _, ref := range c.Citations {
				ids[ref.Seed] = true
			}
		}
	}
	delete(ids, "")
	h := sha256.New()
	for _, id := range slices.Sorted(maps.Keys(ids)) {
		s := corpus.Seed(id)
		if s == nil || s.Sum == ([32]byte{}) {
			return Key{}
		}
		fmt.Fprintf(h, "%s\x00%s\x00", id, s.Path())
		h.Write(s.Sum[:])
	}
	var k Key
	h.Sum(k[:0])
	return k
}

// mentionedPlacesKey is the SHA-256 of each published place's slug and
// how many lines name it, which the maps' markers show.
func (r *renderer) mentionedPlacesKey() Key {
	h := sha256.New()
	for _, p := range live(r.in.Site.Places) {
		fmt.Fprintf(h, "%s\x00%d\x00", p.Slug, len(r.in.Mentions[p.Slug]))
	}
	var k Key
	h.Sum(k[:0])
	return k
}

// plainPage is a page with no data of its own beyond its body.
type plainPage struct{}

func (plainPage) key(*hasher) {}

func (r *renderer) renderAbout() error {
	if a := r.in.Site.About; a != nil {
		r.contentPage("page", &a.Page, "about", a.Description, citedLines, func(*page) keyer { return plainPage{} })
	}
	return nil
}
