package extract

import (
	"github.com/dossier-project/dossier/internal/source"
)

// Mentions finds, for each key, every content, duplicate or caption line of
// the corpus where one of its names occurs as whole words, in line order.
// One pass of the matcher over each line finds all names at once. Other
// boilerplate (navigation, bylines) is skipped; captions are kept because
// they are the article's own words about its pictures, and pages cite them.
func (m *Matcher) Mentions(c *source.Corpus) map[string][]source.Ref {
	out := map[string][]source.Ref{}
	for _, s := range c.Seeds {
		for _, l := range s.Lines {
			if !l.MayMention() {
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
