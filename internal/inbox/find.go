package inbox

import (
	"github.com/dossier-project/dossier/internal/content"
	"github.com/dossier-project/dossier/internal/date"
	"github.com/dossier-project/dossier/internal/extract"
	"github.com/dossier-project/dossier/internal/source"
)

// Found is what the extractors find in one seed before any curated page is
// consulted. Its names depend only on the text of the seed's content lines
// and on the names and aliases of the published actors (Known); its facts
// only on that text and the publication date of the article holding each
// line. A caller may therefore keep it between builds, keyed by those
// inputs, and hand it to BuildFound instead of extracting again.
type Found struct {
	Names []LineNames // content lines with names no published actor has, in line order
	Facts []LineFacts // content lines with dates, figures or quotations, in line order
}

// LineNames are the proper names of one content line that no published
// actor has as name or alias.
type LineNames struct {
	Line  int
	Names []extract.NameMention
}

// LineFacts are the dates, figures and quotations of one content line, as
// the extractors give them (none is left out yet).
type LineFacts struct {
	Line    int
	Dates   []extract.DateMention
	Figures []extract.Figure
	Quotes  []extract.Quote
}

// Known lists the names and aliases of the published actors and places,
// keyed by slug: the names FindNames does not report.
func Known(site *content.Site) []extract.Name {
	var names []extract.Name
	for _, a := range site.Actors {
		if a.Draft {
			continue
		}
		for _, n := range append([]string{a.Name}, a.Aliases...) {
			names = append(names, extract.Name{Text: n, Key: a.Slug})
		}
	}
	for _, p := range site.Places {
		if p.Draft {
			continue
		}
		for _, n := range append([]string{p.Name}, p.Aliases...) {
			names = append(names, extract.Name{Text: n, Key: p.Slug})
		}
	}
	return names
}

// Find runs every extractor over the content lines of a seed; known matches
// the names of Known.
func Find(s *source.Seed, known *extract.Matcher) Found {
	return Found{Names: FindNames(s, known), Facts: FindFacts(s)}
}

// FindNames lists the names of the seed's content lines that known does not know.
func FindNames(s *source.Seed, known *extract.Matcher) []LineNames {
	var out []LineNames
	for _, l := range s.Lines {
		if !l.IsContent() {
			continue
		}
		if ns := extract.Names(l.Text, known); len(ns) > 0 {
			out = append(out, LineNames{Line: l.N, Names: ns})
		}
	}
	return out
}

// FindFacts lists the dates, figures and quotations of the seed's content
// lines; dates relative to a weekday are resolved against the publication
// date of the line's article.
func FindFacts(s *source.Seed) []LineFacts {
	var out []LineFacts
	for _, l := range s.Lines {
		if !l.IsContent() {
			continue
		}
		f := LineFacts{Line: l.N}
		f.Dates, f.Figures, f.Quotes = extract.Facts(l.Text, Published(s, l.N))
		if len(f.Dates)+len(f.Figures)+len(f.Quotes) > 0 {
			out = append(out, f)
		}
	}
	return out
}

// Published is the publication date of the article holding line n of a
// seed, or the zero date: what FindFacts resolves relative dates against.
func Published(s *source.Seed, n int) date.Date {
	if a := s.Article(n); a != nil {
		return a.Published
	}
	return date.Date{}
}
