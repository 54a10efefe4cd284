package render

import (
	"embed"
	"fmt"
	"html"
	"html/template"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"

	"github.com/dossier-project/dossier/internal/source"
	"github.com/dossier-project/dossier/internal/text"
)

// The sources: an index of every source and its articles, in pages of
// sourcesPerPage so that it does not grow without bound, and one
// line-numbered viewer per source. Readers meet articles by title, outlet
// and date; curators' notes on a source stay in seeds/sources.yaml and the
// inbox.

// sourcesPerPage bounds the sources one page of the index lists.
const sourcesPerPage = 100

var lineFormatter = chromahtml.New(chromahtml.WithClasses(true), chromahtml.PreventSurroundingPre(true))

// chromaStyles are chroma's github and github-dark styles, copied from its
// styles folder with its licence (chroma/COPYING). Importing chroma's
// styles package would parse all 77 of its styles whenever the program
// starts, 10 ms of every command; TestChromaStylesAreChromas holds the
// copies to the package's.
//
//go:embed chroma/github.xml chroma/github-dark.xml
var chromaStyles embed.FS

// chromaStyle reads one of chromaStyles.
func chromaStyle(name string) (*chroma.Style, error) {
	f, err := chromaStyles.Open("chroma/" + name + ".xml")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return chroma.NewXMLStyle(f)
}

// ChromaCSS writes the stylesheet for the source viewer's token classes,
// light by default and dark under prefers-color-scheme.
func ChromaCSS(w io.Writer) error {
	for _, name := range []string{"github", "github-dark"} {
		style, err := chromaStyle(name)
		if err != nil {
			return err
		}
		if name == "github-dark" {
			fmt.Fprintln(w, "@media (prefers-color-scheme: dark) {")
		}
		if err := lineFormatter.WriteCSS(w, style); err != nil {
			return err
		}
	}
	fmt.Fprintln(w, "}")
	return nil
}

// sourceTitle names a source for readers: its first article's title, and how
// many more it holds.
func sourceTitle(s *source.Seed) string {
	if len(s.Articles) == 0 {
		return "Untitled text"
	}
	t := s.Articles[0].Title
	if n := len(s.Articles) - 1; n > 0 {
		t += fmt.Sprintf(" and %s", text.Count(n, "more article"))
	}
	return t
}

type articleHead struct {
	First, Last int
	Title       string
	Publisher   string
	Published   string
}

func (a articleHead) key(h *hasher) {
	h.int(a.First)
	h.int(a.Last)
	h.strs([]string{a.Title, a.Publisher, a.Published})
}

func head(a source.Article) articleHead {
	pub := "date not stated"
	if !a.Published.IsZero() {
		pub = a.Published.Human()
	}
	return articleHead{First: a.First, Last: a.Last, Title: a.Title, Publisher: a.Publisher, Published: pub}
}

type sourceRow struct {
	Title, Href string
	Lines       int
	Articles    []articleHead
}

func (s sourceRow) key(h *hasher) {
	h.str(s.Title)
	h.str(s.Href)
	h.int(s.Lines)
	each(h, s.Articles)
}

type sourcesData struct {
	Rows       []sourceRow
	Pages      []link // every page of the index, this one without Href
	Prev, Next *link
}

func (d sourcesData) key(h *hasher) {
	each(h, d.Rows)
	each(h, d.Pages)
	h.opt(optLink(d.Prev))
	h.opt(optLink(d.Next))
}

// sourcesPage is the output path of page n (from 1) of the sources index.
func sourcesPage(n int) string {
	if n == 1 {
		return "sources/index.html"
	}
	return fmt.Sprintf("sources/page/%d/index.html", n)
}

func (r *renderer) renderSources() error {
	seeds := r.in.Corpus.Seeds
	pages := max(1, (len(seeds)+sourcesPerPage-1)/sourcesPerPage)
	for n := 1; n <= pages; n++ {
		// A page's rows are made by its job, on the worker pool, not while
		// the site is planned, which runs on one core.
		r.addPage("sources", sourcesPage(n), func() (*page, error) {
			return sourcesIndexPage(seeds[(n-1)*sourcesPerPage:min(n*sourcesPerPage, len(seeds))], n, pages), nil
		})
	}
	for _, s := range seeds {
		r.sourcePage(s)
	}
	return nil
}

// sourcesIndexPage is page n of pages of the sources index, which lists the
// seeds part.
func sourcesIndexPage(part []*source.Seed, n, pages int) *page {
	pg := &page{Path: sourcesPage(n), Title: "Sources", Section: "sources",
		Description: "The texts this dossier is built from and the articles in each; every line can be read and is cited by number."}
	if pages > 1 {
		pg.Title = fmt.Sprintf("Sources, page %d of %d", n, pages)
	}
	var d sourcesData
	for i := 1; i <= pages && pages > 1; i++ {
		l := link{Title: fmt.Sprint(i)}
		if i != n {
			l.Href = pg.Rel(sourcesPage(i))
		}
		d.Pages = append(d.Pages, l)
	}
	if n > 1 {
		d.Prev = &link{Title: "Previous page", Href: pg.Rel(sourcesPage(n - 1))}
	}
	if n < pages {
		d.Next = &link{Title: "Next page", Href: pg.Rel(sourcesPage(n + 1))}
	}
	d.Rows = make([]sourceRow, 0, len(part))
	for _, s := range part {
		row := sourceRow{Title: sourceTitle(s), Href: pg.Rel(SourceURL(s.ID)), Lines: len(s.Lines)}
		for _, a := range s.Articles {
			row.Articles = append(row.Articles, head(a))
		}
		d.Rows = append(d.Rows, row)
	}
	pg.Data = d
	return pg
}

