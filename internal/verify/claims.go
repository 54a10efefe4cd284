package verify

import (
	"fmt"
	"strings"

	"github.com/dossier-project/dossier/internal/content"
	"github.com/dossier-project/dossier/internal/diag"
	"github.com/dossier-project/dossier/internal/markdown"
	"github.com/dossier-project/dossier/internal/source"
	"github.com/dossier-project/dossier/internal/text"
	"github.com/dossier-project/dossier/internal/units"
)

// checkMeasures applies rule 6 to every measure and its figures.
func checkMeasures(s *content.Site) diag.List {
	var ps diag.List
	// A figure that could not be loaded is reported by itself; the figures
	// of its measure cannot be counted until it loads.
	counted := !s.UnloadedIn(content.TypeFigure)
	for _, m := range s.Measures {
		fs := m.Figures
		at := func(f *content.Figure, key, format string, args ...any) {
			ps.Add(diag.Errorf(f.File, f.KeyLine(key), "%s", fmt.Sprintf(format, args...)))
		}
		if len(fs) == 0 {
			if counted {
				ps.Add(diag.Warnf(m.File, 1, "measure has no figures: no page in content/figures names it (measure: %s)", m.Slug))
			}
			continue
		}
		for _, f := range fs {
			if f.Scope != "" && m.Scope != "" && f.Scope != m.Scope {
				at(f, "scope", "front matter: scope %q differs from its measure's %q (%s); a figure counting another place or population belongs to another measure", f.Scope, m.Scope, m.File)
			}
		}
		switch m.Relation {
		case "dispute":
			if len(fs) < 2 && counted {
				ps.Add(diag.Errorf(m.File, m.KeyLine("relation"), "a dispute needs rival claims: %s has %s; make it single, or add the rival figure", m.Slug, text.Count(len(fs), "figure")))
			}
			by := map[string]*content.Figure{}
			for _, f := range fs {
				if o := by[f.ClaimedBy]; o != nil && f.ClaimedBy != "" {
					at(f, "claimed_by", "front matter: claimed_by: %s claims %s too; a dispute sets different claimants side by side (a later figure from the same claimant is a revision)", f.ClaimedBy, o.File)
				}
				by[f.ClaimedBy] = f
				if !f.Period.IsZero() && !m.Period.IsZero() && !f.Period.Equal(m.Period) {
					at(f, "period", "front matter: period %s differs from its measure's %s; rival claims count the same period (a figure of another period belongs to a series or another measure)", f.Period, m.Period)
				}
				if !m.AsOf.IsZero() && !f.AsOf.IsZero() && f.AsOf.Compare(m.AsOf) != 0 {
					at(f, "as_of", "front matter: as_of %s differs from its measure's %s; rival claims count the same stock on the same day", f.AsOf, m.AsOf)
				}
			}
		case "series":
			seen := map[string]*content.Figure{}
			for _, f := range fs {
				when := f.Period.String()
				if when == "" {
					when = f.AsOf.String()
				}
				if when == "" {
					at(f, "period", "front matter: a figure of a series gives its own period (or as_of): which year, month or span it counts")
					continue
				}
				if o := seen[when]; o != nil {
					at(f, "period", "front matter: %s counts the same period (%s) as %s; a series has one figure per period (rival claims of one period are a dispute)", f.Slug, when, o.File)
				}
				seen[when] = f
			}
		case "breakdown":
			sum := 0.0
			for _, f := range fs {
				if strings.TrimSpace(f.Part) == "" {
					at(f, "part", "front matter: part is required in a breakdown: which part of the whole this figure counts")
				}
				sum += f.Number
			}
			if m.Total != "" {
				ps.Add(checkTotal(s, m, sum)...)
			}
		case "revision":
			if len(fs) < 2 && counted {
				ps.Add(diag.Errorf(m.File, m.KeyLine("relation"), "a revision needs a first report and a later figure: %s has %s; make it single", m.Slug, text.Count(len(fs), "figure")))
			}
			seen := map[string]*content.Figure{}
			side := ""
			for _, f := range fs {
				if f.AsOf.IsZero() {
					at(f, "as_of", "front matter: a figure of a revision gives as_of, the day it was reported, so the revisions can be ordered")
				} else if o := seen[f.AsOf.String()]; o != nil {
					at(f, "as_of", "front matter: %s was reported on the same day (%s) as %s; a revision orders figures by the day they were reported", f.Slug, f.AsOf, o.File)
				}
				seen[f.AsOf.String()] = f
				if a := actor(s, f.ClaimedBy); a != nil {
					if side == "" {
						side = a.Side
					} else if a.Side != side {
						at(f, "claimed_by", "front matter: claimed_by: %s is on side %q, the measure's other figures on %q; a revision is one side's figures over time (rival sides are a dispute)", f.ClaimedBy, a.Side, side)
					}
				}
			}
		case "single":
			if len(fs) > 1 {
				ps.Add(diag.Errorf(m.File, m.KeyLine("relation"), "a single measure has one figure, %s has %d; say how they relate: dispute, series, breakdown or revision", m.Slug, len(fs)))
			}
		}
	}
	return ps
}

