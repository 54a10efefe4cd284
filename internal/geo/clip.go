package geo

// clipRing cuts a closed ring to the rectangle r (Sutherland–Hodgman). Parts
// outside become runs along r's edges; drawing clips with a rectangle a little
// larger than the view, so those runs never show.
func clipRing(ring []xy, r box) []xy {
	edges := []struct {
		in  func(xy) bool
		cut func(a, b xy) xy
	}{
		{func(p xy) bool { return p.X >= r.x0 }, func(a, b xy) xy { return atX(a, b, r.x0) }},
		{func(p xy) bool { return p.X <= r.x1 }, func(a, b xy) xy { return atX(a, b, r.x1) }},
		{func(p xy) bool { return p.Y >= r.y0 }, func(a, b xy) xy { return atY(a, b, r.y0) }},
		{func(p xy) bool { return p.Y <= r.y1 }, func(a, b xy) xy { return atY(a, b, r.y1) }},
	}
	out := ring
	for _, e := range edges {
		if len(out) == 0 {
			return nil
		}
		in := out
		out = make([]xy, 0, len(in)+4)
		prev := in[len(in)-1]
		for _, p := range in {
			switch pin, qin := e.in(p), e.in(prev); {
			case pin && qin:
				out = append(out, p)
			case pin:
				out = append(out, e.cut(prev, p), p)
			case qin:
				out = append(out, e.cut(prev, p))
			}
			prev = p
		}
	}
	return out
}

func atX(a, b xy, x float64) xy {
	return xy{x, a.Y + (b.Y-a.Y)*(x-a.X)/(b.X-a.X)}
}

func atY(a, b xy, y float64) xy {
	return xy{a.X + (b.X-a.X)*(y-a.Y)/(b.Y-a.Y), y}
}

// clipLine cuts an open polyline to the rectangle r (Liang–Barsky on each
// segment) and returns the visible runs.
func clipLine(pts []xy, r box) [][]xy {
	var runs [][]xy
	var cur []xy
	for i := 1; i < len(pts); i++ {
		a, b, ok := clipSegment(pts[i-1], pts[i], r)
		if !ok {
			if len(cur) > 1 {
				runs = append(runs, cur)
			}
			cur = nil
			continue
		}
		if len(cur) == 0 || cur[len(cur)-1] != a {
			if len(cur) > 1 {
				runs = append(runs, cur)
			}
			cur = []xy{a}
		}
		cur = append(cur, b)
	}
	if len(cur) > 1 {
		runs = append(runs, cur)
	}
	return runs
}

func clipSegment(a, b xy, r box) (xy, xy, bool) {
	t0, t1 := 0.0, 1.0
	dx, dy := b.X-a.X, b.Y-a.Y
	for _, c := range [4][2]float64{{-dx, a.X - r.x0}, {dx, r.x1 - a.X}, {-dy, a.Y - r.y0}, {dy, r.y1 - a.Y}} {
		p, q := c[0], c[1]
		if p == 0 {
			if q < 0 {
				return a, b, false
			}
			continue
		}
		t := q / p
		if p < 0 {
			if t > t1 {
				return a, b, false
			}
			t0 = max(t0, t)
		} else {
			if t < t0 {
				return a, b, false
			}
			t1 = min(t1, t)
		}
	}
	return xy{a.X + t0*dx, a.Y + t0*dy}, xy{a.X + t1*dx, a.Y + t1*dy}, true
}

// ringArea is the signed area of a closed ring (shoelace).
func ringArea(ring []xy) float64 {
	s := 0.0
	for i, p := range ring {
		q := ring[(i+1)%len(ring)]
		s += p.X*q.Y - q.X*p.Y
	}
	return s / 2
}

// inside reports whether p lies inside the closed ring (even–odd rule).
func inside(p xy, ring []xy) bool {
	in := false
	for i, j := 0, len(ring)-1; i < len(ring); j, i = i, i+1 {
		a, b := ring[i], ring[j]
		if (a.Y > p.Y) != (b.Y > p.Y) && p.X < (b.X-a.X)*(p.Y-a.Y)/(b.Y-a.Y)+a.X {
			in = !in
		}
	}
	return in
}
