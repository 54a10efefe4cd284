package render

import (
	"slices"
	"sort"

	"github.com/dossier-project/dossier/internal/content"
)

type topicRow struct {
	Title, Summary, Href string
}

func (t topicRow) key(h *hasher) { h.strs([]string{t.Title, t.Summary, t.Href}) }

type topicsData struct{ Rows []topicRow }

func (d topicsData) key(h *hasher) { each(h, d.Rows) }

type topicData struct {
	Topic     *content.Topic
	Actors    []link
	Events    []link
	Backlinks []link
}

func (d topicData) key(h *hasher) {
	h.str(d.Topic.Summary)
	each(h, d.Actors)
	each(h, d.Events)
	each(h, d.Backlinks)
}

// topicOrder orders topics by their curated weight, then title.
func topicOrder(ts []*content.Topic) []*content.Topic {
	out := slices.Clone(ts)
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Weight != out[j].Weight {
			return out[i].Weight > out[j].Weight
		}
		return out[i].Title < out[j].Title
	})
	return out
}

func (r *renderer) renderTopics() error {
	site := r.in.Site
	pg := &page{Path: "topics/index.html", Title: "Topics", Section: "topics", Description: "Essays on the threads of the story, the central ones first."}
	var d topicsData
	for _, t := range topicOrder(live(site.Topics)) {
		d.Rows = append(d.Rows, topicRow{Title: t.Title, Summary: t.Summary, Href: pg.Rel(URL(&t.Page))})
	}
	pg.Data = d
	r.addPage("topics", pg.Path, func() (*page, error) { return pg, nil })
	for _, t := range site.Topics {
		r.contentPage("topic", &t.Page, "topics", t.Summary, citedLines, func(pg *page) keyer {
			d := topicData{Topic: t, Actors: r.slugLinks(pg.Path, t.Actors), Backlinks: r.backlinkList(pg.Path, t.Slug)}
			for _, e := range r.topicEvents[t.Slug] {
				d.Events = append(d.Events, link{Title: when(e) + ": " + e.Title, Href: pg.Rel(URL(&e.Page))})
			}
			return d
		})
	}
	return nil
}
