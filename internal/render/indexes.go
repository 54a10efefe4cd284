package render

import (
	"html/template"
	"sort"
	"time"

	"github.com/dossier-project/dossier/internal/text"
)

type sideGroup struct {
	Side, Label string
	Actors      []actorRow
}

type actorRow struct {
	Name, Role, Kind, Href string
}

type monthGroup struct {
	ID, Label string
	Events    []eventRow
}

type eventRow struct {
	Title, When, Href, Precision string
}

type measureGroup struct {
	Measure   string
	Heading   string // the unit, told apart by date where two measures share it
	Contested bool   // claims from more than one party
	Rows      []figureRow
	Chart     interface{}
}

type topicRow struct {
	Title, Summary, Href string
}

func (r *renderer) renderIndexes() error {
	site := r.in.Site

	pg := &page{Path: "actors/index.html", Title: "Actors", Section: "actors", Description: "Who is who in the crisis, grouped by side."}
	var groups []sideGroup
	for _, s := range SideLabels {
		g := sideGroup{Side: s.Side, Label: s.Label}
		for _, a := range site.Actors {
			if !a.Draft && a.Side == s.Side {
				g.Actors = append(g.Actors, actorRow{Name: a.Name, Role: a.Role, Kind: a.Kind, Href: pg.Rel(URL(&a.Page))})
			}
		}
		if len(g.Actors) > 0 {
			groups = append(groups, g)
		}
	}
	svg, rows := r.network(pg)
	pg.Data = struct {
		Groups  []sideGroup
		Network template.HTML
		Rows    []networkRow
		Sides   []struct{ Side, Label string }
	}{groups, svg, rows, SideLabels}
	if err := r.execute("actors", pg); err != nil {
		return err
	}

	pg = &page{Path: "timeline/index.html", Title: "Timeline", Section: "timeline", Description: "Dated events, from background history to the latest reports."}
	var months []monthGroup
	var counts []monthCount
	lastYear := 0
	for _, e := range site.Events {
		if !e.Draft {
			lastYear = max(lastYear, e.Date.Year)
		}
	}
	for _, e := range site.Events {
		if e.Draft {
			continue
		}
		id, label := "y"+e.Date.String()[:4], e.Date.String()[:4]
		if e.Date.Month != 0 {
			id = "m" + e.Date.String()[:7]
			label = time.Month(e.Date.Month).String() + " " + label
		}
		if len(months) == 0 || months[len(months)-1].ID != id {
			months = append(months, monthGroup{ID: id, Label: label})
		}
		months[len(months)-1].Events = append(months[len(months)-1].Events, eventRow{Title: e.Title, When: when(e), Href: pg.Rel(URL(&e.Page)), Precision: e.Precision})
		// The strip shows background years as one bar each and the latest
		// year month by month, where the crisis is dense.
		bucket := shortLabel(e.Date.Year, 0)
		if e.Date.Year == lastYear && e.Date.Month != 0 {
			bucket = shortLabel(e.Date.Year, e.Date.Month)
		}
		if len(counts) == 0 || counts[len(counts)-1].Label != bucket {
			counts = append(counts, monthCount{Label: bucket, Href: "#" + id})
		}
		counts[len(counts)-1].Count++
	}
	pg.Data = struct {
		Months []monthGroup
		Strip  interface{}
	}{months, timelineStrip(counts)}
	if err := r.execute("timeline", pg); err != nil {
		return err
	}

	pg = &page{Path: "figures/index.html", Title: "Figures", Section: "figures", Description: "The numbers that matter, with who claims them; contested claims side by side."}
	byMeasure := map[string]bool{}
	var measures []measureGroup
	for _, f := range site.Figures {
		if f.Draft || byMeasure[f.Measure] {
			continue
		}
		byMeasure[f.Measure] = true
		rows := r.measureRows(pg, f.Measure)
		claimants := map[string]bool{}
		for _, row := range rows {
			claimants[row.ClaimedBy] = true
		}
		measures = append(measures, measureGroup{Measure: f.Measure, Contested: len(claimants) > 1, Rows: rows, Chart: measureChart(f.Measure, rows)})
	}
	sort.SliceStable(measures, func(i, j int) bool {
		if measures[i].Contested != measures[j].Contested {
			return measures[i].Contested
		}
		return measures[i].Measure < measures[j].Measure
	})
	headings := map[string]int{}
	for i := range measures {
		measures[i].Heading = text.UpperFirst(measures[i].Rows[0].Unit)
		headings[measures[i].Heading]++
	}
	for i := range measures {
		if m := &measures[i]; headings[m.Heading] > 1 {
			if asOf := m.Rows[0].AsOf; asOf != "" {
				m.Heading += ", as of " + asOf
			} else {
				m.Heading += " (" + m.Measure + ")"
			}
		}
	}
	pg.Data = measures
	if err := r.execute("figures", pg); err != nil {
		return err
	}

	pg = &page{Path: "topics/index.html", Title: "Topics", Section: "topics", Description: "Essays on the threads of the crisis."}
	var topics []topicRow
	for _, t := range site.Topics {
		if !t.Draft {
			topics = append(topics, topicRow{Title: t.Title, Summary: t.Summary, Href: pg.Rel(URL(&t.Page))})
		}
	}
	pg.Data = topics
	return r.execute("topics", pg)
}

func shortLabel(year, month int) string {
	if month == 0 {
		return time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC).Format("2006")
	}
	return time.Date(year, time.Month(month), 1, 0, 0, 0, 0, time.UTC).Format("Jan 06")
}
