package render

import (
	"fmt"
	"html"
	"html/template"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/dossier-project/dossier/internal/content"
	"github.com/dossier-project/dossier/internal/units"
)

// Figures and measures. A measure is one quantity; its figures are claims
// of it, related as the measure says (content.Relations). The figures page
// groups measures by theme, disputes first and the weightiest first within
// a theme; only disputes are called contested. Every value is shown as its
// source wrote it and, where its unit differs, converted into the measure's.

// themeLabels name the themes of content.Themes for headings.
var themeLabels = map[string]string{
	"casualties": "Casualties", "military": "Military strength and operations", "violence": "Militant violence",
	"refugees": "Refugees and returns", "humanitarian": "Humanitarian", "diplomacy": "Diplomacy and talks",
	"economy": "Economy and trade", "geography": "Geography", "other": "Other figures", "": "Other figures",
}

// relationNotes say in a line what a relation means for the reader.
var relationNotes = map[string]string{
	"dispute":   "Contested: rival claims of the same number for the same period.",
	"series":    "One quantity over successive periods.",
	"breakdown": "Parts of a whole.",
	"revision":  "A first report and a later figure from the same side.",
	"single":    "",
}

// FormatValue writes a figure's value as its source gives it: qualifier,
// thousands separators, large round numbers in words, and its unit unless
// it is a count.
func FormatValue(f *content.Figure) string {
	return formatQuantity(f.Qualifier, f.Value, f.Unit)
}

