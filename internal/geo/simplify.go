package geo

// xy is a point on the drawing, in SVG user units (x right, y down).
type xy struct{ X, Y float64 }

// simplify reduces a polyline with Douglas–Peucker: a point is kept when it
// lies farther than tol from the chord of the kept points around it. The
// first and last points are always kept, which is what lets two countries
// that share an arc still meet after simplification.
func simplify(pts []xy, tol float64) []xy {
	if len(pts) < 3 || tol <= 0 {
		return pts
	}
	keep := make([]bool, len(pts))
	keep[0], keep[len(pts)-1] = true, true
	type span struct{ a, b int }
	stack := []span{{0, len(pts) - 1}}
	for len(stack) > 0 {
		s := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		far, farD := -1, tol*tol
		for i := s.a + 1; i < s.b; i++ {
			if d := segmentDistance2(pts[i], pts[s.a], pts[s.b]); d > farD {
				far, farD = i, d
			}
		}
		if far >= 0 {
			keep[far] = true
			stack = append(stack, span{s.a, far}, span{far, s.b})
		}
	}
	out := make([]xy, 0, len(pts)/2)
	for i, p := range pts {
		if keep[i] {
			out = append(out, p)
		}
	}
	return out
}

// segmentDistance2 is the squared distance from p to the segment a–b.
func segmentDistance2(p, a, b xy) float64 {
	dx, dy := b.X-a.X, b.Y-a.Y
	ex, ey := p.X-a.X, p.Y-a.Y
	l2 := dx*dx + dy*dy
	if l2 == 0 {
		return ex*ex + ey*ey
	}
	t := (ex*dx + ey*dy) / l2
	t = max(0, min(1, t))
	ex, ey = ex-t*dx, ey-t*dy
	return ex*ex + ey*ey
}

// simplifyDegrees is simplify on longitude and latitude, for Encode.
func simplifyDegrees(pts []Point, tol float64) []Point {
	v := make([]xy, len(pts))
	for i, p := range pts {
		v[i] = xy{p.Lon, p.Lat}
	}
	v = simplify(v, tol)
	out := make([]Point, len(v))
	for i, p := range v {
		out[i] = Point{p.X, p.Y}
	}
	return out
}