// checkTotal checks a breakdown's parts against the figure that is the whole.
func checkTotal(s *content.Site, m *content.Measure, sum float64) diag.List {
	p := s.Page(m.Total)
	var total *content.Figure
	for _, f := range s.Figures {
		if &f.Page == p {
			total = f
		}
	}
	if total == nil {
		return diag.List{diag.Errorf(m.File, m.KeyLine("total"), "front matter: total: no figure has the slug %q", m.Total)}
	}
	tm := s.Measure(total.Measure)
	whole := total.Number
	if tm != nil && tm.Unit.Symbol != "" && m.Unit.Symbol != "" {
		v, err := units.Convert(total.Number, tm.Unit, m.Unit)
		if err != nil {
			return diag.List{diag.Errorf(m.File, m.KeyLine("total"), "front matter: total: %v", err)}
		}
		whole = v
	}
	if sum > whole*(1+1e-9) {
		return diag.List{diag.Errorf(m.File, m.KeyLine("total"), "the parts add up to %s, more than the total %s (%s); a breakdown's parts are parts of that whole", formatValue(sum), formatValue(whole), total.File)}
	}
	return nil
}

func actor(s *content.Site, slug string) *content.Actor {
	for _, a := range s.Actors {
		if a.Slug == slug {
			return a
		}
	}
	return nil
}

// checkDisputes checks dispute pages: a number dispute presents a dispute
// measure, every dispute measure has its page, and every claim's claimant
// and citations resolve, its summary's quotations are quotations.
func checkDisputes(c *source.Corpus, s *content.Site) diag.List {
	var ps diag.List
	presented := map[string][]*content.Dispute{}
	for _, d := range s.Disputes {
		if d.Measure != "" {
			m := s.Measure(d.Measure)
			switch {
			case m == nil && s.Unloaded(d.Measure) == "":
				ps.Add(diag.Errorf(d.File, d.KeyLine("measure"), "front matter: measure: no measure has the slug %q", d.Measure))
			case m != nil && m.Relation != "dispute":
				ps.Add(diag.Errorf(d.File, d.KeyLine("measure"), "front matter: measure: %s is a %s, not a dispute; only rival claims of one quantity are disputed", d.Measure, m.Relation))
			}
			presented[d.Measure] = append(presented[d.Measure], d)
		}
		claimants := map[string]bool{}
		for _, cl := range d.Claims {
			ps.Add(refs(s, &d.Page, "claims: claimed_by", []string{cl.ClaimedBy}, content.TypeActor)...)
			if claimants[cl.ClaimedBy] {
				ps.Add(diag.Errorf(d.File, d.KeyLine("claims"), "front matter: claims: %s has two claims; give each side's claim once", cl.ClaimedBy))
			}
			claimants[cl.ClaimedBy] = true
			var cited []string
			for _, r := range cl.Citations {
				lines, err := c.Resolve(r)
				if err != nil {
					ps.Add(diag.Errorf(d.File, d.KeyLine("claims"), "front matter: claims: %v", err))
					continue
				}
				for _, l := range lines {
					cited = append(cited, l.Text)
				}
			}
			if len(cited) == 0 {
				continue
			}
			var cs []string
			for _, r := range cl.Citations {
				cs = append(cs, r.String())
			}
			for _, q := range (markdown.Block{Text: cl.Summary}).Quotes() {
				ps.Add(checkQuote(d.File, d.KeyLine("claims"), q, cited, strings.Join(cs, ", "))...)
			}
		}
	}
	for _, m := range s.Measures {
		if m.Relation != "dispute" {
			continue
		}
		switch ds := presented[m.Slug]; len(ds) {
		case 0:
			ps.Add(diag.Errorf(m.File, m.KeyLine("relation"), "measure %s is a dispute but no dispute page presents it; add content/disputes/%s.md with kind: number and measure: %s", m.Slug, m.Slug, m.Slug))
		case 1:
		default:
			ps.Add(diag.Errorf(m.File, m.KeyLine("relation"), "measure %s is presented by %d dispute pages (%s and %s); keep one", m.Slug, len(ds), ds[0].File, ds[1].File))
		}
	}
	return ps
}