func formatQuantity(qualifier string, v float64, u units.Unit) string {
	s := formatNumber(v)
	switch {
	case u.Symbol == "percent":
		s += "%"
	case u.Label(v) != "":
		s += " " + u.Label(v)
	}
	if qualifier != "" {
		s = qualifier + " " + s
	}
	return s
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
	if v != math.Trunc(v) {
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

// roundish rounds a converted value to about three significant figures, so
// that "1,600 miles" reads "about 2,570 kilometres" rather than 2574.95.
func roundish(v float64) float64 {
	if v == 0 {
		return 0
	}
	p := math.Pow(10, math.Floor(math.Log10(math.Abs(v)))-2)
	return math.Round(v/p) * p
}

// figureRow is one figure in a measure's comparison.
type figureRow struct {
	Title     string
	Href      string
	Number    float64 // in the measure's unit, for the chart
	Display   string  // as the source wrote it
	Converted string  // in the measure's unit, when that differs; else ""
	ClaimedBy string
	Claimant  string // its page
	Side      string // the claimant's side, for colours
	When      string // the period it counts or the day it was stated
	Part      string
	Bar       template.HTML // the row's bar, when the measure has several figures
}

func (f figureRow) key(h *hasher) {
	h.strs([]string{f.Title, f.Href, f.Display, f.Converted, f.ClaimedBy, f.Claimant, f.Side, f.When, f.Part, string(f.Bar)})
	h.float(f.Number)
}

// measureBlock is a measure as the figures page and its own page show it.
type measureBlock struct {
	ID, Title, Href string
	Relation        string
	Contested       bool
	Note            string // what the relation means
	Meta            string // unit, period or date, scope
	Rows            []figureRow
	Column          string // the heading of the column telling rows apart ("When", "Part"), or "" when no row needs it
	Dispute         *link  // the dispute page presenting it
}

func (m measureBlock) key(h *hasher) {
	h.strs([]string{m.ID, m.Title, m.Href, m.Relation, m.Note, m.Meta, m.Column})
	h.bool(m.Contested)
	each(h, m.Rows)
	h.opt(optLink(m.Dispute))
}

// figureWhen is the period a figure counts, or else the day it refers to.
func figureWhen(f *content.Figure) string {
	if !f.Period.IsZero() {
		return f.Period.Human()
	}
	if !f.AsOf.IsZero() {
		return "as of " + f.AsOf.Human()
	}
	return ""
}

// measureMeta says what a measure counts: its unit, period or date, scope.
func measureMeta(m *content.Measure) string {
	var parts []string
	if m.Unit.Symbol != "" && m.Unit.Symbol != "count" {
		parts = append(parts, "in "+m.Unit.Plural)
	}
	switch {
	case !m.Period.IsZero():
		parts = append(parts, m.Period.Human())
	case !m.AsOf.IsZero():
		parts = append(parts, "as of "+m.AsOf.Human())
	}
	if m.Scope != "" {
		parts = append(parts, m.Scope)
	}
	return strings.Join(parts, " · ")
}

// block makes a measure's comparison for the page at from.
func (r *renderer) block(from string, m *content.Measure) measureBlock {
	b := measureBlock{ID: "m-" + m.Slug, Title: m.Title, Href: relative(from, URL(&m.Page)), Relation: m.Relation,
		Contested: m.Relation == "dispute", Note: relationNotes[m.Relation], Meta: measureMeta(m)}
	if ds := r.disputesOf[m.Slug]; len(ds) > 0 {
		d := ds[len(ds)-1]
		b.Dispute = &link{Title: d.Title, Href: relative(from, URL(&d.Page))}
	}
	for _, f := range live(m.Figures) {
		row := figureRow{Title: f.Title, Href: relative(from, URL(&f.Page)), Number: f.Number, Display: FormatValue(f),
			When: figureWhen(f), Part: f.Part, ClaimedBy: f.ClaimedBy}
		if f.Unit.Symbol != m.Unit.Symbol && m.Unit.Symbol != "" {
			row.Converted = "about " + formatQuantity("", roundish(f.Number), m.Unit)
		}
		if c := r.in.Site.Page(f.ClaimedBy); c != nil && r.published[c.Slug] {
			row.ClaimedBy, row.Claimant = c.Title(), relative(from, URL(c))
		}
		if a := r.actor(f.ClaimedBy); a != nil {
			row.Side = a.Side
		}
		b.Rows = append(b.Rows, row)
	}
	switch m.Relation {
	case "series", "revision":
		// In the order of the periods or days, as the figures are listed by slug otherwise.
		sort.SliceStable(b.Rows, func(i, j int) bool { return whenOrder(m, b.Rows[i], b.Rows[j]) })
	default:
		sort.SliceStable(b.Rows, func(i, j int) bool { return b.Rows[i].Number > b.Rows[j].Number })
	}
	for _, row := range b.Rows {
		if (m.Relation == "breakdown" && row.Part != "") || (m.Relation != "breakdown" && row.When != "") {
			b.Column = "When"
			if m.Relation == "breakdown" {
				b.Column = "Part"
			}
		}
	}
	if len(b.Rows) > 1 {
		bars(b.Rows)
	}
	return b
}

// whenOrder orders two rows of a series or revision by their figures' dates.
func whenOrder(m *content.Measure, a, b figureRow) bool {
	var fa, fb *content.Figure
	for _, f := range m.Figures {
		if f.Title == a.Title {
			fa = f
		}
		if f.Title == b.Title {
			fb = f
		}
	}
	if fa == nil || fb == nil {
		return false
	}
	da, db := fa.Period.First(), fb.Period.First()
	if fa.Period.IsZero() {
		da = fa.AsOf.First()
	}
	if fb.Period.IsZero() {
		db = fb.AsOf.First()
	}
	return da.Compare(db) < 0
}

// bars gives each row of a comparison its bar: a picture as wide as its
// table cell, filled in proportion to the largest figure in the claimant's
// side colour. The bars carry no text, so no label is ever cut short or
// shrunk with the picture, and they are hidden from assistive technology:
// the table they sit in writes every value.
func bars(rows []figureRow) {
	maxV := 0.0
	for _, r := range rows {
		maxV = max(maxV, r.Number)
	}
	if maxV <= 0 {
		return
	}
	for i := range rows {
		r := &rows[i]
		side := r.Side
		if side == "" {
			side = "none"
		}
		w := max(0.5, r.Number/maxV*100)
		r.Bar = template.HTML(fmt.Sprintf(`<svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false"><rect class="side-%s" width="%.1f" height="10"></rect></svg>`,
			html.EscapeString(side), w))
	}
}

type themeGroup struct {
	ID, Label string
	Measures  []measureBlock
}

func (g themeGroup) key(h *hasher) {
	h.str(g.ID)
	h.str(g.Label)
	each(h, g.Measures)
}

type figuresData struct {
	Themes []themeGroup
	Sides  []content.Side // the sides whose colours the charts use
}

func (d figuresData) key(h *hasher) {
	each(h, d.Themes)
	for _, s := range d.Sides {
		h.strs([]string{s.Slug, s.Label})
	}
}

// measureOrder puts disputes first, then the weightiest, then by title.
func measureOrder(ms []*content.Measure) []*content.Measure {
	out := slices.Clone(ms)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if (a.Relation == "dispute") != (b.Relation == "dispute") {
			return a.Relation == "dispute"
		}
		if a.Weight != b.Weight {
			return a.Weight > b.Weight
		}
		return a.Title < b.Title
	})
	return out
}

