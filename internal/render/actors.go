package render

import (
	"cmp"
	"fmt"
	"html"
	"html/template"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/dossier-project/dossier/internal/content"
	"github.com/dossier-project/dossier/internal/source"
	"github.com/dossier-project/dossier/internal/text"
)

// The actors: an index grouped by side, each side ordered by prominence (a
// curated weight first, then how often the pipeline and the pages name the
// actor), a network of who appears with whom, and a page per actor with a
// small network of its own.

type sideGroup struct {
	Side, Label string
	Actors      []actorRow
}

func (g sideGroup) key(h *hasher) {
	h.str(g.Side)
	h.str(g.Label)
	each(h, g.Actors)
}

type actorRow struct {
	Name, Role, Kind, Href string
}

func (a actorRow) key(h *hasher) { h.strs([]string{a.Name, a.Role, a.Kind, a.Href}) }

type actorsData struct {
	Groups  []sideGroup
	Network template.HTML
	Rows    []networkRow
	Sides   []content.Side
}

func (d actorsData) key(h *hasher) {
	each(h, d.Groups)
	h.str(string(d.Network))
	each(h, d.Rows)
	for _, s := range d.Sides {
		h.strs([]string{s.Slug, s.Label})
	}
}

// byProminence orders actors: curated weight, then mentions and citations,
// then name. The renderer orders the published actors once (prominent).
func (r *renderer) byProminence(as []*content.Actor) []*content.Actor {
	type ranked struct {
		a     *content.Actor
		count int // mentions and citations
	}
	rs := make([]ranked, len(as))
	for i, a := range as {
		rs[i] = ranked{a, len(r.in.Mentions[a.Slug]) + len(r.cites[a.Slug]) + len(r.backlinks[a.Slug])}
	}
	slices.SortStableFunc(rs, func(x, y ranked) int {
		if c := cmp.Compare(y.a.Weight, x.a.Weight); c != 0 {
			return c
		}
		if c := cmp.Compare(y.count, x.count); c != 0 {
			return c
		}
		return strings.Compare(x.a.Name, y.a.Name)
	})
	out := make([]*content.Actor, len(rs))
	for i, x := range rs {
		out[i] = x.a
	}
	return out
}

func (r *renderer) renderActors() error {
	site := r.in.Site
	actors := r.prominent
	pg := &page{Path: "actors/index.html", Title: "Actors", Section: "actors", Description: "Who is who, grouped by side; the most prominent first."}
	var groups []sideGroup
	for _, s := range r.settings.Sides {
		g := sideGroup{Side: s.Slug, Label: s.Label}
		for _, a := range actors {
			if a.Side == s.Slug {
				g.Actors = append(g.Actors, actorRow{Name: a.Name, Role: a.Role, Kind: a.Kind, Href: pg.Rel(URL(&a.Page))})
			}
		}
		if len(g.Actors) > 0 {
			groups = append(groups, g)
		}
	}
	svg, rows := r.network(pg)
	pg.Data = actorsData{Groups: groups, Network: svg, Rows: rows, Sides: r.settings.Sides}
	r.addPage("actors", pg.Path, func() (*page, error) { return pg, nil })
	r.large()

	rel := relatedTo(r.related)
	for _, a := range site.Actors {
		r.contentPage("actor", &a.Page, "actors", a.Role, anyLine, func(pg *page) keyer {
			d := &actorData{Actor: a, SideLabel: r.sideLabel(a.Side), Side: a.Side, Backlinks: r.backlinkList(pg.Path, a.Slug),
				Places: r.slugLinks(pg.Path, a.Places)}
			for _, e := range r.eventsOf[a.Slug] {
				d.Events = append(d.Events, link{Title: when(e) + ": " + e.Title, Href: pg.Rel(URL(&e.Page))})
			}
			for _, f := range r.figuresOf[a.Slug] {
				d.Figures = append(d.Figures, link{Title: f.Title, Href: pg.Rel(URL(&f.Page))})
			}
			d.mentions = r.lazyMentions(pg, &d.Mentions, r.in.Mentions[a.Slug])
			var near []related
			for _, x := range rel[a.Slug] {
				if len(near) == egoSize {
					break
				}
				if o := site.Page(x.Slug); o != nil {
					near = append(near, x)
					d.Related = append(d.Related, networkLink{link{Title: o.Title(), Href: pg.Rel(URL(o))}, x.Count})
				}
			}
			d.network = r.egoNetwork(pg, a, near, &d.Network)
			return d
		})
	}
	return nil
}

