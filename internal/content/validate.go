package content

import (
	"slices"
	"strings"

	"github.com/dossier-project/dossier/internal/diag"
	"github.com/dossier-project/dossier/internal/source"
	"github.com/dossier-project/dossier/internal/strictyaml"
)

// Allowed values of the enumerated front-matter fields.
var (
	Kinds      = []string{"person", "organization", "state", "armed-group", "media"}
	Sides      = []string{"pakistan", "afghan-taliban", "militants", "mediators", "regional", "international", "analysts", "other"}
	Precisions = []string{"day", "month", "year", "approximate"}
	Qualifiers = []string{"", "at least", "more than", "over", "nearly", "almost", "about", "around", "up to", "less than", "fewer than"}
)

// validate checks what one page says about itself; cross references are
// checked by package verify, which sees the whole site and the sources.
func validate(target any, dec strictyaml.Decoded) diag.List {
	var ps diag.List
	need := func(p *Page, key, v string) {
		if strings.TrimSpace(v) == "" {
			ps.Add(diag.Errorf(p.File, dec.Line(key, 1), "front matter: %s is required", key))
		}
	}
	enum := func(p *Page, key, v string, allowed []string) {
		if v != "" && !slices.Contains(allowed, v) {
			ps.Add(diag.Errorf(p.File, dec.Line(key, 1), "front matter: %s %q is not one of %s", key, v, strings.Join(allowed, ", ")))
		}
	}
	switch v := target.(type) {
	case *Doc:
		need(&v.Page, "title", v.DocTitle)
	case *Actor:
		need(&v.Page, "name", v.Name)
		need(&v.Page, "kind", v.Kind)
		need(&v.Page, "side", v.Side)
		enum(&v.Page, "kind", v.Kind, Kinds)
		enum(&v.Page, "side", v.Side, Sides)
	case *Event:
		need(&v.Page, "title", v.EventTitle)
		need(&v.Page, "precision", v.Precision)
		enum(&v.Page, "precision", v.Precision, Precisions)
		if v.Date.IsZero() {
			ps.Add(diag.Errorf(v.File, dec.Line("date", 1), "front matter: date is required (YYYY-MM-DD, YYYY-MM or YYYY)"))
		} else if rank(v.Precision) > rank(v.Date.Precision()) {
			ps.Add(diag.Errorf(v.File, dec.Line("precision", 1), "front matter: precision %q claims more than the date %s gives", v.Precision, v.Date))
		}
	case *Figure:
		need(&v.Page, "title", v.FigureTitle)
		need(&v.Page, "unit", v.Unit)
		need(&v.Page, "source", v.SourceRef)
		need(&v.Page, "claimed_by", v.ClaimedBy)
		need(&v.Page, "measure", v.Measure)
		enum(&v.Page, "qualifier", v.Qualifier, Qualifiers)
		if v.SourceRef != "" {
			r, err := source.ParseRef(v.SourceRef)
			if err != nil {
				ps.Add(diag.Errorf(v.File, dec.Line("source", 1), "front matter: source: %v", err))
			}
			v.Source = r
		}
	case *Topic:
		need(&v.Page, "title", v.TopicTitle)
		need(&v.Page, "summary", v.Summary)
	}
	return ps
}

// rank orders precisions from vaguest to most exact.
func rank(p string) int {
	switch p {
	case "day":
		return 3
	case "month":
		return 2
	case "year":
		return 1
	}
	return 0
}
