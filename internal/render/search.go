package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/dossier-project/dossier/internal/content"
	"github.com/dossier-project/dossier/internal/markdown"
	"github.com/dossier-project/dossier/internal/text"
)

// The search index is a script, assets/search-index.js, that assigns one
// object to window.DOSSIER_SEARCH. A script file, unlike a fetched JSON file,
// loads from file:// as well as over HTTP; assets/dossier.js loads it the
// first time a reader types into the search box, so pages stay light.
//
// Each entry is [kind, title, url, keywords, text]: url is relative to the
// site root; keywords are aliases, roles and article titles, which rank above
// body text; text is the page's opening prose or a source line.

// searchTextLen bounds how much of a page's prose goes into the index.
const searchTextLen = 600

type searchIndex struct {
	Title   string     `json:"title"`
	Entries [][]string `json:"entries"`
}

func (r *renderer) renderSearch() error {
	idx := searchIndex{Title: r.in.Title}
	add := func(kind, title, url, keywords, text string) {
		idx.Entries = append(idx.Entries, []string{kind, title, url, keywords, text})
	}
	site := r.in.Site
	prose := func(p *content.Page) string {
		return text.Shorten(text.OneLine(markdown.PlainText(p.AST, p.Body)), searchTextLen)
	}
	for _, a := range site.Actors {
		if !a.Draft {
			add("actor", a.Name, URL(&a.Page), strings.Join(append(append([]string{}, a.Aliases...), a.Role), " · "), prose(&a.Page))
		}
	}
	for _, e := range site.Events {
		if !e.Draft {
			add("event", e.Title, URL(&e.Page), e.Date.Human(), prose(&e.Page))
		}
	}
	for _, f := range site.Figures {
		if !f.Draft {
			add("figure", f.Title, URL(&f.Page), FormatValue(f)+" "+f.UnitName+" · "+f.Measure, prose(&f.Page))
		}
	}
	for _, t := range site.Topics {
		if !t.Draft {
			add("topic", t.Title, URL(&t.Page), t.Summary, prose(&t.Page))
		}
	}
	for _, d := range []*content.Doc{site.Index, site.About} {
		if d != nil && !d.Draft {
			add("page", d.Title, URL(&d.Page), d.Description, prose(&d.Page))
		}
	}
	for _, s := range r.in.Corpus.Seeds {
		for _, l := range s.Lines {
			if !l.IsContent() {
				continue
			}
			about := ""
			if a := s.Article(l.N); a != nil {
				about = a.Title
			}
			add("source", fmt.Sprintf("Source %s, line %d", s.ID, l.N), fmt.Sprintf("%s#L%d", SourceURL(s.ID), l.N), about, l.Text)
		}
	}
	var b bytes.Buffer
	b.WriteString("/* Search index, written by dossier build. */\nwindow.DOSSIER_SEARCH = ")
	enc := json.NewEncoder(&b)
	// The default HTML escaping keeps "</script>" and friends inert.
	if err := enc.Encode(idx); err != nil {
		return fmt.Errorf("search index: %w", err)
	}
	r.files["assets/search-index.js"] = b.Bytes()
	return r.renderSearchPage()
}

// renderSearchPage writes search/index.html: the results page the search
// form submits to. With JavaScript it shows the results for ?q=; without, it
// lists every page A to Z, so the form still leads somewhere useful.
func (r *renderer) renderSearchPage() error {
	pg := &page{Path: "search/index.html", Title: "Search", Section: "search", Description: "Search the actors, events, figures, topics and sources."}
	type entry struct{ Title, Kind, Href string }
	var all []entry
	for _, p := range r.in.Site.Pages() {
		if p.Draft || p.Type == content.TypePage {
			continue
		}
		all = append(all, entry{Title: p.Title(), Kind: kindLabel(p.Type), Href: pg.Rel(URL(p))})
	}
	sort.SliceStable(all, func(i, j int) bool {
		return strings.ToLower(all[i].Title) < strings.ToLower(all[j].Title)
	})
	type letter struct {
		Letter  string
		Entries []entry
	}
	var letters []letter
	for _, e := range all {
		l := strings.ToUpper(firstLetter(e.Title))
		if len(letters) == 0 || letters[len(letters)-1].Letter != l {
			letters = append(letters, letter{Letter: l})
		}
		letters[len(letters)-1].Entries = append(letters[len(letters)-1].Entries, e)
	}
	pg.Data = letters
	return r.execute("search", pg)
}

// firstLetter is the A–Z heading a title files under; digits and symbols go under "#".
func firstLetter(s string) string {
	for _, c := range s {
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' {
			return string(c)
		}
		return "#"
	}
	return "#"
}
