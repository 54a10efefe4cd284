package extract

import (
	"github.com/dossier-project/dossier/internal/source"
)

// Mentions finds, for each key, every content or duplicate line of the
// corpus where one of its names occurs as whole words, in line order. One
// pass of the matcher over each line finds all names at once; boilerplate
// lines (navigation, captions) are skipped.
func (m *Matcher) Mentions(c *source.Corpus) map[string][]source.Ref {
	out := map[string][]source.Ref{}
	for _, s := range c.Seeds {
		for _, l := range s.Lines {
			if l.Boilerplate != "" {
				continue
			}
			seen := map[string]bool{}
			for _, hit := range m.Find(l.Text) {
				if !seen[hit.Key] {
					seen[hit.Key] = true
					out[hit.Key] = append(out[hit.Key], source.Ref{Seed: s.ID, First: l.N, Last: l.N})
				}
			}
		}
	}
	return out
}