// sourceData is a source viewer's data; its lines are written in Go (the
// longest loop of the site) and its key declares the seed's text and marks,
// its articles and which pages cite which line.
type sourceData struct {
	Articles int
	Cited    int
	Lines    template.HTML
	about    []articleHead
	lines    *source.Seed
	citedBy  []string // per cited line: "N title href…", for the key
}

func (d sourceData) key(h *hasher) {
	h.int(d.Articles)
	h.int(d.Cited)
	each(h, d.about)
	seedKey(h, d.lines)
	h.strs(d.citedBy)
}

// seedKey declares a seed's lines and their marks: the SHA-256 of the
// seed's bytes when known, since the marks are the program's reading of
// them (and the program is in every key), else the lines themselves.
func seedKey(h *hasher, s *source.Seed) {
	h.int(len(s.Lines))
	if s.Sum != ([32]byte{}) {
		h.bytes(s.Sum[:])
		return
	}
	for _, l := range s.Lines {
		h.str(l.Text)
		h.str(l.Boilerplate)
		h.int(l.DuplicateOf)
	}
}

// sourcePage adds the line-numbered viewer of one seed. Its key is made
// from the seed and the pages citing it; the lines are written only when
// the page must be made.
func (r *renderer) sourcePage(s *source.Seed) {
	path := SourceURL(s.ID)
	r.addPage("source", path, func() (*page, error) {
		pg := &page{Path: path, Title: sourceTitle(s), Section: "sources",
			Description: fmt.Sprintf("A source text of %s, line by line, each cited line with the pages that cite it.", text.Count(len(s.Articles), "article"))}
		d := &sourceData{Articles: len(s.Articles), lines: s}
		for _, a := range s.Articles {
			d.about = append(d.about, head(a))
		}
		// Most seeds of a large dossier are cited nowhere: their lines are
		// not looked at.
		if cited := r.citedBy[s.ID]; len(cited) > 0 {
			for _, l := range s.Lines {
				if ps := cited[l.N]; len(ps) > 0 {
					d.Cited++
					var b strings.Builder
					fmt.Fprint(&b, l.N)
					for _, l := range pageLinks(pg.Path, ps) {
						b.WriteString("\x00" + l.Title + "\x00" + l.Href)
					}
					d.citedBy = append(d.citedBy, b.String())
				}
			}
		}
		pg.Data = d
		pg.lazy = append(pg.lazy, &lazyBody{into: &d.Lines, make: func() template.HTML { return r.sourceLines(pg, s) }})
		return pg, nil
	})
	r.stamp(r.seedStamp(s, func() Key { return r.citedByKey(s.ID) }))
}

// citedByKey declares what a source viewer shows of the curated pages: the
// pages citing each of the seed's lines, by title and address; the zero
// key for a seed cited nowhere.
func (r *renderer) citedByKey(seed string) Key {
	cited := r.citedBy[seed]
	if len(cited) == 0 {
		return Key{}
	}
	var buf [16]int
	lines := buf[:0]
	for n := range cited {
		lines = append(lines, n)
	}
	slices.Sort(lines)
	h := newHasher()
	for _, n := range lines {
		h.int(n)
		h.int(len(cited[n]))
		for _, p := range cited[n] {
			// The page's address is made from its type and slug.
			h.str(string(p.Type))
			h.str(p.Slug)
			h.str(p.Title())
		}
	}
	return h.sum()
}

// sourceLines writes a seed's lines and article heads.
func (r *renderer) sourceLines(pg *page, s *source.Seed) template.HTML {
	var b strings.Builder
	b.Grow(len(s.Lines) * 400)
	next := 0
	for _, l := range s.Lines {
		if next < len(s.Articles) && s.Articles[next].First == l.N {
			a := head(s.Articles[next])
			next++
			fmt.Fprintf(&b, `<div class="article-head" id="article-%d"><h2>%s</h2><p class="meta">`, a.First, html.EscapeString(a.Title))
			if a.Publisher != "" {
				b.WriteString(html.EscapeString(a.Publisher) + " · ")
			}
			fmt.Fprintf(&b, "%s · lines %d–%d</p></div>\n", html.EscapeString(a.Published), a.First, a.Last)
		}
		ps := r.citedBy[s.ID][l.N]
		b.WriteString(`<div class="sl`)
		if len(ps) > 0 {
			b.WriteString(" cited")
		}
		if l.Boilerplate != "" {
			b.WriteString(" boilerplate")
		}
		if l.DuplicateOf != 0 {
			b.WriteString(" duplicate")
		}
		n := strconv.Itoa(l.N)
		for _, part := range [...]string{`" id="L`, n, `"><a class="ln" href="#L`, n, `">`, n, `</a><span class="cl">`} {
			b.WriteString(part)
		}
		writeLine(&b, l.Text)
		b.WriteString(`</span>`)
		if l.Boilerplate != "" {
			fmt.Fprintf(&b, `<span class="mark">%s</span>`, html.EscapeString(l.Boilerplate))
		}
		if l.DuplicateOf != 0 {
			fmt.Fprintf(&b, `<span class="mark">repeats <a href="#L%d">line %d</a></span>`, l.DuplicateOf, l.DuplicateOf)
		}
		if len(ps) > 0 {
			b.WriteString(`<span class="citedby">cited by `)
			for i, l := range pageLinks(pg.Path, ps) {
				if i > 0 {
					b.WriteString(", ")
				}
				fmt.Fprintf(&b, `<a href="%s">%s</a>`, html.EscapeString(l.Href), html.EscapeString(l.Title))
			}
			b.WriteString(`</span>`)
		}
		b.WriteString("</div>\n")
	}
	return template.HTML(b.String())
}
