package render

import (
	"fmt"
	"html"
	"html/template"
	"math"
	"sort"
	"strings"

	"github.com/dossier-project/dossier/internal/content"
	"github.com/dossier-project/dossier/internal/text"
)

// The actor network joins two actors when a source line names both (found by
// the mention scan) or a timeline event lists both. It is drawn at build time
// as an SVG circle, actors grouped by side, each a link to its page, with the
// same connections as a list for readers who cannot see the picture.

// networkSize bounds the picture to the most connected actors; the list
// below it has everyone.
const (
	networkSize  = 36
	networkEdges = 140
)

// pair is an unordered pair of actor slugs, A < B.
type pair struct{ A, B string }

// coMentions counts, for each pair of published actors, the source lines
// naming both plus the events listing both.
func (r *renderer) coMentions() map[pair]int {
	bySlug := map[string]bool{}
	for _, a := range r.in.Site.Actors {
		if !a.Draft {
			bySlug[a.Slug] = true
		}
	}
	lineActors := map[string][]string{}
	for slug, refs := range r.in.Mentions {
		if !bySlug[slug] {
			continue
		}
		for _, ref := range refs {
			k := ref.String()
			lineActors[k] = append(lineActors[k], slug)
		}
	}
	counts := map[pair]int{}
	add := func(slugs []string) {
		s := append([]string{}, slugs...)
		sort.Strings(s)
		for i := range s {
			for j := i + 1; j < len(s); j++ {
				if s[i] != s[j] && bySlug[s[i]] && bySlug[s[j]] {
					counts[pair{s[i], s[j]}]++
				}
			}
		}
	}
	for _, slugs := range lineActors {
		add(slugs)
	}
	for _, e := range r.in.Site.Events {
		if !e.Draft {
			add(e.Actors)
		}
	}
	return counts
}

// related lists an actor's connections, strongest first.
type related struct {
	Slug  string
	Count int
}

func relatedTo(counts map[pair]int) map[string][]related {
	out := map[string][]related{}
	for p, n := range counts {
		out[p.A] = append(out[p.A], related{p.B, n})
		out[p.B] = append(out[p.B], related{p.A, n})
	}
	for _, rs := range out {
		sort.Slice(rs, func(i, j int) bool {
			if rs[i].Count != rs[j].Count {
				return rs[i].Count > rs[j].Count
			}
			return rs[i].Slug < rs[j].Slug
		})
	}
	return out
}

// networkRow is one actor in the network's text alternative.
type networkRow struct {
	Actor   link
	Side    string
	Related []networkLink
}

type networkLink struct {
	link
	Count int
}