func (r *renderer) renderFigures() error {
	site := r.in.Site
	pg := &page{Path: "figures/index.html", Title: "Figures", Section: "figures",
		Description: "The numbers that matter and who claims them, by theme; contested numbers first."}
	// Themes are ordered by their weightiest measure, so casualties come
	// before border lengths whatever the theme list says.
	byTheme := map[string][]*content.Measure{}
	for _, m := range live(site.Measures) {
		if len(live(m.Figures)) > 0 {
			byTheme[m.Theme] = append(byTheme[m.Theme], m)
		}
	}
	var themes []string
	for t := range byTheme {
		themes = append(themes, t)
	}
	top := func(t string) int {
		w := 0
		for _, m := range byTheme[t] {
			v := m.Weight
			if m.Relation == "dispute" {
				v += 1000
			}
			w = max(w, v)
		}
		return w
	}
	sort.Slice(themes, func(i, j int) bool {
		if a, b := top(themes[i]), top(themes[j]); a != b {
			return a > b
		}
		return themes[i] < themes[j]
	})
	var d figuresData
	sides := map[string]bool{}
	for _, t := range themes {
		g := themeGroup{ID: "theme-" + t, Label: themeLabels[t]}
		if t == "" {
			g.ID = "theme-other"
		}
		for _, m := range measureOrder(byTheme[t]) {
			b := r.block(pg.Path, m)
			for _, row := range b.Rows {
				sides[row.Side] = true
			}
			g.Measures = append(g.Measures, b)
		}
		d.Themes = append(d.Themes, g)
	}
	for _, s := range r.settings.Sides {
		if sides[s.Slug] {
			d.Sides = append(d.Sides, s)
		}
	}
	pg.Data = d
	r.addPage("figures", pg.Path, func() (*page, error) { return pg, nil })

	for _, m := range site.Measures {
		r.contentPage("measure", &m.Page, "figures", m.Title, citedLines, func(pg *page) keyer {
			return measureData{Block: r.block(pg.Path, m), Backlinks: r.backlinkList(pg.Path, m.Slug)}
		})
	}
	for _, f := range site.Figures {
		r.contentPage("figure", &f.Page, "figures", f.Title, citedLines, func(pg *page) keyer {
			refs := newRefTable()
			d := figureData{Figure: f, Value: FormatValue(f), When: figureWhen(f), Backlinks: r.backlinkList(pg.Path, f.Slug)}
			if src := refs.add(r, f.Source, pg.Path); src != nil {
				d.Source = *src
			}
			if c := site.Page(f.ClaimedBy); c != nil && r.published[c.Slug] {
				d.ClaimedBy = link{Title: c.Title(), Href: pg.Rel(URL(c))}
			}
			if m := site.Measure(f.Measure); m != nil && !m.Draft {
				b := r.block(pg.Path, m)
				d.Measure = &b
				if f.Unit.Symbol != m.Unit.Symbol {
					d.Converted = "about " + formatQuantity("", roundish(f.Number), m.Unit)
				}
			}
			return d
		})
	}
	return nil
}

type measureData struct {
	Block     measureBlock
	Backlinks []link
}

func (d measureData) key(h *hasher) {
	d.Block.key(h)
	each(h, d.Backlinks)
}

type figureData struct {
	Figure    *content.Figure
	Value     string
	Converted string
	When      string
	ClaimedBy link
	Source    reference
	Measure   *measureBlock
	Backlinks []link
}

func (d figureData) key(h *hasher) {
	h.strs([]string{d.Value, d.Converted, d.When, d.Figure.Part})
	d.ClaimedBy.key(h)
	d.Source.key(h)
	if d.Measure != nil {
		d.Measure.key(h)
	}
	each(h, d.Backlinks)
}
