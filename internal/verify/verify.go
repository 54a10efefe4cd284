// Package verify checks curated content against the sources.
//
// The rules, each reported as file:line: message:
//
//  1. Every citation names an existing seed and line range.
//  2. Every quotation (text in double quotes) in a cited paragraph appears
//     verbatim in the lines that paragraph cites; quote marks and white space
//     are normalised, and "…" or "..." inside a quotation may elide text.
//  3. Every figure's value appears in its source line (2,414 = 2414;
//     "1.5 million" = 1500000; "nine" = 9).
//  4. Every slug in front matter and every [[link]] resolves.
//  5. Every paragraph and list item cites a source (about.md is exempt: it
//     describes the method, not the crisis).
//
// Coverage is a report, not a rule: which content lines of the seeds no page cites.
package verify

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/dossier-project/dossier/internal/content"
	"github.com/dossier-project/dossier/internal/diag"
	"github.com/dossier-project/dossier/internal/extract"
	"github.com/dossier-project/dossier/internal/markdown"
	"github.com/dossier-project/dossier/internal/source"
	"github.com/dossier-project/dossier/internal/text"
)

// Check applies every rule to every page, drafts included, and returns all
// problems found rather than stopping at the first.
func Check(c *source.Corpus, s *content.Site) diag.List {
	var ps diag.List
	for _, p := range s.Pages() {
		ps.Add(checkBody(c, s, p)...)
	}
	for _, a := range s.Actors {
		if a.Role == "" {
			ps.Add(diag.Warnf(a.File, 1, "front matter: role is empty"))
		}
	}
	for _, e := range s.Events {
		ps.Add(refs(s, e.File, "actors", e.Actors, content.TypeActor)...)
		ps.Add(refs(s, e.File, "topics", e.Topics, content.TypeTopic)...)
	}
	for _, t := range s.Topics {
		ps.Add(refs(s, t.File, "actors", t.Actors, content.TypeActor)...)
	}
	for _, f := range s.Figures {
		ps.Add(checkFigure(c, s, f)...)
	}
	ps.Sort()
	return ps
}

// refs checks that front-matter slugs name pages of the right type.
func refs(s *content.Site, file, key string, slugs []string, want content.Type) diag.List {
	var ps diag.List
	for _, slug := range slugs {
		p := s.Page(slug)
		switch {
		case p == nil && s.Unloaded(slug) != "":
			// The page exists but has its own problem, reported there.
		case p == nil:
			ps.Add(diag.Errorf(file, 1, "front matter: %s: no page has the slug %q", key, slug))
		case p.Type != want:
			ps.Add(diag.Errorf(file, 1, "front matter: %s: %q is in %s/, not %s/", key, slug, p.Type, want))
		}
	}
	return ps
}

func checkFigure(c *source.Corpus, s *content.Site, f *content.Figure) diag.List {
	var ps diag.List
	if f.ClaimedBy != "" {
		ps.Add(refs(s, f.File, "claimed_by", []string{f.ClaimedBy}, content.TypeActor)...)
	}
	if f.SourceRef == "" || f.Source.Seed == "" {
		return ps
	}
	lines, err := c.Resolve(f.Source)
	if err != nil {
		return append(ps, diag.Errorf(f.File, 1, "front matter: source: %v", err))
	}
	var said []string
	for _, l := range lines {
		said = append(said, l.Text)
	}
	if !extract.Contains(strings.Join(said, "\n"), f.Value) {
		ps.Add(diag.Errorf(f.File, 1, "figure value %s does not appear in its source line %s: %q; correct the value, or point source at the line that states it", formatValue(f.Value), f.Source, text.Shorten(text.OneLine(strings.Join(said, " ")), 160)))
	}
	return ps
}

func formatValue(v float64) string {
	return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.6f", v), "0"), ".")
}

func checkBody(c *source.Corpus, s *content.Site, p *content.Page) diag.List {
	var ps diag.List
	for _, m := range markdown.Lint(p.Doc, p.Body) {
		ps.Add(diag.Errorf(p.File, p.Line(m.Offset), "%q is not a valid citation or link: write [@000:42], [@000:42-44], [@000:42; @003:7] or [[slug]]", m.Text))
	}
	cites, links := markdown.Nodes(p.Doc)
	for _, ci := range cites {
		for _, r := range ci.Refs {
			if _, err := c.Resolve(r); err != nil {
				ps.Add(diag.Errorf(p.File, p.Line(ci.Offset), "%v", err))
			}
		}
	}
	for _, l := range links {
		if _, err := s.Resolve(l.Target); err != nil && !errors.Is(err, content.ErrUnloaded) {
			ps.Add(diag.Errorf(p.File, p.Line(l.Offset), "[[%s]]: %v", l.Target, err))
		}
	}
	exempt := p.Type == content.TypePage && p.Slug == "about"
	for _, b := range markdown.Blocks(p.Doc, p.Body) {
		line := p.Line(b.Offset)
		if len(b.Citations) == 0 {
			if !exempt {
				ps.Add(diag.Errorf(p.File, line, "paragraph cites no source: add [@SEED:LINE] for %q", text.Shorten(text.OneLine(b.Text), 60)))
			}
			continue
		}
		var cited []string
		for _, ci := range b.Citations {
			for _, r := range ci.Refs {
				lines, err := c.Resolve(r)
				if err != nil {
					continue // reported above
				}
				for _, l := range lines {
					cited = append(cited, l.Text)
				}
			}
		}
		if len(cited) == 0 {
			continue
		}
		haystack := normalizeQuote(strings.Join(cited, " "))
		for _, q := range b.Quotes() {
			if !verbatim(haystack, q) {
				ps.Add(diag.Errorf(p.File, line, "quotation %q is not verbatim in the cited lines %s; quote them exactly (… marks a cut) or cite the lines that say it", text.Shorten(text.OneLine(q), 80), refList(b.Citations)))
			}
		}
	}
	return ps
}

func refList(cs []*markdown.Citation) string {
	var rs []string
	for _, c := range cs {
		for _, r := range c.Refs {
			rs = append(rs, r.String())
		}
	}
	return strings.Join(rs, ", ")
}

var elision = regexp.MustCompile(`\s*(?:\[\s*(?:…|\.\.\.)\s*\]|…|\.\.\.)\s*`)

// verbatim reports whether the quotation appears in the normalised cited text;
// each part of a quotation with elisions must appear, in order.
func verbatim(haystack, quote string) bool {
	at := 0
	for _, part := range elision.Split(normalizeQuote(quote), -1) {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		i := strings.Index(haystack[at:], part)
		if i < 0 {
			return false
		}
		at += i + len(part)
	}
	return true
}

var quoteMarks = strings.NewReplacer("“", `"`, "”", `"`, "„", `"`, "‟", `"`, "″", `"`, "‘", "'", "’", "'", "‚", "'", "‛", "'", "′", "'", "\u00a0", " ")

// normalizeQuote folds curly quote marks to straight ones and runs of white space to one space.
func normalizeQuote(s string) string { return strings.Join(strings.Fields(quoteMarks.Replace(s)), " ") }