type actorData struct {
	Actor     *content.Actor
	SideLabel string
	Side      string
	Events    []link
	Figures   []link
	Places    []link
	Backlinks []link
	Mentions  template.HTML // made in Go when the page is made: the longest list on the page
	mentions  Key           // what Mentions shows
	Related   []networkLink
	Network   template.HTML // drawn when the page is made
	network   Key           // what Network is drawn from
}

func (d actorData) key(h *hasher) {
	a := d.Actor
	h.strs([]string{a.Name, a.Kind, a.Side, a.Role, d.SideLabel, d.Side})
	h.strs(a.Aliases)
	each(h, d.Events)
	each(h, d.Figures)
	each(h, d.Places)
	each(h, d.Backlinks)
	h.key(d.mentions)
	each(h, d.Related)
	h.key(d.network)
}

// lazyMentions has the mention list of refs written into *into when the
// page is made, and returns its key: each run of lines of one seed, as the
// seed's key (its lines and articles, which group and label the lines; see
// shownKey) and the lines' numbers. A seed that is not there is not listed.
func (r *renderer) lazyMentions(pg *page, into *template.HTML, refs []source.Ref) Key {
	pg.lazy = append(pg.lazy, &lazyBody{into: into, make: func() template.HTML { return r.mentionList(pg.Path, refs) }})
	if r.in.NoKeys {
		return Key{}
	}
	h := newHasher()
	cur, missing := "", "" // the last seed there, and the last not there
	for _, ref := range refs {
		if ref.Seed != cur {
			// A seed's key is looked up once per run of its lines.
			if ref.Seed == missing {
				continue
			}
			k, ok := r.seeds.keys[ref.Seed]
			if !ok {
				missing = ref.Seed
				continue
			}
			cur = ref.Seed
			h.str(ref.Seed)
			h.key(k)
		}
		h.int(ref.First)
	}
	return h.sum()
}

// mentionList writes the lines naming an actor or place, grouped by
// article: the article's title, outlet and date, then its line numbers, each
// a link whose title is the line.
func (r *renderer) mentionList(from string, refs []source.Ref) template.HTML {
	if len(refs) == 0 {
		return ""
	}
	var b strings.Builder
	b.Grow(len(refs) * 240) // a line's link and title, about
	b.WriteString(`<ul class="mentions">`)
	var cur *source.Article
	curSeed, href := "", ""
	for _, ref := range refs {
		s := r.in.Corpus.Seed(ref.Seed)
		if s == nil {
			continue
		}
		if s.ID != curSeed {
			href = relative(from, SourceURL(s.ID))
		}
		a := s.Article(ref.First)
		if a != cur || s.ID != curSeed {
			if cur != nil {
				b.WriteString("</li>")
			}
			cur, curSeed = a, s.ID
			first := ref.First
			if a != nil {
				first = a.First
			}
			b.WriteString(`<li><a href="`)
			writeEscaped(&b, href)
			b.WriteString("#L" + strconv.Itoa(first) + `">`)
			writeEscaped(&b, r.seeds.label(s, ref.First))
			b.WriteString(`</a>: `)
		}
		b.WriteString(`<a class="ln" href="`)
		writeEscaped(&b, href)
		n := strconv.Itoa(ref.First)
		b.WriteString("#L" + n + `" title="`)
		if l, ok := s.Line(ref.First); ok {
			head, cut := text.ShortenedHead(l.Text, 140)
			writeEscaped(&b, head)
			if cut {
				b.WriteString("…")
			}
		}
		b.WriteString(`">` + n + `</a> `)
	}
	if cur != nil || curSeed != "" {
		b.WriteString("</li>")
	}
	b.WriteString("</ul>")
	return template.HTML(b.String())
}

