package render

import (
	"bytes"
	"cmp"
	"crypto/sha1"
	"encoding/xml"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/dossier-project/dossier/internal/content"
	"github.com/dossier-project/dossier/internal/date"
	"github.com/dossier-project/dossier/internal/markdown"
	"github.com/dossier-project/dossier/internal/text"
)

// atom.xml is an Atom feed of the timeline's events and of the sources, newest
// first. Its links are relative to the feed's own address (Atom resolves them
// against it) unless a base URL is known. Entry dates are the events' own
// dates and the sources' ingest or publication dates, never the build time, so
// the feed is as deterministic as the pages.

// feedSize bounds the feed to the newest entries.
const feedSize = 200

type atomFeed struct {
	XMLName  xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Title    string      `xml:"title"`
	Subtitle string      `xml:"subtitle,omitempty"`
	ID       string      `xml:"id"`
	Updated  string      `xml:"updated"`
	Links    []atomLink  `xml:"link"`
	Author   atomAuthor  `xml:"author"`
	Entries  []atomEntry `xml:"entry"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
}

type atomAuthor struct {
	Name string `xml:"name"`
}

type atomEntry struct {
	Title    string       `xml:"title"`
	ID       string       `xml:"id"`
	Updated  string       `xml:"updated"`
	Link     atomLink     `xml:"link"`
	Category atomCategory `xml:"category"`
	Summary  string       `xml:"summary"`
	when     date.Date
	path     string // what ID is made from (feedID), for the entries the feed keeps
	// fill sets Title and Summary, for the entries the feed keeps only:
	// the order needs no more than when and ID. An event's summary is made
	// from its body by summarize, when the feed is written: the feed's key
	// reads the body instead (feedKey).
	fill      func(*atomEntry)
	summarize func() string
	event     *content.Event
}

type atomCategory struct {
	Term string `xml:"term,attr"`
}

// feedID names a feed item: its address when the site's is known, else a
// name-based UUID, which stays the same from build to build.
func (r *renderer) feedID(path string) string {
	if r.in.BaseURL != "" {
		return r.in.BaseURL + path
	}
	h := sha1.Sum([]byte("dossier\x00" + r.settings.Title + "\x00" + path))
	h[6] = h[6]&0x0f | 0x50
	h[8] = h[8]&0x3f | 0x80
	return fmt.Sprintf("urn:uuid:%x-%x-%x-%x-%x", h[0:4], h[4:6], h[6:8], h[8:10], h[10:16])
}

func atomTime(d date.Date) string { return d.Time().UTC().Format(time.RFC3339) }

// renderFeed plans atom.xml: the newest events and sources. It is made
// from every seed, so it is made by a job of its own, not while planning.
// Its key is declared from what its entries are made of (feedKey): a
// rebuild lists and orders the entries, cheaply, but writes the events'
// summaries and the XML only when the key changed.
func (r *renderer) renderFeed() error {
	feed := sync.OnceValue(r.feedEntries)
	r.addKeyed("atom.xml", func(h *hasher) { r.feedKey(h, feed()) }, func() ([]byte, error) { return r.encodeFeed(feed()) })
	r.large()
	return nil
}

// feedPlan is the feed's entries, newest first, filled but for the events'
// summaries, and the time it was last updated.
type feedPlan struct {
	entries []atomEntry
	updated date.Date
}

func (r *renderer) feedEntries() feedPlan {
	var entries []atomEntry
	for _, e := range r.in.Site.Events {
		if e.Draft || e.Date.IsZero() {
			continue
		}
		u := URL(&e.Page)
		entries = append(entries, atomEntry{
			path: u, when: e.Date,
			Link: atomLink{Href: r.in.BaseURL + u}, Category: atomCategory{Term: "event"},
			fill: func(x *atomEntry) { x.Title = when(e) + ": " + e.Title },
			summarize: func() string {
				return text.Shorten(text.OneLine(markdown.PlainText(e.AST, e.Body)), 400)
			},
			event: e,
		})
	}
	var latest date.Date
	for _, s := range r.in.Corpus.Seeds {
		for _, a := range s.Articles {
			if a.Published.Compare(latest) > 0 {
				latest = a.Published
			}
		}
	}
	for _, s := range r.in.Corpus.Seeds {
		// A source is dated by when it was ingested, else by its newest
		// article; one with neither is left out rather than given a guess.
		when := s.Ingested
		for _, a := range s.Articles {
			if s.Ingested.IsZero() && a.Published.Compare(when) > 0 {
				when = a.Published
			}
		}
		if when.IsZero() || len(s.Articles) == 0 {
			continue
		}
		u := SourceURL(s.ID)
		entries = append(entries, atomEntry{
			path: u, when: when,
			Link: atomLink{Href: r.in.BaseURL + u}, Category: atomCategory{Term: "source"},
			fill: func(x *atomEntry) {
				var titles []string
				for _, a := range s.Articles {
					published := "date unknown"
					if !a.Published.IsZero() {
						published = a.Published.Human()
					}
					titles = append(titles, fmt.Sprintf("%s (%s)", a.Title, published))
				}
				// Readers know a source by its articles, never by its number.
				x.Title = fmt.Sprintf("%s and %s", s.Articles[0].Title, text.Count(len(s.Articles)-1, "more article"))
				if len(s.Articles) == 1 {
					x.Title = s.Describe(s.Articles[0].First)
				}
				x.Summary = text.Shorten(strings.Join(titles, "; "), 600)
			},
		})
	}
	if e, ok := r.batchFeedEntry(); ok {
		entries = append(entries, e)
	}
	entries = newest(entries, r.feedID)
	updated := latest
	for i := range entries {
		if entries[i].fill != nil {
			entries[i].fill(&entries[i])
		}
		entries[i].Updated = atomTime(entries[i].when)
		if entries[i].when.Compare(updated) > 0 {
			updated = entries[i].when
		}
	}
	if updated.IsZero() {
		updated = date.Date{Year: 1970, Month: 1, Day: 1}
	}
	return feedPlan{entries, updated}
}

// feedKey declares what the feed shows: the site's title, description and
// address, the time it was updated, and each entry as made, an event's
// body and the titles of the pages it links to (set by indexBodies)
// standing for its summary.
func (r *renderer) feedKey(h *hasher, f feedPlan) {
	h.strs([]string{r.settings.Title, r.settings.Description, r.in.BaseURL, atomTime(f.updated)})
	h.int(len(f.entries))
	for _, e := range f.entries {
		h.strs([]string{e.Title, e.ID, e.Updated, e.Link.Href, e.Category.Term, e.Summary})
		if e.event == nil {
			continue
		}
		h.bytes(e.event.Body)
		_, links := e.event.Nodes()
		for _, l := range links {
			h.str(l.Title)
		}
	}
}

// encodeFeed writes the feed, the events' summaries first.
func (r *renderer) encodeFeed(f feedPlan) ([]byte, error) {
	entries := slices.Clone(f.entries)
	for i := range entries {
		if entries[i].summarize != nil {
			entries[i].Summary = entries[i].summarize()
		}
	}
	feed := atomFeed{
		Title: r.settings.Title, Subtitle: cmp.Or(r.settings.Description, "Timeline events and sources, newest first."),
		ID: r.feedID("atom.xml"), Updated: atomTime(f.updated),
		Links: []atomLink{
			{Href: r.in.BaseURL + "atom.xml", Rel: "self", Type: "application/atom+xml"},
			{Href: r.in.BaseURL + "index.html", Rel: "alternate", Type: "text/html"},
		},
		Author:  atomAuthor{Name: r.settings.Title},
		Entries: entries,
	}
	var b bytes.Buffer
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", " ")
	if err := enc.Encode(feed); err != nil {
		return nil, fmt.Errorf("atom feed: %w", err)
	}
	b.WriteByte('\n')
	return b.Bytes(), nil
}

// newest returns the feed's entries: the feedSize newest, newest first,
// those of one date in the order of their IDs, which id makes from their
// paths. An entry older than the feedSize-th newest is left out whatever
// its ID, so it is given none: a large dossier has thousands.
func newest(entries []atomEntry, id func(path string) string) []atomEntry {
	if len(entries) > feedSize {
		whens := make([]date.Date, len(entries))
		for i, e := range entries {
			whens[i] = e.when
		}
		slices.SortFunc(whens, func(a, b date.Date) int { return b.Compare(a) })
		oldest := whens[feedSize-1]
		entries = slices.DeleteFunc(entries, func(e atomEntry) bool { return e.when.Compare(oldest) < 0 })
	}
	for i := range entries {
		entries[i].ID = id(entries[i].path)
	}
	sort.SliceStable(entries, func(i, j int) bool { return newer(&entries[i], &entries[j]) })
	return entries[:min(len(entries), feedSize)]
}

// newer reports whether a comes before b in the feed: newer, or as new and
// first by ID.
func newer(a, b *atomEntry) bool {
	if c := a.when.Compare(b.when); c != 0 {
		return c > 0
	}
	return a.ID < b.ID
}

// renderSitemap lists every page for search engines, but the curators'
// inbox, once the other jobs are planned and sorted, and puts its own job in
// its place among them. Their protocol wants absolute addresses: without a
// base URL the entries are relative to the sitemap's own address, which
// crawlers do not accept; the GitHub Pages workflow passes the base URL.
// The file is written out when its job runs, and only when its key, the
// pages and the base URL, changed.
func (r *renderer) renderSitemap() {
	var pages []string
	for _, j := range r.plan.Jobs {
		if p := j.Path; strings.HasSuffix(p, ".html") && p != "404.html" && !strings.HasPrefix(p, "inbox/") {
			pages = append(pages, p)
		}
	}
	r.addKeyed("sitemap.xml", func(h *hasher) {
		h.str(r.in.BaseURL)
		h.strs(pages)
	}, func() ([]byte, error) {
		var b bytes.Buffer
		b.WriteString(xml.Header)
		b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
		for _, p := range pages {
			b.WriteString("<url><loc>")
			if err := xml.EscapeText(&b, []byte(r.in.BaseURL+strings.TrimSuffix(p, "index.html"))); err != nil {
				return nil, err
			}
			b.WriteString("</loc></url>\n")
		}
		b.WriteString("</urlset>\n")
		return b.Bytes(), nil
	})
	jobs := r.plan.Jobs
	sitemap := jobs[len(jobs)-1]
	at, _ := slices.BinarySearchFunc(jobs[:len(jobs)-1], sitemap.Path, func(j Job, p string) int { return strings.Compare(j.Path, p) })
	copy(jobs[at+1:], jobs[at:len(jobs)-1])
	jobs[at] = sitemap
}
