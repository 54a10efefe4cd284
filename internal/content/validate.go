package content

import (
	"slices"
	"strings"

	"github.com/dossier-project/dossier/internal/diag"
	"github.com/dossier-project/dossier/internal/units"
)

// Allowed values of the enumerated front-matter fields.
var (
	Precisions   = []string{"day", "month", "year", "approximate"}
	Qualifiers   = []string{"", "at least", "more than", "over", "nearly", "almost", "about", "around", "up to", "less than", "fewer than"}
	Relations    = []string{"dispute", "series", "breakdown", "revision", "single"}
	DisputeKinds = []string{"number", "date", "account"}
	PlaceKinds   = []string{"city", "province", "district", "border-crossing", "country", "region", "site"}
	Themes       = []string{"casualties", "military", "violence", "refugees", "humanitarian", "diplomacy", "economy", "geography", "other"}
)

// validate checks what one page says about itself; cross references are
// checked by package verify, which sees the whole site and the sources.
func validate(target any, settings *Settings) diag.List {
	var ps diag.List
	need := func(p *Page, key, v string) {
		if strings.TrimSpace(v) == "" {
			ps.Add(diag.Errorf(p.File, p.KeyLine(key), "front matter: %s is required", key))
		}
	}
	enum := func(p *Page, key, v string, allowed []string) {
		if v != "" && !slices.Contains(allowed, v) {
			ps.Add(diag.Errorf(p.File, p.KeyLine(key), "front matter: %s %q is not one of %s", key, v, strings.Join(allowed, ", ")))
		}
	}
	weight := func(p *Page, w int) {
		if w < 0 || w > 100 {
			ps.Add(diag.Errorf(p.File, p.KeyLine("weight"), "front matter: weight %d is not between 0 and 100", w))
		}
	}
	unit := func(p *Page, name string, into *units.Unit) {
		if name == "" {
			return
		}
		u, err := units.Lookup(name)
		if err != nil {
			ps.Add(diag.Errorf(p.File, p.KeyLine("unit"), "front matter: unit: %v", err))
			return
		}
		*into = u
	}
	switch v := target.(type) {
	case *Doc:
		need(&v.Page, "title", v.Title)
		if len(v.Facts) > 0 && v.Slug != "index" {
			ps.Add(diag.Errorf(v.File, v.KeyLine("facts"), "front matter: facts belong to the briefing, content/index.md"))
		}
		for _, f := range v.Facts {
			if strings.TrimSpace(f.Label) == "" || strings.TrimSpace(f.Text) == "" {
				ps.Add(diag.Errorf(v.File, v.KeyLine("facts"), "front matter: facts: every fact needs a label and a text"))
				break
			}
		}
	case *Actor:
		need(&v.Page, "name", v.Name)
		need(&v.Page, "kind", v.Kind)
		need(&v.Page, "side", v.Side)
		enum(&v.Page, "kind", v.Kind, settings.Kinds)
		enum(&v.Page, "side", v.Side, settings.SideSlugs())
		weight(&v.Page, v.Weight)
	case *Event:
		need(&v.Page, "title", v.Title)
		need(&v.Page, "precision", v.Precision)
		enum(&v.Page, "precision", v.Precision, Precisions)
		ps.Add(validateWhen(v)...)
	case *Measure:
		need(&v.Page, "title", v.Title)
		need(&v.Page, "unit", v.UnitName)
		need(&v.Page, "relation", v.Relation)
		enum(&v.Page, "relation", v.Relation, Relations)
		enum(&v.Page, "theme", v.Theme, Themes)
		unit(&v.Page, v.UnitName, &v.Unit)
		weight(&v.Page, v.Weight)
		if !v.Period.IsZero() && !v.AsOf.IsZero() {
			ps.Add(diag.Errorf(v.File, v.KeyLine("as_of"), "front matter: give either period (what the figures count over) or as_of (the day a stock was counted), not both"))
		}
		if v.Total != "" && v.Relation != "breakdown" {
			ps.Add(diag.Errorf(v.File, v.KeyLine("total"), "front matter: total belongs to a breakdown; this measure is a %s", v.Relation))
		}
	case *Figure:
		need(&v.Page, "title", v.Title)
		need(&v.Page, "claimed_by", v.ClaimedBy)
		need(&v.Page, "measure", v.Measure)
		enum(&v.Page, "qualifier", v.Qualifier, Qualifiers)
		unit(&v.Page, v.UnitName, &v.Unit)
		if v.Source.Seed == "" {
			ps.Add(diag.Errorf(v.File, v.KeyLine("source"), "front matter: source is required: the line that states the value, like \"000:187\""))
		}
	case *Dispute:
		need(&v.Page, "title", v.Title)
		need(&v.Page, "kind", v.Kind)
		enum(&v.Page, "kind", v.Kind, DisputeKinds)
		enum(&v.Page, "theme", v.Theme, Themes)
		weight(&v.Page, v.Weight)
		switch {
		case v.Kind == "number" && v.Measure == "":
			ps.Add(diag.Errorf(v.File, v.KeyLine("kind"), "front matter: a dispute of a number names its measure (measure: slug); the measure's figures are the claims"))
		case v.Kind == "number" && len(v.Claims) > 0:
			ps.Add(diag.Errorf(v.File, v.KeyLine("claims"), "front matter: a dispute of a number takes its claims from its measure's figures; remove claims"))
		case v.Kind != "number" && v.Kind != "" && v.Measure != "":
			ps.Add(diag.Errorf(v.File, v.KeyLine("measure"), "front matter: only a dispute of kind number names a measure"))
		case v.Kind != "number" && v.Kind != "" && len(v.Claims) < 2:
			ps.Add(diag.Errorf(v.File, v.KeyLine("claims"), "front matter: a dispute needs at least two claims, each with claimed_by, summary and citations"))
		}
		for _, c := range v.Claims {
			if c.ClaimedBy == "" || strings.TrimSpace(c.Summary) == "" || len(c.Citations) == 0 {
				ps.Add(diag.Errorf(v.File, v.KeyLine("claims"), "front matter: every claim needs claimed_by, summary and citations"))
				break
			}
		}
	case *Topic:
		need(&v.Page, "title", v.Title)
		need(&v.Page, "summary", v.Summary)
		weight(&v.Page, v.Weight)
	case *Place:
		need(&v.Page, "name", v.Name)
		need(&v.Page, "kind", v.Kind)
		need(&v.Page, "country", v.Country)
		need(&v.Page, "coords_source", v.CoordsSource)
		enum(&v.Page, "kind", v.Kind, PlaceKinds)
		if v.Country != "" && (len(v.Country) != 2 || strings.ToUpper(v.Country) != v.Country) {
			ps.Add(diag.Errorf(v.File, v.KeyLine("country"), "front matter: country %q is not an ISO 3166-1 alpha-2 code such as AF or PK", v.Country))
		}
		if _, ok := v.lines.Lines["lat"]; !ok || v.Lat < -90 || v.Lat > 90 {
			ps.Add(diag.Errorf(v.File, v.KeyLine("lat"), "front matter: lat is required, in degrees between -90 and 90"))
		}
		if _, ok := v.lines.Lines["lon"]; !ok || v.Lon < -180 || v.Lon > 180 {
			ps.Add(diag.Errorf(v.File, v.KeyLine("lon"), "front matter: lon is required, in degrees between -180 and 180"))
		}
	}
	return ps
}

