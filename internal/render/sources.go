package render

import (
	"bytes"
	"fmt"
	"html/template"
	"io"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/styles"

	"github.com/dossier-project/dossier/internal/source"
)

var lineFormatter = chromahtml.New(chromahtml.WithClasses(true), chromahtml.PreventSurroundingPre(true))

// highlightLine returns one line's text as chroma token spans, so the source
// viewer shares chroma's class names and generated stylesheet.
func highlightLine(text string) (template.HTML, error) {
	var b bytes.Buffer
	if err := lineFormatter.Format(&b, styles.Fallback, chroma.Literator(newsTokens(text)...)); err != nil {
		return "", err
	}
	// chroma escapes token text; its output is trusted.
	return template.HTML(b.String()), nil
}

// ChromaCSS writes the stylesheet for the source viewer's token classes,
// light by default and dark under prefers-color-scheme.
func ChromaCSS(w io.Writer) error {
	if err := lineFormatter.WriteCSS(w, styles.Get("github")); err != nil {
		return err
	}
	fmt.Fprintln(w, "@media (prefers-color-scheme: dark) {")
	if err := lineFormatter.WriteCSS(w, styles.Get("github-dark")); err != nil {
		return err
	}
	fmt.Fprintln(w, "}")
	return nil
}

type sourceLine struct {
	N           int
	Text        string
	Boilerplate string
	DuplicateOf int
	Blank       bool
	Cited       bool
	CitedBy     []link
	Article     *articleHead // set on an article's first line
}

// HTML is the line highlighted; the template calls it, so lines are only
// highlighted for pages that are actually rendered.
func (l sourceLine) HTML() (template.HTML, error) { return highlightLine(l.Text) }

type articleHead struct {
	First, Last int
	Title       string
	Publisher   string
	Published   string
	Note        string
	Curated     bool
}

type sourceData struct {
	Seed  *source.Seed
	Lines []sourceLine
	Cited int
}

type sourceRow struct {
	ID, File, Href string
	Lines          int
	Articles       []articleHead
}

func head(a source.Article) *articleHead {
	pub := a.Published.Human()
	return &articleHead{First: a.First, Last: a.Last, Title: a.Title, Publisher: a.Publisher, Published: pub, Note: a.Note, Curated: a.Curated}
}

func (r *renderer) renderSources() error {
	var rows []sourceRow
	for _, s := range r.in.Corpus.Seeds {
		r.addPage("source", SourceURL(s.ID), func() (*page, error) { return r.sourcePage(s), nil })
		row := sourceRow{ID: s.ID, File: s.File, Href: relative("sources/index.html", SourceURL(s.ID)), Lines: len(s.Lines)}
		for _, a := range s.Articles {
			row.Articles = append(row.Articles, *head(a))
		}
		rows = append(rows, row)
	}
	pg := &page{Path: "sources/index.html", Title: "Sources", Section: "sources",
		Description: "The seed documents this dossier is built from, and the articles in each."}
	pg.Data = rows
	return r.execute("sources", pg)
}

// sourcePage is the line-numbered viewer of one seed.
func (r *renderer) sourcePage(s *source.Seed) *page {
	pg := &page{Path: SourceURL(s.ID), Title: "Source " + s.ID, Section: "sources",
		Description: fmt.Sprintf("Seed %s (%s), line by line.", s.ID, s.File)}
	d := sourceData{Seed: s}
	next := 0
	for _, l := range s.Lines {
		sl := sourceLine{N: l.N, Text: l.Text, Boilerplate: l.Boilerplate, DuplicateOf: l.DuplicateOf, Blank: l.Text == ""}
		if ps := r.citedBy[s.ID][l.N]; len(ps) > 0 {
			sl.Cited = true
			sl.CitedBy = pageLinks(pg.Path, ps)
			d.Cited++
		}
		if next < len(s.Articles) && s.Articles[next].First == l.N {
			sl.Article = head(s.Articles[next])
			next++
		}
		d.Lines = append(d.Lines, sl)
	}
	pg.Data = d
	return pg
}
