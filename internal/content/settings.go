package content

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"regexp"
	"slices"
	"strings"

	"github.com/dossier-project/dossier/internal/date"
	"github.com/dossier-project/dossier/internal/diag"
	"github.com/dossier-project/dossier/internal/strictyaml"
)

// SettingsFile holds a dossier's own settings, relative to the project root.
const SettingsFile = Dir + "/dossier.yaml"

// Settings are what makes one dossier differ from another beyond its pages:
// its name, its sides, the period it covers and the region its map shows.
//
//	title: The Red Sea shipping crisis, 2024       # the site's name (required)
//	description: One line for the home page and meta tags
//	language: en                                  # <html lang>; default en
//	base_url: https://example.github.io/red-sea/  # optional default for build -base-url
//	sides:                                        # display order; actors use one of these slugs
//	  - {slug: houthis, label: The Houthi movement, color: "#b45309"}
//	kinds: [person, organization, state, armed-group, media]   # actor kinds (this is the default)
//	period: 2023-11/2024-12                       # the period the timeline opens on
//	map: {bbox: [32, 10, 60, 30]}                 # the map's region: west, south, east, north
//	reviewed: 2024-12-20                          # when the dossier was last reviewed
type Settings struct {
	Title       string      `yaml:"title"`
	Description string      `yaml:"description"`
	Language    string      `yaml:"language"`
	BaseURL     string      `yaml:"base_url"`
	Sides       []Side      `yaml:"sides"`
	Kinds       []string    `yaml:"kinds"`
	Period      date.Period `yaml:"period"`
	Map         MapSettings `yaml:"map"`
	Reviewed    date.Date   `yaml:"reviewed"`

	Sum [32]byte `yaml:"-"` // SHA-256 of the file
}

// Side is a party to the story; every actor belongs to one.
type Side struct {
	Slug  string `yaml:"slug"`
	Label string `yaml:"label"`
	Color string `yaml:"color"` // #rgb or #rrggbb
}

// MapSettings is the region the dossier's maps show.
type MapSettings struct {
	BBox []float64 `yaml:"bbox"` // west, south, east, north, in degrees
}

// DefaultKinds are the actor kinds of a dossier that does not list its own.
var DefaultKinds = []string{"person", "organization", "state", "armed-group", "media"}

// Side returns the side with the slug, or nil.
func (s *Settings) Side(slug string) *Side {
	for i := range s.Sides {
		if s.Sides[i].Slug == slug {
			return &s.Sides[i]
		}
	}
	return nil
}

// SideSlugs lists the sides' slugs in display order.
func (s *Settings) SideSlugs() []string {
	var out []string
	for _, sd := range s.Sides {
		out = append(out, sd.Slug)
	}
	return out
}

func defaultSettings() *Settings {
	return &Settings{Title: "Dossier", Language: "en", Kinds: DefaultKinds}
}

var (
	colorForm    = regexp.MustCompile(`^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$`)
	languageForm = regexp.MustCompile(`^[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{2,8})*$`)
)

// LoadSettings reads content/dossier.yaml strictly. A missing or broken
// file is a problem; the defaults stand in for what could not be read.
func LoadSettings(fsys fs.FS) (*Settings, diag.List) {
	s := defaultSettings()
	data, err := fs.ReadFile(fsys, SettingsFile)
	if errors.Is(err, fs.ErrNotExist) {
		return s, diag.List{diag.Errorf(SettingsFile, 0, "missing: a dossier's settings (title, sides, …) live in %s; see the README or run `dossier new` for an example", SettingsFile)}
	}
	if err != nil {
		return s, diag.List{diag.Errorf(SettingsFile, 0, "cannot read: %v", err)}
	}
	s.Sum = sha256.Sum256(data)
	dec, problems := strictyaml.Decode(SettingsFile, 1, data, s, "")
	if len(problems) > 0 {
		return s, problems
	}
	at := func(key string) int { return dec.Line(key, 1) }
	bad := func(key, format string, args ...any) {
		problems.Add(diag.Errorf(SettingsFile, at(key), "%s: %s", key, fmt.Sprintf(format, args...)))
	}
	if strings.TrimSpace(s.Title) == "" {
		bad("title", "is required: the dossier's name, shown in every page's header")
	}
	if s.Language == "" {
		s.Language = "en"
	} else if !languageForm.MatchString(s.Language) {
		bad("language", "%q is not a language tag such as en or fr-CA", s.Language)
	}
	if s.BaseURL != "" {
		if u, err := CheckBaseURL(s.BaseURL); err != nil {
			bad("base_url", "%v", err)
		} else {
			s.BaseURL = u
		}
	}
	if len(s.Sides) == 0 {
		bad("sides", "list at least one side: - {slug: …, label: …, color: \"#…\"}")
	}
	seen := map[string]bool{}
	for _, sd := range s.Sides {
		switch {
		case !slugForm.MatchString(sd.Slug):
			bad("sides", "side slug %q is not a slug: use lower-case letters, digits and hyphens", sd.Slug)
		case seen[sd.Slug]:
			bad("sides", "side %q is listed twice", sd.Slug)
		case strings.TrimSpace(sd.Label) == "":
			bad("sides", "side %q needs a label", sd.Slug)
		case !colorForm.MatchString(sd.Color):
			bad("sides", "side %q: color %q is not a colour such as \"#1d4ed8\"", sd.Slug, sd.Color)
		}
		seen[sd.Slug] = true
	}
	if len(s.Kinds) == 0 {
		s.Kinds = DefaultKinds
	}
	for _, k := range s.Kinds {
		if !slugForm.MatchString(k) {
			bad("kinds", "kind %q is not a slug", k)
		}
	}
	if b := s.Map.BBox; b != nil {
		switch {
		case len(b) != 4:
			bad("map", "bbox has %d numbers; give four: west, south, east, north (degrees)", len(b))
		case b[0] >= b[2] || b[1] >= b[3]:
			bad("map", "bbox [%g, %g, %g, %g] is empty: west must be less than east and south less than north", b[0], b[1], b[2], b[3])
		case slices.ContainsFunc(b, func(v float64) bool { return v < -180 || v > 180 }) || b[1] < -90 || b[3] > 90:
			bad("map", "bbox [%g, %g, %g, %g] leaves the globe: longitudes lie within ±180, latitudes within ±90", b[0], b[1], b[2], b[3])
		}
	}
	return s, problems
}

// CheckBaseURL accepts an absolute http(s) address and makes it end in "/".
func CheckBaseURL(s string) (string, error) {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		return "", fmt.Errorf("%q: want an absolute http or https address such as https://example.org/dossier/", s)
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	return u.String(), nil
}
