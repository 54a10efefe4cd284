package inbox

import (
	"fmt"
	"path"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/dossier-project/dossier/internal/content"
	"github.com/dossier-project/dossier/internal/source"
	"github.com/dossier-project/dossier/internal/text"
	"github.com/dossier-project/dossier/internal/units"
)

// Draft is a page to write into content/ for a curator to finish.
type Draft struct {
	Path string // relative to the project root: content/actors/jam-kamal-khan.md
	Data []byte
	Item Item
}

// Skipped is an inbox item no draft was written for, and why.
type Skipped struct {
	Item   Item
	Reason string
}

// Drafts writes, in memory, a draft page for each undrafted item of the
// given sources: an actor stub for a new name (titles alone are skipped), a
// timeline entry for a resolved date, a figure for a number whose claimant
// is a known actor. Each is `draft: true` and cites its source line, so it
// passes `dossier check` and is not published. Slugs never collide with an
// existing page or another draft.
func Drafts(ib *Inbox, c *source.Corpus, site *content.Site, seeds []string) ([]Draft, []Skipped) {
	taken := map[string]bool{}
	for _, p := range site.Pages() {
		taken[p.Slug] = true
	}
	cov := Index(site)
	want := map[string]bool{}
	for _, s := range seeds {
		want[s] = true
	}
	var drafts []Draft
	var skipped []Skipped
	newActors := map[string]string{} // name → slug of an actor drafted in this run
	for _, src := range ib.Sources {
		if !want[src.Seed.ID] {
			continue
		}
		for _, it := range src.Items() {
			if it.Drafted != "" {
				continue
			}
			var d *Draft
			var why string
			switch it.Kind {
			case KindName:
				d, why = actorDraft(it, draftSide(site), taken)
				if d != nil {
					newActors[it.Value] = strings.TrimSuffix(path.Base(d.Path), ".md")
				}
			case KindPlace:
				d, why = nil, "a place: its page needs coordinates from a gazetteer; write content/places/"+text.Slug(it.Value, 6)+".md by hand"
			case KindDate:
				d, why = eventDraft(it, src.Seed, cov, taken)
			case KindFigure:
				var m *Draft
				d, m, why = figureDraft(it, src.Seed, cov, newActors, taken)
				if m != nil {
					drafts = append(drafts, *m)
				}
			default:
				continue
			}
			if d == nil {
				skipped = append(skipped, Skipped{it, why})
				continue
			}
			drafts = append(drafts, *d)
		}
	}
	return drafts, skipped
}

// plain is a front-matter value written as it is: a date, a number, a list of slugs.
type plain string

// frontMatter encodes fields in order as YAML between "---" lines, with a
// comment saying what to do.
func frontMatter(note string, fields ...any) []byte {
	var b strings.Builder
	b.WriteString("---\n# " + note + "\n")
	for i := 0; i+1 < len(fields); i += 2 {
		key := fields[i].(string)
		switch v := fields[i+1].(type) {
		case plain:
			b.WriteString(key + ": " + string(v) + "\n")
		case []string:
			b.WriteString(key + ": [" + strings.Join(v, ", ") + "]\n")
		default:
			y, _ := yaml.Marshal(map[string]any{key: v})
			b.Write(y)
		}
	}
	b.WriteString("draft: true\n---\n")
	return []byte(b.String())
}

// draftSide is the side a drafted actor starts on, for the curator to
// change: a side named "other" when the dossier has one, else its last.
func draftSide(site *content.Site) string {
	sides := site.Settings.SideSlugs()
	if slices.Contains(sides, "other") || len(sides) == 0 {
		return "other"
	}
	return sides[len(sides)-1]
}

func actorDraft(it Item, side string, taken map[string]bool) (*Draft, string) {
	n := it.Name
	if n.Kind == "title" {
		return nil, "a title without a name"
	}
	slug := freeSlug(text.Slug(n.Name, 6), taken)
	if slug == "" {
		return nil, "no slug can be made from the name"
	}
	kind := "person"
	if n.Kind == "organization" || n.Kind == "acronym" {
		kind = "organization"
	}
	role := n.Title
	if role == "" {
		role = "Named in source " + it.Source
	}
	fm := frontMatter("Drafted by `dossier draft` from source "+it.Source+": check the name, kind, side and role, write the page, then delete `draft: true`.",
		"name", n.Name, "aliases", []string{}, "kind", kind, "side", side, "role", role)
	body := fmt.Sprintf("Named in the source as {\"%s\"} [@%s:%d].\n", n.Text, it.Source, it.Line)
	return &Draft{Path: path.Join(content.Dir, "actors", slug+".md"), Data: append(fm, body...), Item: it}, ""
}

