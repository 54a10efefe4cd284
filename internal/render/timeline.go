package render

import (
	"fmt"
	"html"
	"html/template"
	"strings"
	"time"

	"github.com/dossier-project/dossier/internal/content"
	"github.com/dossier-project/dossier/internal/date"
)

// The timeline opens on the dossier's period (content/dossier.yaml period),
// month by month, with a strip counting its events week by week; events
// after it follow, and the background history before it comes last. Events
// are ordered by their bounds (content.Event.Bounds). An event known only
// within a window that crosses a month is never filed under one month: it
// gets a heading of its own window.

// when describes an event's date for readers.
func when(e *content.Event) string {
	if !e.Earliest.IsZero() {
		return between(e.Earliest, e.Latest)
	}
	if e.Precision == "approximate" {
		return "around " + e.Date.Human()
	}
	return e.Date.Human()
}

// between writes a window of days: "between 12 October and 9 November 2025".
func between(a, b date.Date) string {
	if a.Year == b.Year {
		first := fmt.Sprintf("%d %s", a.Day, time.Month(a.Month))
		if a.Month == b.Month {
			first = fmt.Sprint(a.Day)
		}
		return "between " + first + " and " + b.Human()
	}
	return "between " + a.Human() + " and " + b.Human()
}

type timelineGroup struct {
	ID, Label string
	Events    []eventRow
}

func (g timelineGroup) key(h *hasher) {
	h.str(g.ID)
	h.str(g.Label)
	each(h, g.Events)
}

type eventRow struct {
	ID, Title, When, Href string
}

func (e eventRow) key(h *hasher) { h.strs([]string{e.ID, e.Title, e.When, e.Href}) }

type timelineData struct {
	Period     string
	Crisis     []timelineGroup
	After      []timelineGroup
	Background []timelineGroup
	Strip      template.HTML
}

func (d timelineData) key(h *hasher) {
	h.str(d.Period)
	each(h, d.Crisis)
	each(h, d.After)
	each(h, d.Background)
	h.str(string(d.Strip))
}

// part says where an event belongs relative to the period.
func part(e *content.Event, p date.Period) int {
	first, last := e.Bounds()
	switch {
	case p.IsZero():
		return 0
	case last.Compare(p.First()) < 0:
		return -1
	case first.Compare(p.Last()) > 0:
		return 1
	}
	return 0
}

func (r *renderer) renderTimeline() error {
	site := r.in.Site
	events := live(site.Events)
	period := r.settings.Period
	pg := &page{Path: "timeline/index.html", Title: "Timeline", Section: "timeline",
		Description: "Dated events, the dossier's period first, then what came after and the background."}
	d := timelineData{Period: period.Human()}
	var crisis, after, background []*content.Event
	for _, e := range events {
		switch part(e, period) {
		case -1:
			background = append(background, e)
		case 1:
			after = append(after, e)
		default:
			crisis = append(crisis, e)
		}
	}
	d.Crisis = r.groupByMonth(pg, crisis, "m")
	d.After = r.groupByMonth(pg, after, "a")
	d.Background = r.groupByYear(pg, background)
	d.Strip = weekStrip(crisis, period)
	pg.Data = d
	r.addPage("timeline", pg.Path, func() (*page, error) { return pg, nil })

	for i, e := range events {
		var prev, next *content.Event
		if i > 0 {
			prev = events[i-1]
		}
		if i+1 < len(events) {
			next = events[i+1]
		}
		r.contentPage("event", &e.Page, "timeline", e.Title, citedLinesAndPlaces, func(pg *page) keyer {
			d := eventData{Event: e, When: when(e), Actors: r.slugLinks(pg.Path, e.Actors), Topics: r.slugLinks(pg.Path, e.Topics),
				Places: r.slugLinks(pg.Path, e.Places), Backlinks: r.backlinkList(pg.Path, e.Slug)}
			if prev != nil {
				d.Prev = &link{Title: when(prev) + ": " + prev.Title, Href: pg.Rel(URL(&prev.Page))}
			}
			if next != nil {
				d.Next = &link{Title: when(next) + ": " + next.Title, Href: pg.Rel(URL(&next.Page))}
			}
			for _, q := range r.outlinks[e.Slug] {
				switch q.Type {
				case content.TypeMeasure, content.TypeFigure, content.TypeDispute:
					d.Claims = append(d.Claims, link{Title: q.Title(), Href: pg.Rel(URL(q)), Kind: kindLabel(q.Type)})
				}
			}
			d.Map = r.locator(pg, "event-map", e.Places, "Where it happened")
			return d
		})
	}
	return nil
}

type eventData struct {
	Event      *content.Event
	When       string
	Actors     []link
	Topics     []link
	Places     []link
	Claims     []link // figures, measures and disputes the event's text links
	Backlinks  []link
	Prev, Next *link
	Map        template.HTML
}

func (d eventData) key(h *hasher) {
	h.str(d.Event.Title)
	h.str(d.When)
	h.str(d.Event.Date.String())
	each(h, d.Actors)
	each(h, d.Topics)
	each(h, d.Places)
	each(h, d.Claims)
	each(h, d.Backlinks)
	h.opt(optLink(d.Prev))
	h.opt(optLink(d.Next))
	h.str(string(d.Map))
}

// optLink is a link that may be absent, for keys.
func optLink(l *link) keyer {
	if l == nil {
		return nil
	}
	return *l
}

