package verify

import (
	"github.com/dossier-project/dossier/internal/content"
	"github.com/dossier-project/dossier/internal/source"
)

// Coverage says how much of the sources' content the published pages cite.
type Coverage struct {
	Content int          // content lines in all seeds (not blank, boilerplate or repeated)
	Cited   int          // content lines some published page cites
	Uncited []source.Ref // content lines no published page cites, in seed and line order
}

// Cited returns, per seed, the set of lines published pages cite, including
// figure source lines.
func Cited(s *content.Site) map[string]map[int]bool {
	cited := map[string]map[int]bool{}
	mark := func(r source.Ref) {
		if cited[r.Seed] == nil {
			cited[r.Seed] = map[int]bool{}
		}
		for n := r.First; n <= r.Last; n++ {
			cited[r.Seed][n] = true
		}
	}
	for _, p := range s.Pages() {
		if p.Draft {
			continue
		}
		cites, _ := p.Nodes()
		for _, c := range cites {
			for _, r := range c.Refs {
				mark(r)
			}
		}
	}
	for _, f := range s.Figures {
		if !f.Draft && f.Source.Seed != "" {
			mark(f.Source)
		}
	}
	for _, d := range s.Disputes {
		for _, c := range d.Claims {
			for _, r := range c.Citations {
				if !d.Draft {
					mark(r)
				}
			}
		}
	}
	return cited
}

// Measure computes the coverage report.
func Measure(c *source.Corpus, s *content.Site) Coverage { return measure(c, s, true) }

// Count is Measure without the list of uncited lines, as a build reports it.
func Count(c *source.Corpus, s *content.Site) Coverage { return measure(c, s, false) }

func measure(c *source.Corpus, s *content.Site, list bool) Coverage {
	cited := Cited(s)
	var cov Coverage
	for _, seed := range c.Seeds {
		lines := cited[seed.ID] // looked up once: most seeds have none
		for _, l := range seed.Lines {
			if !l.IsContent() {
				continue
			}
			cov.Content++
			if lines[l.N] {
				cov.Cited++
			} else if list {
				cov.Uncited = append(cov.Uncited, source.Ref{Seed: seed.ID, First: l.N, Last: l.N})
			}
		}
	}
	return cov
}

// Percent is the share of content lines cited, 0 when there are none.
func (c Coverage) Percent() float64 {
	if c.Content == 0 {
		return 0
	}
	return 100 * float64(c.Cited) / float64(c.Content)
}
