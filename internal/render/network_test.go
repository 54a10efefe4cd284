package render

import (
	"fmt"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/dossier-project/dossier/internal/content"
)

// TestNetworkBoxHoldsWhatIsDrawn places ego networks of one to eight
// neighbours and the whole network of up to twelve actors: every node and
// every label is inside the box the SVG shows, and the box is no larger
// than what it holds, so that two neighbours make a band across the page,
// not a column twice the ring's height.
func TestNetworkBoxHoldsWhatIsDrawn(t *testing.T) {
	radius := func(n netNode) float64 { return 5 + float64(n.weight) }
	for _, centred := range []bool{true, false} {
		for size := 1; size <= 12; size++ {
			var nodes []netNode
			for i := range size {
				a := &content.Actor{Name: fmt.Sprintf("Actor with a name of some length %d", i)}
				a.Slug = fmt.Sprintf("a%d", i)
				nodes = append(nodes, netNode{a: a, weight: i % 4})
			}
			centre := ""
			if centred {
				if size < 2 || size > 9 {
					continue // an ego network has one to eight neighbours
				}
				centre = "a0"
			}
			name := fmt.Sprintf("%d nodes, centre %q", size, centre)
			pos := ringPositions(nodes, centre)
			labels, box := placeNetLabels(nodes, pos, radius, centre)
			var hull netBox = netBox{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
			grow := func(x0, y0, x1, y1 float64) {
				hull = netBox{min(hull.minX, x0), min(hull.minY, y0), max(hull.maxX, x1), max(hull.maxY, y1)}
			}
			for _, n := range nodes {
				p, l, r := pos[n.a.Slug], labels[n.a.Slug], radius(n)
				grow(p.X-r, p.Y-r, p.X+r, p.Y+r)
				w := labelWidth(l.text, netFontSize)
				x0 := map[string]float64{"start": l.x, "middle": l.x - w/2, "end": l.x - w}[l.anchor]
				grow(x0, l.y-netFontSize, x0+w, l.y)
			}
			const pad = 8.0
			assert.InDelta(t, hull.minX-pad, box.minX, 4.5, name)
			assert.InDelta(t, hull.maxX+pad, box.maxX, 4.5, name)
			assert.InDelta(t, hull.minY-pad, box.minY, 4.5, name)
			assert.InDelta(t, hull.maxY+pad, box.maxY, 4.5, name)
			assert.LessOrEqual(t, box.minX, hull.minX, name)
			assert.LessOrEqual(t, box.minY, hull.minY, name)
			assert.GreaterOrEqual(t, box.maxX, hull.maxX, name)
			assert.GreaterOrEqual(t, box.maxY, hull.maxY, name)
			if centred && size <= 3 {
				assert.Less(t, box.maxY-box.minY, (box.maxX-box.minX)/2, "%s: a band, not a column", name)
			}
		}
	}
}