// The actor network joins two actors when a source line names both (found by
// the mention scan) or a timeline event lists both. It is drawn at build time
// as an SVG circle, actors grouped by side, each a link to its page, with the
// same connections as a list for readers who cannot see the picture (and for
// narrow screens, where the list replaces it).

// networkSize bounds the picture to the most connected actors; the list
// below it has everyone.
const (
	networkSize  = 30
	networkEdges = 120
	egoSize      = 8
)

// pair is an unordered pair of actor slugs, A < B.
type pair struct{ A, B string }

// coMentions counts, for each pair of published actors, the source lines
// naming both plus the events listing both.
func (r *renderer) coMentions() map[pair]int {
	bySlug := map[string]bool{}
	for _, a := range live(r.in.Site.Actors) {
		bySlug[a.Slug] = true
	}
	counts := map[pair]int{}
	for p, n := range r.in.CoMentions {
		if bySlug[p[0]] && bySlug[p[1]] {
			counts[pair{p[0], p[1]}] += n
		}
	}
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
	for _, e := range live(r.in.Site.Events) {
		add(e.Actors)
	}
	return counts
}

// related is one of an actor's connections.
type related struct {
	Slug  string
	Count int
}

// relatedTo lists every actor's connections, strongest first.
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

func (n networkRow) key(h *hasher) {
	n.Actor.key(h)
	h.str(n.Side)
	each(h, n.Related)
}

type networkLink struct {
	link
	Count int
}

func (n networkLink) key(h *hasher) {
	n.link.key(h)
	h.int(n.Count)
}

// labelWidth estimates the width of a label in the 13px sans-serif the
// stylesheet sets for SVG text, generously, so that a viewBox sized from it
// never clips a label.
func labelWidth(s string, size float64) float64 {
	return float64(len([]rune(s)))*size*0.62 + 4
}

