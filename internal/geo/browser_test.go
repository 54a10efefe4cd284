package geo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dossier-project/dossier/internal/browsertest"
)

// TestLabelsFitInABrowser draws maps into a page styled with the default
// theme's stylesheet (static/style.css) and asks Chromium where each label really
// is: every drawn text must lie inside the box the layout reserved for it, so
// the layout's guarantees (no overlap, nothing clipped) hold on screen, and
// the CSS must give map text the sizes the layout assumed.
//
// It skips under -short, and when Chromium is missing unless
// DOSSIER_BROWSER=require (as in CI); .ci/browser-deps.sh installs it. Each
// browser step has a deadline of its own.
func TestLabelsFitInABrowser(t *testing.T) {
	exe := browsertest.Exe(t)
	a := world(t)
	var page strings.Builder
	css, err := os.ReadFile(filepath.Join("..", "..", "static", "style.css"))
	require.NoError(t, err)
	page.WriteString(`<!doctype html><html lang="en"><meta charset="utf-8"><title>maps</title><link rel="stylesheet" href="map.css"><body>`)
	draw := func(b BBox, ms []Marker, o Options) {
		m, err := a.Draw(b, ms, o)
		require.NoError(t, err)
		page.Write(m.SVG)
	}
	ms := withHrefs(places)
	draw(region, ms, Options{IDPrefix: "full"})
	ms[6].Highlight, ms[7].Highlight = true, true
	draw(region, ms, Options{IDPrefix: "loc", Locator: true})
	rng := rand.New(rand.NewPCG(7, 7))
	for i := range 6 {
		var rs []Marker
		for j := range 30 {
			rs = append(rs, Marker{Slug: fmt.Sprint(j), Name: []string{"Wgmw Mwwm", "Iiil", "Kabul", "New Delhi", "Spin Boldak", "Muzaffarabad", "Ürümqi"}[rng.IntN(7)],
				Lat: 24 + rng.Float64()*14, Lon: 60 + rng.Float64()*18.5, Weight: rng.IntN(50), Highlight: rng.IntN(4) == 0, Href: "#"})
		}
		draw(region, rs, Options{IDPrefix: fmt.Sprint("r", i), Locator: i%2 == 1})
	}
	page.WriteString(`</body></html>`)
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "map.css"), css, 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "index.html"), []byte(page.String()), 0o644))

	bctx, stop, err := browsertest.Start(browsertest.Options(exe, chromedp.WindowSize(1000, 800)))
	require.NoError(t, err, "start %s", exe)
	defer stop()
	step := func() (context.Context, context.CancelFunc) { return context.WithTimeout(bctx, 30*time.Second) }

	type measured struct {
		Text, Anchor, FontSize string
		Locator, Bold          bool
		X, Y                   float64
		BX, BY, BW, BH         float64
	}
	ctx, cancel := step()
	defer cancel()
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate("file://"+filepath.Join(dir, "index.html"))), "open the page of maps")
	ctx, cancel = step()
	defer cancel()
	got, err := chromedp.Run(ctx, chromedp.Evaluate[[]measured](`[...document.querySelectorAll('svg.map text')].map(t => {
			const b = t.getBBox(), s = getComputedStyle(t);
			return {Text: t.textContent, Anchor: t.getAttribute('text-anchor') || 'start', FontSize: s.fontSize,
				Locator: t.closest('svg').classList.contains('locator'), Bold: s.fontWeight >= 600,
				X: +t.getAttribute('x'), Y: +t.getAttribute('y'), BX: b.x, BY: b.y, BW: b.width, BH: b.height};
		})`))
	require.NoError(t, err)
	require.Greater(t, len(got), 40, "the page must hold labels to measure")
	for _, m := range got {
		size := float64(LabelSize)
		if m.Locator {
			size = LocatorLabelSize
		}
		assert.Equal(t, fmt.Sprintf("%gpx", size), m.FontSize, "the CSS must draw %q at the size the layout assumed", m.Text)
		est := textBox(m.Text, m.X, m.Y, m.Anchor, size, m.Bold)
		const slack = 0.05
		assert.True(t, m.BX >= est.x0-slack && m.BX+m.BW <= est.x1+slack && m.BY >= est.y0-slack && m.BY+m.BH <= est.y1+slack,
			"%q (bold %v, %gpx): drawn at x %.2f–%.2f, y %.2f–%.2f; reserved x %.2f–%.2f, y %.2f–%.2f",
			m.Text, m.Bold, size, m.BX, m.BX+m.BW, m.BY, m.BY+m.BH, est.x0, est.x1, est.y0, est.y1)
	}
}