// validateWhen checks an event's date or bounds against its precision.
func validateWhen(e *Event) diag.List {
	var ps diag.List
	bounded := !e.Earliest.IsZero() || !e.Latest.IsZero()
	switch {
	case bounded && !e.Date.IsZero():
		ps.Add(diag.Errorf(e.File, e.KeyLine("earliest"), "front matter: give either date or earliest and latest, not both"))
	case bounded && (e.Earliest.Precision() != "day" || e.Latest.Precision() != "day"):
		ps.Add(diag.Errorf(e.File, e.KeyLine("earliest"), "front matter: earliest and latest are both days (YYYY-MM-DD): the first and last day the event may have happened on"))
	case bounded && e.Earliest.Compare(e.Latest) > 0:
		ps.Add(diag.Errorf(e.File, e.KeyLine("latest"), "front matter: latest %s is before earliest %s", e.Latest, e.Earliest))
	case bounded && e.Precision != "approximate":
		ps.Add(diag.Errorf(e.File, e.KeyLine("precision"), "front matter: an event known only within bounds has precision approximate"))
	case !bounded && e.Date.IsZero():
		ps.Add(diag.Errorf(e.File, e.KeyLine("date"), "front matter: date is required (YYYY-MM-DD, YYYY-MM or YYYY), or earliest and latest for an event known only within a window"))
	case !bounded && rank(e.Precision) > rank(e.Date.Precision()):
		ps.Add(diag.Errorf(e.File, e.KeyLine("precision"), "front matter: precision %q claims more than the date %s gives", e.Precision, e.Date))
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