// groupByMonth files events under the month they fall in; a run of events
// whose window crosses months gets a heading of its own. Sections of the
// same month split by such a window are told apart by the day they resume
// from ("October 2025, from 26 October").
func (r *renderer) groupByMonth(pg *page, events []*content.Event, prefix string) []timelineGroup {
	var groups []timelineGroup
	seen := map[string]int{}
	for _, e := range events {
		first, last := e.Bounds()
		id := fmt.Sprintf("%s%04d-%02d", prefix, first.Year, first.Month)
		label := time.Month(first.Month).String() + " " + fmt.Sprint(first.Year)
		switch {
		case first.Year != last.Year || first.Month != last.Month:
			id = fmt.Sprintf("%s%s-%s", prefix, first.String(), last.String())
			label = "Known only " + between(first, last)
		case e.Date.Precision() == "year" || (e.Date.IsZero() && first.Month == 1 && last.Month == 12):
			id = fmt.Sprintf("%s%04d", prefix, first.Year)
			label = fmt.Sprint(first.Year)
		}
		if len(groups) == 0 || groups[len(groups)-1].ID != id && !strings.HasPrefix(groups[len(groups)-1].ID, id+"-c") {
			seen[id]++
			gid, glabel := id, label
			if n := seen[id]; n > 1 {
				// Each section needs a name of its own (for readers and
				// screen readers' landmarks): say where it resumes.
				gid, glabel = fmt.Sprintf("%s-c%d", id, n), fmt.Sprintf("%s (continued, part %d)", label, n)
				if first.Day > 0 && first == last {
					glabel = fmt.Sprintf("%s, from %d %s", label, first.Day, time.Month(first.Month))
				}
			}
			groups = append(groups, timelineGroup{ID: gid, Label: glabel})
		}
		g := &groups[len(groups)-1]
		g.Events = append(g.Events, eventRow{ID: "e-" + e.Slug, Title: e.Title, When: when(e), Href: pg.Rel(URL(&e.Page))})
	}
	return groups
}

// groupByYear files background events under their year (or the first year
// of their window).
func (r *renderer) groupByYear(pg *page, events []*content.Event) []timelineGroup {
	var groups []timelineGroup
	for _, e := range events {
		first, _ := e.Bounds()
		id := fmt.Sprintf("y%04d", first.Year)
		if len(groups) == 0 || groups[len(groups)-1].ID != id {
			groups = append(groups, timelineGroup{ID: id, Label: fmt.Sprint(first.Year)})
		}
		g := &groups[len(groups)-1]
		g.Events = append(g.Events, eventRow{ID: "e-" + e.Slug, Title: e.Title, When: when(e), Href: pg.Rel(URL(&e.Page))})
	}
	return groups
}

// weekStrip draws how many events each week of the period holds, Monday to
// Sunday, as bars linking to the week's first event. An event known only
// within a window counts in the week its window starts. The picture scales
// to its column: it has a viewBox and no fixed size.
func weekStrip(events []*content.Event, p date.Period) template.HTML {
	if p.IsZero() || len(events) == 0 {
		return ""
	}
	start := p.First().Time()
	for start.Weekday() != time.Monday {
		start = start.AddDate(0, 0, -1)
	}
	end := p.Last().Time()
	weeks := int(end.Sub(start).Hours()/24/7) + 1
	counts := make([]int, weeks)
	firsts := make([]string, weeks)
	for _, e := range events {
		f, _ := e.Bounds()
		w := int(f.Time().Sub(start).Hours() / 24 / 7)
		if w < 0 || w >= weeks {
			continue
		}
		if counts[w] == 0 {
			firsts[w] = "e-" + e.Slug
		}
		counts[w]++
	}
	maxC := 1
	for _, c := range counts {
		maxC = max(maxC, c)
	}
	// The bars share about 560 units, as wide as a column of text, so the
	// picture is drawn at its own size on a desktop and shrinks on a phone;
	// its width and height let it keep that size instead of filling a wide
	// column and magnifying its text.
	const gap, hMax, top, bottom = 6, 80, 16, 34
	barW := min(40, max(6, 560/weeks-gap))
	width := weeks*(barW+gap) + gap
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="strip" role="group" viewBox="0 0 %d %d" width="%d" height="%d" aria-labelledby="strip-t strip-d"><title id="strip-t">Events per week</title><desc id="strip-d">`, width, top+hMax+bottom, width, top+hMax+bottom)
	for w := range weeks {
		if w > 0 {
			b.WriteString("; ")
		}
		fmt.Fprintf(&b, "week of %s: %d", start.AddDate(0, 0, 7*w).Format("2 January 2006"), counts[w])
	}
	b.WriteString(`</desc>`)
	lastMonth := -1
	for w := range weeks {
		x := gap + w*(barW+gap)
		monday := start.AddDate(0, 0, 7*w)
		h := 0
		if counts[w] > 0 {
			h = max(3, counts[w]*hMax/maxC)
		}
		if counts[w] > 0 {
			fmt.Fprintf(&b, `<a href="#%s" aria-label="%s: %d events"><rect x="%d" y="%d" width="%d" height="%d" class="bar"></rect><text x="%d" y="%d" class="value" text-anchor="middle">%d</text></a>`,
				html.EscapeString(firsts[w]), monday.Format("week of 2 January"), counts[w], x, top+hMax-h, barW, h, x+barW/2, top+hMax-h-4, counts[w])
		} else {
			fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%d" height="1" class="empty"></rect>`, x, top+hMax-1, barW)
		}
		// Month names under the first week that starts in the month; the
		// first week is named by the period's first month, so that a week
		// starting on the last days of the month before does not put two
		// names side by side.
		day := monday
		if w == 0 {
			day = p.First().Time()
		}
		if m := int(day.Month()); m != lastMonth {
			lastMonth = m
			fmt.Fprintf(&b, `<text x="%d" y="%d" class="label">%s</text>`, x, top+hMax+20, day.Format("Jan"))
		}
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}
