package render

import (
	"fmt"
	"html/template"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/dossier-project/dossier/internal/content"
	"github.com/dossier-project/dossier/internal/date"
	"github.com/dossier-project/dossier/internal/source"
	"github.com/dossier-project/dossier/internal/text"
)

// SideLabels names the sides for headings, in the order the actors index shows them.
var SideLabels = []struct{ Side, Label string }{
	{"pakistan", "Pakistan"}, {"afghan-taliban", "Afghan Taliban"}, {"militants", "Militant groups"},
	{"mediators", "Mediators"}, {"regional", "Regional powers"}, {"international", "International"},
	{"analysts", "Analysts and commentators"}, {"other", "Others"},
}

func sideLabel(side string) string {
	for _, s := range SideLabels {
		if s.Side == side {
			return s.Label
		}
	}
	return side
}

// contentPage adds one curated page with its reference list. Its body and
// data are made when the page's job runs.
func (r *renderer) contentPage(tmpl string, p *content.Page, section, description string, data func(pg *page) any) error {
	if p.Draft {
		return nil
	}
	r.addPage(tmpl, URL(p), func() (*page, error) {
		pg := &page{Path: URL(p), Title: p.Title(), Section: section, Description: description}
		refs := newRefTable()
		body, err := r.resolveBody(p.AST, p.Body, pg.Path, refs, func(q *content.Page) string { return relative(pg.Path, URL(q)) })
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p.File, err)
		}
		r.plan.citations.Add(int64(body.cites))
		body.into = &pg.Body
		pg.lazy = append(pg.lazy, body)
		if data != nil {
			pg.Data = data(pg)
		}
		pg.Refs = refs.entries()
		return pg, nil
	})
	return nil
}

type actorData struct {
	Actor     *content.Actor
	SideLabel string
	Events    []link
	Figures   []link
	Backlinks []link
	Mentions  []seedLines
	Related   []networkLink
}

// seedLines groups line links by seed, for compact "mentioned in" lists.
type seedLines struct {
	Seed  string
	Href  string
	Lines []lineLink
}

type lineLink struct {
	N     int
	Href  string
	Title string
}

type eventData struct {
	Event     *content.Event
	When      string
	Actors    []link
	Topics    []link
	Backlinks []link
}

type figureData struct {
	Figure    *content.Figure
	Value     string
	ClaimedBy link
	Source    reference
	Measure   []figureRow
	Chart     template.HTML
	Backlinks []link
}

type topicData struct {
	Topic     *content.Topic
	Actors    []link
	Events    []link
	Backlinks []link
}

