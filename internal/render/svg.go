package render

import (
	"fmt"
	"html"
	"html/template"
	"sort"
	"strings"

	"github.com/dossier-project/dossier/internal/text"
)

// measureChart draws a measure's figures: a series (one claimant, several
// dates, such as deaths per year) as columns in date order, anything else —
// above all contested claims — as bars side by side.
func measureChart(measure string, rows []figureRow) template.HTML {
	if isSeries(rows) {
		return seriesChart(measure, rows)
	}
	return barChart(measure, rows)
}

func isSeries(rows []figureRow) bool {
	if len(rows) < 2 {
		return false
	}
	seen := map[string]bool{}
	for _, r := range rows {
		if r.Claimant != rows[0].Claimant || r.Unit != rows[0].Unit || r.When.IsZero() || seen[r.When.String()] {
			return false
		}
		seen[r.When.String()] = true
	}
	return true
}

// seriesChart draws one claimant's values over time as columns.
func seriesChart(measure string, rows []figureRow) template.HTML {
	rows = append([]figureRow{}, rows...)
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].When.Compare(rows[j].When) < 0 })
	const colW, gap, hMax, top, bottom = 90, 30, 160, 24, 44
	maxV := 0.0
	for _, r := range rows {
		maxV = max(maxV, r.Value)
	}
	if maxV <= 0 {
		return ""
	}
	width := len(rows)*(colW+gap) + gap
	id := "chart-" + measure
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart series" role="img" viewBox="0 0 %d %d" aria-labelledby="%s-t %s-d"><title id="%s-t">%s</title><desc id="%s-d">`,
		width, top+hMax+bottom, id, id, id, html.EscapeString(text.UpperFirst(rows[0].Unit)+" over time, per "+rows[0].ClaimedBy), id)
	for i, r := range rows {
		if i > 0 {
			b.WriteString("; ")
		}
		fmt.Fprintf(&b, "%s: %s", html.EscapeString(r.AsOf), html.EscapeString(r.Display))
	}
	b.WriteString(`</desc>`)
	for i, r := range rows {
		x := gap + i*(colW+gap)
		h := max(2, int(r.Value/maxV*hMax))
		fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%d" height="%d" class="bar"></rect>`, x, top+hMax-h, colW, h)
		fmt.Fprintf(&b, `<text x="%d" y="%d" class="value" text-anchor="middle">%s</text>`, x+colW/2, top+hMax-h-6, html.EscapeString(r.Display))
		fmt.Fprintf(&b, `<text x="%d" y="%d" class="label" text-anchor="middle">%s</text>`, x+colW/2, top+hMax+20, html.EscapeString(r.AsOf))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// barChart draws a measure's claims as horizontal bars, largest first, so
// contested numbers read side by side. A measure with one claim gets no chart.
func barChart(measure string, rows []figureRow) template.HTML {
	if len(rows) < 2 {
		return ""
	}
	const width, labelW, rowH, barMax = 640, 260, 28, 280
	maxV := 0.0
	for _, r := range rows {
		maxV = max(maxV, r.Value)
	}
	if maxV <= 0 {
		return ""
	}
	h := rowH*len(rows) + 8
	var b strings.Builder
	id := chartID(measure)
	fmt.Fprintf(&b, `<svg class="chart" role="img" viewBox="0 0 %d %d" aria-labelledby="%s-t %s-d"><title id="%s-t">%s</title><desc id="%s-d">`,
		width, h, id, id, id, html.EscapeString("Claims compared: "+rows[0].Unit), id)
	for i, r := range rows {
		if i > 0 {
			b.WriteString("; ")
		}
		fmt.Fprintf(&b, "%s: %s", html.EscapeString(r.ClaimedBy), html.EscapeString(r.Display))
	}
	b.WriteString(`</desc>`)
	for i, r := range rows {
		y := 4 + i*rowH
		w := int(r.Value / maxV * barMax)
		fmt.Fprintf(&b, `<text x="%d" y="%d" class="label" text-anchor="end">%s</text>`, labelW-8, y+18, html.EscapeString(text.Shorten(r.ClaimedBy, 34)))
		fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%d" height="%d" class="bar bar-%d"></rect>`, labelW, y+4, max(w, 2), rowH-10, i%4)
		fmt.Fprintf(&b, `<text x="%d" y="%d" class="value">%s</text>`, labelW+max(w, 2)+6, y+18, html.EscapeString(r.Display))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// chartID makes an element id from a measure, which is free text from front
// matter: anything but ASCII letters, digits, "-" and "_" becomes "_", so the
// id can neither break out of its attribute nor split an aria-labelledby list.
func chartID(measure string) string {
	return "chart-" + strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' {
			return r
		}
		return '_'
	}, measure)
}

// monthCount is one bar of the timeline strip.
type monthCount struct {
	Label string // "Oct 2025"
	Count int
	Href  string
}

// timelineStrip draws how many events each month holds, as a bar strip
// linking to the month's section of the timeline page.
func timelineStrip(months []monthCount) template.HTML {
	if len(months) == 0 {
		return ""
	}
	const barW, gap, hMax, top = 40, 8, 90, 18
	maxC := 0
	for _, m := range months {
		maxC = max(maxC, m.Count)
	}
	width := len(months)*(barW+gap) + gap
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="strip" role="group" width="%d" height="%d" viewBox="0 0 %d %d" aria-labelledby="strip-t strip-d"><title id="strip-t">Events per period</title><desc id="strip-d">`, width, top+hMax+30, width, top+hMax+30)
	for i, m := range months {
		if i > 0 {
			b.WriteString("; ")
		}
		fmt.Fprintf(&b, "%s: %d", m.Label, m.Count)
	}
	b.WriteString(`</desc>`)
	for i, m := range months {
		x := gap + i*(barW+gap)
		h := max(2, m.Count*hMax/max(maxC, 1))
		fmt.Fprintf(&b, `<a href="%s"><rect x="%d" y="%d" width="%d" height="%d" class="bar"></rect><text x="%d" y="%d" class="value" text-anchor="middle">%d</text><text x="%d" y="%d" class="label" text-anchor="middle">%s</text></a>`,
			html.EscapeString(m.Href), x, top+hMax-h, barW, h, x+barW/2, top+hMax-h-4, m.Count, x+barW/2, top+hMax+18, html.EscapeString(m.Label))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}