// network returns the SVG and its list form for the actors index page.
func (r *renderer) network(pg *page) (template.HTML, []networkRow) {
	rel := relatedTo(r.related)
	actors := map[string]*content.Actor{}
	for _, a := range r.in.Site.Actors {
		if !a.Draft {
			actors[a.Slug] = a
		}
	}
	degree := map[string]int{}
	for slug, rs := range rel {
		for _, x := range rs {
			degree[slug] += x.Count
		}
	}
	var rows []networkRow
	for _, a := range r.in.Site.Actors {
		if a.Draft || len(rel[a.Slug]) == 0 {
			continue
		}
		row := networkRow{Actor: link{Title: a.Name, Href: pg.Rel(URL(&a.Page))}, Side: sideLabel(a.Side)}
		for _, x := range rel[a.Slug] {
			o := actors[x.Slug]
			row.Related = append(row.Related, networkLink{link{Title: o.Name, Href: pg.Rel(URL(&o.Page))}, x.Count})
		}
		rows = append(rows, row)
	}

	// The picture: the best-connected actors, ordered around the circle by side.
	var chosen []*content.Actor
	for _, a := range actors {
		if degree[a.Slug] > 0 {
			chosen = append(chosen, a)
		}
	}
	sort.Slice(chosen, func(i, j int) bool {
		if degree[chosen[i].Slug] != degree[chosen[j].Slug] {
			return degree[chosen[i].Slug] > degree[chosen[j].Slug]
		}
		return chosen[i].Slug < chosen[j].Slug
	})
	if len(chosen) > networkSize {
		chosen = chosen[:networkSize]
	}
	if len(chosen) < 2 {
		return "", rows
	}
	sideOrder := map[string]int{}
	for i, s := range SideLabels {
		sideOrder[s.Side] = i
	}
	sort.Slice(chosen, func(i, j int) bool {
		if sideOrder[chosen[i].Side] != sideOrder[chosen[j].Side] {
			return sideOrder[chosen[i].Side] < sideOrder[chosen[j].Side]
		}
		return chosen[i].Name < chosen[j].Name
	})
	const size, radius = 900.0, 270.0
	c := size / 2
	type point struct{ X, Y, Angle float64 }
	pos := map[string]point{}
	for i, a := range chosen {
		angle := 2*math.Pi*float64(i)/float64(len(chosen)) - math.Pi/2
		pos[a.Slug] = point{c + radius*math.Cos(angle), c + radius*math.Sin(angle), angle}
	}
	var edges []struct {
		p pair
		n int
	}
	for p, n := range r.related {
		if _, ok := pos[p.A]; !ok {
			continue
		}
		if _, ok := pos[p.B]; !ok {
			continue
		}
		edges = append(edges, struct {
			p pair
			n int
		}{p, n})
	}
	sort.Slice(edges, func(i, j int) bool {
		if edges[i].n != edges[j].n {
			return edges[i].n > edges[j].n
		}
		if edges[i].p.A != edges[j].p.A {
			return edges[i].p.A < edges[j].p.A
		}
		return edges[i].p.B < edges[j].p.B
	})
	if len(edges) > networkEdges {
		edges = edges[:networkEdges]
	}
	maxN := 1
	for _, e := range edges {
		maxN = max(maxN, e.n)
	}

	var b strings.Builder
	fmt.Fprintf(&b, `<svg viewBox="0 0 %.0f %.0f" role="group" aria-labelledby="network-t network-d"><title id="network-t">Actor network</title><desc id="network-d">The %d most connected actors around a circle, grouped by side. A line joins two actors named in the same source line or listed in the same event; thicker lines mean more such links. Each name links to its page; the list below gives every connection.</desc>`, size, size, len(chosen))
	// Edges are drawn in reverse so the strongest sit on top.
	for i := len(edges) - 1; i >= 0; i-- {
		e := edges[i]
		a, z := pos[e.p.A], pos[e.p.B]
		// A curve bowed toward the centre keeps lines between neighbours apart.
		mx, my := (a.X+z.X)/2, (a.Y+z.Y)/2
		qx, qy := mx+(c-mx)*0.45, my+(c-my)*0.45
		w := 0.6 + 3.4*float64(e.n)/float64(maxN)
		op := 0.25 + 0.55*float64(e.n)/float64(maxN)
		fmt.Fprintf(&b, `<path class="edge" d="M%.1f %.1fQ%.1f %.1f %.1f %.1f" stroke-width="%.2f" stroke-opacity="%.2f"></path>`, a.X, a.Y, qx, qy, z.X, z.Y, w, op)
	}
	for _, a := range chosen {
		p := pos[a.Slug]
		rad := 4 + math.Sqrt(float64(degree[a.Slug]))
		deg := p.Angle * 180 / math.Pi
		lx, ly := c+(radius+rad+6)*math.Cos(p.Angle), c+(radius+rad+6)*math.Sin(p.Angle)
		anchor := "start"
		if math.Cos(p.Angle) < 0 {
			anchor, deg = "end", deg+180
		}
		fmt.Fprintf(&b, `<a class="node" href="%s"><title>%s (%s): %d links</title><circle cx="%.1f" cy="%.1f" r="%.1f" class="side-%s"></circle><text x="%.1f" y="%.1f" dy="4" text-anchor="%s" transform="rotate(%.1f %.1f %.1f)">%s</text></a>`,
			html.EscapeString(pg.Rel(URL(&a.Page))), html.EscapeString(a.Name), html.EscapeString(sideLabel(a.Side)), degree[a.Slug],
			p.X, p.Y, rad, html.EscapeString(a.Side), lx, ly, anchor, deg, lx, ly, html.EscapeString(text.Shorten(a.Name, 28)))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String()), rows
}