func eventDraft(it Item, s *source.Seed, cov *Coverage, taken map[string]bool) (*Draft, string) {
	d := it.Date
	if !d.Resolved() {
		return nil, "the date cannot be resolved: " + d.Note
	}
	title := headline(d.Sentence)
	slug := freeSlug(d.Date.String()+"-"+text.Slug(title, 6), taken)
	var actors []string
	seen := map[string]bool{}
	for _, m := range cov.published().Find(d.Sentence) {
		if !seen[m.Key] {
			seen[m.Key] = true
			actors = append(actors, m.Key)
		}
	}
	if actors == nil {
		actors = []string{}
	}
	fm := frontMatter("Drafted by `dossier draft` from source "+it.Source+": check the date, write the title and the event in your own words, then delete `draft: true`.",
		"title", title, "date", plain(d.Date.String()), "precision", d.Precision, "actors", actors, "topics", []string{})
	how := ""
	if d.Note != "" {
		how = " (" + d.Note + ")"
	}
	body := fmt.Sprintf("Dated from {\"%s\"} in [@%s:%d]%s.\n", d.Text, it.Source, it.Line, how)
	return &Draft{Path: path.Join(content.Dir, "timeline", slug+".md"), Data: append(fm, body...), Item: it}, ""
}

// figureDraft drafts a figure and, since every figure belongs to a
// measure, a measure of its own (relation single) for the curator to join
// to others or keep.
func figureDraft(it Item, s *source.Seed, cov *Coverage, newActors map[string]string, taken map[string]bool) (*Draft, *Draft, string) {
	f := it.Figure
	// The claimant is the known or newly drafted actor named last in the
	// speaker: "the Commerce Minister Jane Doe" is Doe.
	claimant, end := "", -1
	for _, m := range cov.published().Find(f.Speaker) {
		if m.End > end {
			claimant, end = m.Key, m.End
		}
	}
	for name, slug := range newActors {
		if i := strings.LastIndex(f.Speaker, name); i >= 0 && (i+len(name) > end || i+len(name) == end && slug < claimant) {
			claimant, end = slug, i+len(name)
		}
	}
	if claimant == "" {
		if a := s.Article(it.Line); a != nil && a.Publisher != "" {
			if k, ok := cov.published().Known(a.Publisher); ok {
				claimant = k
			}
		}
	}
	if claimant == "" {
		return nil, nil, "no known actor claims the figure"
	}
	noun := f.Unit
	if noun == "" {
		noun = "count"
	}
	unit := "count"
	if u, err := units.Lookup(f.Unit); err == nil {
		unit = u.Symbol
	}
	title := strings.TrimSpace(f.Text + " " + noun)
	slug := freeSlug(text.Slug(title, 6)+"-"+it.Source, taken)
	measure := freeSlug(slug+"-measure", taken)
	var asOf string
	if a := s.Article(it.Line); a != nil && !a.Published.IsZero() {
		asOf = a.Published.String()
	}
	fields := []any{"title", title, "value", plain(strconv.FormatFloat(f.Value, 'f', -1, 64)), "qualifier", f.Qualifier}
	if asOf != "" {
		fields = append(fields, "as_of", plain(asOf))
	}
	fields = append(fields, "claimed_by", claimant, "source", fmt.Sprintf("%s:%d", it.Source, it.Line), "measure", measure)
	fm := frontMatter("Drafted by `dossier draft` from source "+it.Source+": check the value, claimant and measure, describe the claim, then delete `draft: true`.", fields...)
	who := "The source"
	if f.Speaker != "" {
		who = "According to the source, " + f.Speaker + ","
	}
	body := fmt.Sprintf("%s gives %s %s [@%s:%d].\n", who, f.Text, noun, it.Source, it.Line)
	fig := &Draft{Path: path.Join(content.Dir, "figures", slug+".md"), Data: append(fm, body...), Item: it}
	mfm := frontMatter("Drafted by `dossier draft` for the figure "+slug+": say what is counted (title, unit, period or as_of, scope) and how its figures relate, or move the figure to an existing measure and delete this file; then delete `draft: true`.",
		"title", text.UpperFirst(noun), "unit", unit, "relation", "single")
	mbody := fmt.Sprintf("What the figure of [[%s]] counts, as its line gives it [@%s:%d].\n", slug, it.Source, it.Line)
	m := &Draft{Path: path.Join(content.Dir, "measures", measure+".md"), Data: append(mfm, mbody...), Item: it}
	return fig, m, ""
}

// freeSlug returns slug, or slug-2, slug-3…, whichever no page has, and takes it.
func freeSlug(slug string, taken map[string]bool) string {
	if slug == "" {
		return ""
	}
	s := slug
	for i := 2; taken[s]; i++ {
		s = slug + "-" + strconv.Itoa(i)
	}
	taken[s] = true
	return s
}

// headline shortens a sentence to a draft title of about ten words.
func headline(sentence string) string {
	w := strings.Fields(sentence)
	if len(w) > 10 {
		w = append(w[:10], "…")
	}
	return strings.TrimRight(strings.Join(w, " "), ".,;:")
}