// network returns the SVG and its list form for the actors index page.
func (r *renderer) network(pg *page) (template.HTML, []networkRow) {
	rel := relatedTo(r.related)
	actors := map[string]*content.Actor{}
	for _, a := range live(r.in.Site.Actors) {
		actors[a.Slug] = a
	}
	degree := map[string]int{}
	for slug, rs := range rel {
		for _, x := range rs {
			degree[slug] += x.Count
		}
	}
	var rows []networkRow
	for _, a := range r.prominent {
		if len(rel[a.Slug]) == 0 {
			continue
		}
		row := networkRow{Actor: link{Title: a.Name, Href: pg.Rel(URL(&a.Page))}, Side: r.sideLabel(a.Side)}
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
	for i, s := range r.settings.Sides {
		sideOrder[s.Slug] = i
	}
	sort.Slice(chosen, func(i, j int) bool {
		if sideOrder[chosen[i].Side] != sideOrder[chosen[j].Side] {
			return sideOrder[chosen[i].Side] < sideOrder[chosen[j].Side]
		}
		return chosen[i].Name < chosen[j].Name
	})
	var nodes []netNode
	for _, a := range chosen {
		nodes = append(nodes, netNode{a: a, weight: degree[a.Slug]})
	}
	var edges []netEdge
	for p, n := range r.related {
		edges = append(edges, netEdge{p, n})
	}
	desc := fmt.Sprintf("The %d most connected actors around a circle, grouped by side. A line joins two actors named in the same source line or listed in the same event; thicker lines mean more such links. Each name links to its page; the list below gives every connection.", len(chosen))
	return r.drawNetwork(pg, "network", "Actor network", desc, nodes, edges, networkEdges, ""), rows
}

type netNode struct {
	a      *content.Actor
	weight int
}

type netEdge struct {
	p pair
	n int
}

// drawNetwork draws nodes around a circle (or, with a centre, the others
// around it) and the strongest edges between them. The viewBox is grown to
// hold every label, so none is clipped.
func (r *renderer) drawNetwork(pg *page, id, title, desc string, nodes []netNode, all []netEdge, maxEdges int, centre string) template.HTML {
	pos := ringPositions(nodes, centre)
	edges := strongestEdges(all, pos, maxEdges)
	maxN := 1
	for _, e := range edges {
		maxN = max(maxN, e.n)
	}
	maxW := 1
	for _, n := range nodes {
		maxW = max(maxW, n.weight)
	}
	radius := func(n netNode) float64 { return 5 + 9*math.Sqrt(float64(n.weight)/float64(maxW)) }
	labels, box := placeNetLabels(nodes, pos, radius, centre)
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="network" viewBox="%.0f %.0f %.0f %.0f" role="group" aria-labelledby="%s-t %s-d"><title id="%s-t">%s</title><desc id="%s-d">%s</desc>`,
		box.minX, box.minY, box.maxX-box.minX, box.maxY-box.minY, id, id, id, html.EscapeString(title), id, html.EscapeString(desc))
	for i := len(edges) - 1; i >= 0; i-- {
		e := edges[i]
		a, z := pos[e.p.A], pos[e.p.B]
		// A curve bowed toward the centre keeps lines between neighbours apart.
		mx, my := (a.X+z.X)/2, (a.Y+z.Y)/2
		qx, qy := mx*0.55, my*0.55
		w := 0.6 + 3.4*float64(e.n)/float64(maxN)
		op := 0.25 + 0.55*float64(e.n)/float64(maxN)
		fmt.Fprintf(&b, `<path class="edge" d="M%.1f %.1fQ%.1f %.1f %.1f %.1f" stroke-width="%.2f" stroke-opacity="%.2f"></path>`, a.X, a.Y, qx, qy, z.X, z.Y, w, op)
	}
	for _, n := range nodes {
		p := pos[n.a.Slug]
		l := labels[n.a.Slug]
		fmt.Fprintf(&b, `<a class="node" href="%s"><title>%s (%s): %d links</title><circle cx="%.1f" cy="%.1f" r="%.1f" class="side-%s"></circle><text x="%.1f" y="%.1f" text-anchor="%s">%s</text></a>`,
			html.EscapeString(pg.Rel(URL(&n.a.Page))), html.EscapeString(n.a.Name), html.EscapeString(r.sideLabel(n.a.Side)), n.weight,
			p.X, p.Y, radius(n), html.EscapeString(n.a.Side), l.x, l.y, l.anchor, html.EscapeString(l.text))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// netRadius is the radius of the ring a network's nodes sit on.
const netRadius, netFontSize = 190.0, 13.0

// netPoint is a node's place on the ring, and its angle from the centre.
type netPoint struct{ X, Y, Angle float64 }

// ringPositions spaces the nodes evenly on a ring, starting at the top;
// the centre node, if any, sits in the middle. One or two nodes around a
// centre sit beside it, starting at the left: a ring started at the top
// would stand them in a column, mostly empty, as tall as the ring.
func ringPositions(nodes []netNode, centre string) map[string]netPoint {
	pos := map[string]netPoint{}
	ring := nodes
	if centre != "" {
		ring = nil
		for _, n := range nodes {
			if n.a.Slug == centre {
				pos[centre] = netPoint{0, 0, 0}
			} else {
				ring = append(ring, n)
			}
		}
	}
	start := -math.Pi / 2
	if centre != "" && len(ring) <= 2 {
		start = math.Pi
	}
	for i, n := range ring {
		angle := 2*math.Pi*float64(i)/float64(len(ring)) + start
		pos[n.a.Slug] = netPoint{netRadius * math.Cos(angle), netRadius * math.Sin(angle), angle}
	}
	return pos
}

// strongestEdges keeps the edges between placed nodes, strongest first
// (then by their ends' slugs), at most limit of them.
func strongestEdges(all []netEdge, pos map[string]netPoint, limit int) []netEdge {
	var edges []netEdge
	for _, e := range all {
		_, okA := pos[e.p.A]
		_, okB := pos[e.p.B]
		if okA && okB {
			edges = append(edges, e)
		}
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
	if len(edges) > limit {
		edges = edges[:limit]
	}
	return edges
}

type netLabel struct {
	x, y   float64
	anchor string
	text   string
}

type netBox struct{ minX, minY, maxX, maxY float64 }

// placeNetLabels puts each node's label outside the ring, horizontal,
// anchored away from the centre (the centre node's above it), and returns
// the box that takes in the ring and every label's estimated extent, with
// a margin: the picture's viewBox.
func placeNetLabels(nodes []netNode, pos map[string]netPoint, radius func(netNode) float64, centre string) (map[string]netLabel, netBox) {
	labels := map[string]netLabel{}
	// The box holds the nodes and their labels, not the whole ring: a few
	// nodes leave most of it empty.
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, n := range nodes {
		p := pos[n.a.Slug]
		rad := radius(n)
		minX, minY, maxX, maxY = min(minX, p.X-rad), min(minY, p.Y-rad), max(maxX, p.X+rad), max(maxY, p.Y+rad)
		name := text.Shorten(n.a.Name, 30)
		w := labelWidth(name, netFontSize)
		var l netLabel
		switch {
		case n.a.Slug == centre:
			l = netLabel{0, -rad - 8, "middle", name}
			minX, maxX = min(minX, -w/2), max(maxX, w/2)
			minY = min(minY, l.y-netFontSize)
		default:
			c, s := math.Cos(p.Angle), math.Sin(p.Angle)
			lx, ly := p.X+(rad+6)*c, p.Y+(rad+6)*s+4
			l = netLabel{lx, ly, "start", name}
			if c < -0.2 {
				l.anchor = "end"
				minX = min(minX, lx-w)
			} else if c > 0.2 {
				maxX = max(maxX, lx+w)
			} else {
				l.anchor = "middle"
				l.y = p.Y + (rad+14)*math.Copysign(1, s) + 4
				minX, maxX = min(minX, lx-w/2), max(maxX, lx+w/2)
			}
			minY, maxY = min(minY, l.y-netFontSize), max(maxY, l.y+4)
		}
		labels[n.a.Slug] = l
	}
	const pad = 8.0
	return labels, netBox{minX - pad, minY - pad, maxX + pad, maxY + pad}
}

// egoNetwork has one actor drawn in the middle of the actors it appears
// with most often (near) written into *into when the page is made, and
// returns its key: what the drawing is made from. With no one near, *into
// stays empty.
func (r *renderer) egoNetwork(pg *page, a *content.Actor, near []related, into *template.HTML) Key {
	if len(near) == 0 {
		return Key{}
	}
	nodes := []netNode{{a: a, weight: 0}}
	var edges []netEdge
	for _, x := range near {
		o := r.actor(x.Slug)
		if o == nil {
			continue
		}
		nodes = append(nodes, netNode{a: o, weight: x.Count})
		nodes[0].weight += x.Count
		p := pair{a.Slug, o.Slug}
		if p.B < p.A {
			p = pair{o.Slug, a.Slug}
		}
		edges = append(edges, netEdge{p, x.Count})
	}
	title := "Named most often with " + a.Name
	desc := fmt.Sprintf("%s in the middle, joined to the %d actors named with it most often in the sources and events; thicker lines mean more such links.", a.Name, len(nodes)-1)
	pg.lazy = append(pg.lazy, &lazyBody{into: into, make: func() template.HTML {
		return r.drawNetwork(pg, "ego", title, desc, nodes, edges, egoSize, a.Slug)
	}})
	if r.in.NoKeys {
		return Key{}
	}
	// drawNetwork draws from these alone (and the program's constants).
	h := newHasher()
	h.strs([]string{title, desc})
	for _, n := range nodes {
		h.strs([]string{n.a.Slug, n.a.Name, n.a.Side, r.sideLabel(n.a.Side), pg.Rel(URL(&n.a.Page))})
		h.int(n.weight)
	}
	for _, e := range edges {
		h.strs([]string{e.p.A, e.p.B})
		h.int(e.n)
	}
	return h.sum()
}

// actor returns the actor with the slug, published or not, or nil.
func (r *renderer) actor(slug string) *content.Actor { return r.actors[slug] }
