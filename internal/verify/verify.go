// Package verify checks curated content against the sources.
//
// The rules, each reported as file:line: message:
//
//  1. Every citation names an existing seed and line range.
//  2. Every quotation in a cited paragraph is a quotation: its words (text in
//     double quotes) stand verbatim inside quotation marks in the lines the
//     paragraph cites. Quote marks and white space are normalised, and "…"
//     or "..." inside a quotation may elide text. A quotation of the cited
//     article's own words — its narration or a headline — is written in
//     braces, {"…"}, and must appear verbatim in the cited lines.
//  3. Every figure's value appears in its source line (2,414 = 2414;
//     "1.5 million" = 1500000; "nine" = 9).
//  4. Every slug in front matter and every [[link]] resolves to a page of
//     the right type.
//  5. Every paragraph and list item cites a source (about.md is exempt: it
//     describes the method, not the story).
//  6. Measures hold together (see claims.go): figures share their measure's
//     dimension; a dispute's figures share its period and scope and come from
//     different claimants; a series' figures have distinct periods; a
//     breakdown's parts do not exceed its total; a revision's figures come
//     from one side; a single measure has one figure. Every dispute measure
//     is presented by one dispute page, whose claims cite their lines.
//
// Coverage is a report, not a rule: which content lines of the seeds no page cites.
package verify

import (
	"errors"
	"fmt"
	"strings"

	"github.com/dossier-project/dossier/internal/content"
	"github.com/dossier-project/dossier/internal/diag"
	"github.com/dossier-project/dossier/internal/extract"
	"github.com/dossier-project/dossier/internal/markdown"
	"github.com/dossier-project/dossier/internal/parallel"
	"github.com/dossier-project/dossier/internal/source"
	"github.com/dossier-project/dossier/internal/text"
)

// Check applies every rule to every page, drafts included, and returns all
// problems found rather than stopping at the first.
func Check(c *source.Corpus, s *content.Site) diag.List {
	ps := checkBodies(c, s, s.Pages())
	if s.Index != nil {
		ps.Add(checkFacts(c, s, s.Index)...)
	}
	for _, a := range s.Actors {
		if a.Role == "" {
			ps.Add(diag.Warnf(a.File, 1, "front matter: role is empty"))
		}
		ps.Add(refs(s, &a.Page, "places", a.Places, content.TypePlace)...)
	}
	for _, e := range s.Events {
		ps.Add(refs(s, &e.Page, "actors", e.Actors, content.TypeActor)...)
		ps.Add(refs(s, &e.Page, "topics", e.Topics, content.TypeTopic)...)
		ps.Add(refs(s, &e.Page, "places", e.Places, content.TypePlace)...)
	}
	for _, t := range s.Topics {
		ps.Add(refs(s, &t.Page, "actors", t.Actors, content.TypeActor)...)
	}
	for _, f := range s.Figures {
		ps.Add(checkFigure(c, s, f)...)
	}
	ps.Add(checkMeasures(s)...)
	ps.Add(checkDisputes(c, s)...)
	ps.Sort()
	return ps
}

// refs checks that front-matter slugs name pages of the right type.
func refs(s *content.Site, p *content.Page, key string, slugs []string, want content.Type) diag.List {
	var ps diag.List
	for _, slug := range slugs {
		q := s.Page(slug)
		switch {
		case q == nil && s.Unloaded(slug) != "":
			// The page exists but has its own problem, reported there.
		case q == nil:
			ps.Add(diag.Errorf(p.File, 1, "front matter: %s: no page has the slug %q", key, slug))
		case q.Type != want:
			ps.Add(diag.Errorf(p.File, 1, "front matter: %s: %q is in %s/, not %s/", key, slug, q.Type, want))
		}
	}
	return ps
}

func checkFigure(c *source.Corpus, s *content.Site, f *content.Figure) diag.List {
	var ps diag.List
	if f.ClaimedBy != "" {
		ps.Add(refs(s, &f.Page, "claimed_by", []string{f.ClaimedBy}, content.TypeActor)...)
	}
	if f.Measure != "" && s.Measure(f.Measure) == nil && s.Unloaded(f.Measure) == "" {
		ps.Add(diag.Errorf(f.File, f.KeyLine("measure"), "front matter: measure: no measure has the slug %q; declare it in content/measures/%s.md", f.Measure, f.Measure))
	}
	if f.Source.Seed == "" {
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

// checkBodies checks the pages' bodies on every core: each check only
// reads the page, the corpus and the site.
func checkBodies(c *source.Corpus, s *content.Site, pages []*content.Page) diag.List {
	found := make([]diag.List, len(pages))
	parallel.Each(len(pages), func(i int) { found[i] = checkBody(c, s, pages[i]) })
	var ps diag.List
	for _, f := range found {
		ps.Add(f...)
	}
	return ps
}

func checkBody(c *source.Corpus, s *content.Site, p *content.Page) diag.List {
	var ps diag.List
	for _, m := range markdown.Lint(p.AST, p.Body) {
		ps.Add(diag.Errorf(p.File, p.Line(m.Offset), "%q is not a valid citation or link: write [@000:42], [@000:42-44], [@000:42; @003:7] or [[slug]]", m.Text))
	}
	cites, links := p.Nodes()
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
	for _, b := range markdown.Blocks(p.AST, p.Body) {
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
		refs := refList(b.Citations)
		for _, q := range b.Quotes() {
			ps.Add(checkQuote(p.File, line, q, cited, refs)...)
		}
		for _, n := range b.Narrations {
			if !Verbatim(cited, n.Quote) {
				ps.Add(diag.Errorf(p.File, p.Line(n.Offset), "quotation {%q} is not verbatim in the cited lines %s; quote them exactly (… marks a cut) or cite the lines that say it", text.Shorten(text.OneLine(n.Quote), 80), refs))
			}
		}
	}
	return ps
}

// checkQuote applies rule 2 to one quotation of a paragraph.
func checkQuote(file string, line int, q string, cited []string, refs string) diag.List {
	short := text.Shorten(text.OneLine(q), 80)
	switch {
	case Quoted(cited, q):
		return nil
	case Verbatim(cited, q):
		return diag.List{diag.Errorf(file, line, "quotation %q is in the cited lines %s but not inside quotation marks there: it is not what someone said; paraphrase it without quotation marks, or write {\"…\"} to quote the article's own words", short, refs)}
	}
	return diag.List{diag.Errorf(file, line, "quotation %q is not verbatim in the cited lines %s; quote them exactly (… marks a cut) or cite the lines that say it", short, refs)}
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

// checkFacts applies the paragraph rules to the briefing's key facts, each
// a sentence that must cite its lines.
func checkFacts(c *source.Corpus, s *content.Site, d *content.Doc) diag.List {
	var ps diag.List
	line := d.KeyLine("facts")
	for _, f := range d.Facts {
		fp := &content.Page{File: d.File, Body: []byte(f.Text), BodyLine: line, AST: f.AST, Type: content.TypePage, Slug: "index"}
		for _, p := range checkBody(c, s, fp) {
			p.Line = line
			p.Message = "front matter: facts: " + f.Label + ": " + p.Message
			ps.Add(p)
		}
	}
	return ps
}
