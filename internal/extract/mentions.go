package extract

import (
	"regexp"
	"sort"
	"strings"

	"github.com/dossier-project/dossier/internal/source"
)

// Name is a name to look for and the key (an actor slug) it belongs to.
type Name struct {
	Text, Key string
}

// Mentions finds, for each key, every line of the corpus where one of its
// names occurs as whole words. It compiles all names into one alternation,
// longest first, so a single left-to-right pass over each line finds them
// all and a name inside a longer one ("Asif" in "Khawaja Asif") counts only
// for the longer name. RE2 keeps the scan linear in the corpus size.
func Mentions(c *source.Corpus, names []Name) map[string][]source.Ref {
	owner := map[string]string{}
	var alts []string
	for _, n := range names {
		t := strings.TrimSpace(n.Text)
		if len([]rune(t)) < 2 {
			continue
		}
		if _, dup := owner[t]; dup {
			continue
		}
		owner[t] = n.Key
		alts = append(alts, t)
	}
	out := map[string][]source.Ref{}
	if len(alts) == 0 {
		return out
	}
	sort.Slice(alts, func(i, j int) bool {
		if len(alts[i]) != len(alts[j]) {
			return len(alts[i]) > len(alts[j])
		}
		return alts[i] < alts[j]
	})
	quoted := make([]string, len(alts))
	for i, a := range alts {
		quoted[i] = regexp.QuoteMeta(a)
	}
	re := regexp.MustCompile(`(?:^|[^\p{L}\p{N}])(` + strings.Join(quoted, "|") + `)(?:$|[^\p{L}\p{N}])`)
	for _, s := range c.Seeds {
		for _, l := range s.Lines {
			if l.Boilerplate != "" {
				continue
			}
			seen := map[string]bool{}
			for _, m := range findAllOverlapping(re, l.Text) {
				key := owner[m]
				if !seen[key] {
					seen[key] = true
					out[key] = append(out[key], source.Ref{Seed: s.ID, First: l.N, Last: l.N})
				}
			}
		}
	}
	return out
}

// findAllOverlapping returns the names matched in text. The boundary
// characters around a name are part of each match, so the search restarts
// one character before a match's end to let adjacent names share a separator.
func findAllOverlapping(re *regexp.Regexp, text string) []string {
	var out []string
	for at := 0; at < len(text); {
		m := re.FindStringSubmatchIndex(text[at:])
		if m == nil {
			break
		}
		out = append(out, text[at+m[2]:at+m[3]])
		next := at + m[3]
		if next <= at {
			next = at + 1
		}
		at = next
	}
	return out
}
