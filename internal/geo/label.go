package geo

import "math"

// Advance widths of ASCII 32–126 in thousandths of an em: for each character
// the widest of DejaVu Sans and Liberation Sans (Arial's metrics), regular and
// bold. DejaVu is the widest common sans-serif, what system-ui falls back to
// on Linux, so a label measured with these tables is at least as long as it is
// drawn with Segoe UI, Roboto, San Francisco or Helvetica: boxes that do not
// overlap here do not overlap on screen.
var (
	regularWidths = [95]uint16{318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636, 636, 636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 556, 1015, 684, 686, 722, 770, 667, 611, 778, 752, 295, 500, 667, 557, 863, 748, 787, 667, 787, 722, 667, 611, 732, 684, 989, 685, 667, 685, 390, 337, 390, 838, 556, 500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612, 635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838}
	boldWidths    = [95]uint16{348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365, 696, 696, 696, 696, 696, 696, 696, 696, 696, 696, 400, 400, 838, 838, 838, 611, 1000, 774, 762, 734, 830, 683, 683, 821, 837, 372, 556, 775, 637, 995, 837, 850, 733, 850, 770, 720, 682, 812, 774, 1103, 771, 724, 725, 457, 365, 457, 838, 556, 500, 675, 716, 593, 716, 678, 435, 716, 712, 343, 343, 665, 343, 1042, 712, 687, 716, 716, 493, 595, 478, 712, 652, 924, 645, 652, 582, 712, 365, 712, 838}
)

// The box reserved for a line of text around its baseline, in ems. DejaVu's
// ascender and descender are 0.928 and 0.236, but browsers round them, and
// glyph positions, to device pixels: at 11–16 device pixels Chromium's boxes
// reach up to 1.0 em above the baseline, 0.28 em below it, and 0.05 em past
// either end of the advance. The margins below cover that; the browser test
// measures it.
const (
	ascent     = 1.0
	descent    = 0.3
	sideBear   = 0.07 // added at each end
	widthSlack = 1.02 // hinting makes a label up to 1% longer than its advances
)

// textWidth estimates the drawn width of s at the given font size.
func textWidth(s string, size float64, bold bool) float64 {
	table := &regularWidths
	if bold {
		table = &boldWidths
	}
	w := 0
	for _, r := range s {
		switch {
		case r >= 32 && r <= 126:
			w += int(table[r-32])
		case r < 0x250: // accented Latin letters: as wide as the widest lower-case letter
			w += 780
		default: // anything else, CJK included: a full em
			w += 1000
		}
	}
	return float64(w) * size / 1000 * widthSlack
}

// label is a piece of text placed on the map.
type label struct {
	text   string
	x, y   float64 // the anchor point on the baseline
	anchor string  // "start", "middle" or "end"
	box    box
}

// textBox is the box text occupies when drawn at (x, y) with anchor.
func textBox(text string, x, y float64, anchor string, size float64, bold bool) box {
	w := textWidth(text, size, bold)
	left := x
	switch anchor {
	case "middle":
		left = x - w/2
	case "end":
		left = x - w
	}
	return box{left - sideBear*size, y - ascent*size, left + w + sideBear*size, y + descent*size}
}

type circle struct{ x, y, r float64 }

// placer accepts label boxes that stay inside the view and clear of every
// label already placed and every marker.
type placer struct {
	view    box
	pad     float64
	labels  []box
	circles []circle
}

func (p *placer) free(b box) bool {
	if b.x0 < p.view.x0+p.pad || b.y0 < p.view.y0+p.pad || b.x1 > p.view.x1-p.pad || b.y1 > p.view.y1-p.pad {
		return false
	}
	grown := box{b.x0 - p.pad, b.y0 - p.pad, b.x1 + p.pad, b.y1 + p.pad}
	for _, o := range p.labels {
		if grown.overlaps(o) {
			return false
		}
	}
	for _, c := range p.circles {
		dx := c.x - math.Max(b.x0, math.Min(c.x, b.x1))
		dy := c.y - math.Max(b.y0, math.Min(c.y, b.y1))
		if math.Hypot(dx, dy) < c.r+p.pad {
			return false
		}
	}
	return true
}

// around places text next to a circle, trying the positions cartographers
// prefer in turn: right, left, then the four diagonals, then above and below.
// It returns false when every position is taken or leaves the view.
func (p *placer) around(text string, c circle, gap, size float64, bold bool) (label, bool) {
	mid := (ascent - descent) / 2 * size // baseline offset that centres the box on a point
	d := c.r*math.Sqrt2/2 + gap/2        // diagonal offset that clears the circle
	type cand struct {
		x, y   float64
		anchor string
	}
	cands := []cand{
		{c.x + c.r + gap, c.y + mid, "start"},
		{c.x - c.r - gap, c.y + mid, "end"},
		{c.x + d, c.y - d - descent*size, "start"},
		{c.x + d, c.y + d + ascent*size, "start"},
		{c.x - d, c.y - d - descent*size, "end"},
		{c.x - d, c.y + d + ascent*size, "end"},
		{c.x, c.y - c.r - gap - descent*size, "middle"},
		{c.x, c.y + c.r + gap + ascent*size, "middle"},
	}
	for _, k := range cands {
		b := textBox(text, k.x, k.y, k.anchor, size, bold)
		if p.free(b) {
			p.labels = append(p.labels, b)
			return label{text: text, x: k.x, y: k.y, anchor: k.anchor, box: b}, true
		}
	}
	return label{}, false
}

// inArea places text centred on one of spots, points deep inside a closed
// ring (a country's part of the map), best first, and accepts a box that is
// free and whose corners and edge midpoints all lie in the ring.
func (p *placer) inArea(text string, ring, spots []xy, size float64) (label, bool) {
	mid := (ascent - descent) / 2 * size
	for _, s := range spots {
		b := textBox(text, s.X, s.Y+mid, "middle", size, false)
		ok := p.free(b)
		for _, q := range []xy{{b.x0, b.y0}, {b.x1, b.y0}, {b.x0, b.y1}, {b.x1, b.y1}, {(b.x0 + b.x1) / 2, b.y0}, {(b.x0 + b.x1) / 2, b.y1}} {
			ok = ok && inside(q, ring)
		}
		if ok {
			p.labels = append(p.labels, b)
			return label{text: text, x: s.X, y: s.Y + mid, anchor: "middle", box: b}, true
		}
	}
	return label{}, false
}