func (r *renderer) renderContentPages() error {
	site := r.in.Site
	if site.Index != nil {
		if err := r.contentPage("home", &site.Index.Page, "home", site.Index.Description, func(pg *page) any { return r.homeData(pg) }); err != nil {
			return err
		}
	}
	if site.About != nil {
		if err := r.contentPage("page", &site.About.Page, "about", site.About.Description, nil); err != nil {
			return err
		}
	}
	for _, a := range site.Actors {
		err := r.contentPage("actor", &a.Page, "actors", a.Role, func(pg *page) any {
			d := actorData{Actor: a, SideLabel: sideLabel(a.Side), Backlinks: pageLinks(pg.Path, r.live(r.backlinks[a.Slug]))}
			for _, e := range site.Events {
				if !e.Draft && slices.Contains(e.Actors, a.Slug) {
					d.Events = append(d.Events, link{Title: e.Date.Human() + ": " + e.Title, Href: pg.Rel(URL(&e.Page))})
				}
			}
			for _, f := range site.Figures {
				if !f.Draft && f.ClaimedBy == a.Slug {
					d.Figures = append(d.Figures, link{Title: f.Title, Href: pg.Rel(URL(&f.Page))})
				}
			}
			d.Mentions = r.lineLinks(pg, r.in.Mentions[a.Slug])
			for _, x := range relatedTo(r.related)[a.Slug] {
				if len(d.Related) == 8 {
					break
				}
				if o := site.Page(x.Slug); o != nil {
					d.Related = append(d.Related, networkLink{link{Title: o.Title(), Href: pg.Rel(URL(o))}, x.Count})
				}
			}
			return d
		})
		if err != nil {
			return err
		}
	}
	for _, e := range site.Events {
		err := r.contentPage("event", &e.Page, "timeline", e.Title, func(pg *page) any {
			return eventData{Event: e, When: when(e), Actors: r.slugLinks(pg, e.Actors), Topics: r.slugLinks(pg, e.Topics),
				Backlinks: pageLinks(pg.Path, r.live(r.backlinks[e.Slug]))}
		})
		if err != nil {
			return err
		}
	}
	for _, f := range site.Figures {
		err := r.contentPage("figure", &f.Page, "figures", f.Title, func(pg *page) any {
			refs := newRefTable()
			src := refs.add(r.in.Corpus, f.Source, pg.Path)
			d := figureData{Figure: f, Value: FormatValue(f), Backlinks: pageLinks(pg.Path, r.live(r.backlinks[f.Slug]))}
			if src != nil {
				d.Source = *src
			}
			if c := r.in.Site.Page(f.ClaimedBy); c != nil {
				d.ClaimedBy = link{Title: c.Title(), Href: pg.Rel(URL(c))}
			}
			d.Measure = r.measureRows(pg, f.Measure)
			d.Chart = measureChart(f.Measure, d.Measure)
			return d
		})
		if err != nil {
			return err
		}
	}
	for _, t := range site.Topics {
		err := r.contentPage("topic", &t.Page, "topics", t.Summary, func(pg *page) any {
			d := topicData{Topic: t, Actors: r.slugLinks(pg, t.Actors), Backlinks: pageLinks(pg.Path, r.live(r.backlinks[t.Slug]))}
			for _, e := range site.Events {
				if !e.Draft && slices.Contains(e.Topics, t.Slug) {
					d.Events = append(d.Events, link{Title: e.Date.Human() + ": " + e.Title, Href: pg.Rel(URL(&e.Page))})
				}
			}
			return d
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// live drops drafts from a list of pages.
func (r *renderer) live(ps []*content.Page) []*content.Page {
	var out []*content.Page
	for _, p := range ps {
		if r.published[p.Slug] {
			out = append(out, p)
		}
	}
	return out
}

func (r *renderer) slugLinks(pg *page, slugs []string) []link {
	var out []link
	for _, s := range slugs {
		if p := r.in.Site.Page(s); p != nil && r.published[s] {
			out = append(out, link{Title: p.Title(), Href: pg.Rel(URL(p)), Kind: kindLabel(p.Type)})
		}
	}
	return out
}

func (r *renderer) lineLinks(pg *page, refs []source.Ref) []seedLines {
	var out []seedLines
	for _, ref := range refs {
		if len(out) == 0 || out[len(out)-1].Seed != ref.Seed {
			out = append(out, seedLines{Seed: ref.Seed, Href: pg.Rel(SourceURL(ref.Seed))})
		}
		g := &out[len(out)-1]
		title := ""
		if l, ok := r.in.Corpus.Seed(ref.Seed).Line(ref.First); ok {
			title = text.Shorten(l.Text, 140)
		}
		g.Lines = append(g.Lines, lineLink{N: ref.First, Href: fmt.Sprintf("%s#L%d", g.Href, ref.First), Title: title})
	}
	return out
}

// when describes an event's date with its precision.
func when(e *content.Event) string {
	if e.Precision == "approximate" {
		return "around " + e.Date.Human()
	}
	return e.Date.Human()
}

// FormatValue writes a figure's value for readers: qualifier, thousands
// separators, and large round numbers in words.
func FormatValue(f *content.Figure) string {
	v := formatNumber(f.Value)
	if f.Qualifier != "" {
		v = f.Qualifier + " " + v
	}
	return v
}

func formatNumber(v float64) string {
	for _, s := range []struct {
		n    float64
		word string
	}{{1e9, "billion"}, {1e6, "million"}} {
		if v >= s.n && v == float64(int64(v/s.n*10))*s.n/10 {
			return strconv.FormatFloat(v/s.n, 'f', -1, 64) + " " + s.word
		}
	}
	if v != float64(int64(v)) {
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	s := strconv.FormatInt(int64(v), 10)
	if len(s) <= 3 {
		return s
	}
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// figureRow is one claim in a measure's side-by-side comparison.
type figureRow struct {
	Title     string
	Href      string
	Value     float64
	Display   string
	ClaimedBy string
	AsOf      string
	When      date.Date // as_of, for ordering a series
	Claimant  string    // the claimant's slug
	Unit      string
}

func (r *renderer) measureRows(pg *page, measure string) []figureRow {
	var rows []figureRow
	for _, f := range r.in.Site.Figures {
		if f.Draft || f.Measure != measure {
			continue
		}
		claimant := f.ClaimedBy
		if c := r.in.Site.Page(f.ClaimedBy); c != nil {
			claimant = c.Title()
		}
		rows = append(rows, figureRow{Title: f.Title, Href: pg.Rel(URL(&f.Page)), Value: f.Value,
			Display: FormatValue(f), ClaimedBy: claimant, AsOf: f.AsOf.Human(), When: f.AsOf, Claimant: f.ClaimedBy, Unit: f.UnitName})
	}
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].Value > rows[j].Value })
	return rows
}

// homeData gives the briefing page its at-a-glance lists.
type homeData struct {
	Latest  []link
	Counts  map[string]int
	Updated string
	New     whatsNew
}

func (r *renderer) homeData(pg *page) homeData {
	site := r.in.Site
	d := homeData{Counts: map[string]int{}, New: r.whatsNew(pg)}
	for _, p := range site.Pages() {
		if !p.Draft {
			d.Counts[string(p.Type)]++
		}
	}
	d.Counts["sources"] = len(r.in.Corpus.Seeds)
	var latest date.Date
	for _, s := range r.in.Corpus.Seeds {
		for _, a := range s.Articles {
			if a.Published.Compare(latest) > 0 {
				latest = a.Published
			}
		}
	}
	d.Updated = latest.Human()
	var evs []*content.Event
	for _, e := range site.Events {
		if !e.Draft {
			evs = append(evs, e)
		}
	}
	for i := len(evs) - 1; i >= 0 && len(d.Latest) < 6; i-- {
		d.Latest = append(d.Latest, link{Title: evs[i].Date.Human() + ": " + evs[i].Title, Href: pg.Rel(URL(&evs[i].Page))})
	}
	return d
}
