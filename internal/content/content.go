// Package content reads the curated pages of a dossier.
//
// Every page is a markdown file with YAML front matter between "---" lines.
// The folder says what the page is; unknown front-matter keys are errors.
//
//	content/index.md            the briefing        title, description
//	content/about.md            the method          title, description
//	content/actors/<slug>.md    an actor            name, aliases, kind, side, role
//	content/timeline/<slug>.md  a dated event       title, date, precision, actors, topics
//	content/figures/<slug>.md   a number and claim  title, value, qualifier, unit, as_of,
//	                                                claimed_by, source, measure
//	content/topics/<slug>.md    an essay            title, summary, actors
//
// Any page may also say `draft: true`: drafts are checked but not published.
//
// Values:
//
//	kind       person | organization | state | armed-group | media
//	side       pakistan | afghan-taliban | militants | mediators | regional |
//	           international | analysts | other
//	date       YYYY-MM-DD, YYYY-MM or YYYY      (as_of too)
//	precision  day | month | year | approximate (must not claim more than the date has)
//	qualifier  "" | at least | more than | over | nearly | almost | about | around |
//	           up to | less than | fewer than
//	source     "000:187", the one seed line that states the figure's value
//	measure    a key shared by figures that count the same thing
//
// The slug is the file name without ".md": lower-case ASCII letters, digits
// and hyphens, unique across all folders. Bodies use the citation and link
// syntax of package markdown; Load parses them once.
package content

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"

	"github.com/yuin/goldmark/ast"
	"go.yaml.in/yaml/v3"

	"github.com/dossier-project/dossier/internal/date"
	"github.com/dossier-project/dossier/internal/diag"
	"github.com/dossier-project/dossier/internal/markdown"
	"github.com/dossier-project/dossier/internal/source"
	"github.com/dossier-project/dossier/internal/strictyaml"
)

// Dir is the folder, relative to the project root, that holds curated pages.
const Dir = "content"

// Type says what a page is; it is the name of the page's folder.
type Type string

// The page types.
const (
	TypePage   Type = "page" // index.md and about.md
	TypeActor  Type = "actors"
	TypeEvent  Type = "timeline"
	TypeFigure Type = "figures"
	TypeTopic  Type = "topics"
)

// Page is what every curated file has.
type Page struct {
	Type     Type
	Slug     string
	File     string // relative to the project root
	Body     []byte
	BodyLine int      // file line of Body's first line
	Doc      ast.Node // parsed Body
	Draft    bool
	title    string
}

// Title is the page's display name: an actor's name, otherwise its title.
func (p *Page) Title() string { return p.title }

// Line converts a byte offset in Body to a line of the file.
func (p *Page) Line(offset int) int {
	offset = min(max(offset, 0), len(p.Body))
	return p.BodyLine + bytes.Count(p.Body[:offset], []byte("\n"))
}

// Actor is a person or organisation in the story.
type Actor struct {
	Page    `yaml:"-"`
	Name    string   `yaml:"name"`
	Aliases []string `yaml:"aliases"`
	Kind    string   `yaml:"kind"`
	Side    string   `yaml:"side"`
	Role    string   `yaml:"role"`
	Drafted bool     `yaml:"draft"`
}

// Event is a dated entry in the timeline.
type Event struct {
	Page       `yaml:"-"`
	EventTitle string    `yaml:"title"`
	Date       date.Date `yaml:"date"`
	Precision  string    `yaml:"precision"`
	Actors     []string  `yaml:"actors"`
	Topics     []string  `yaml:"topics"`
	Drafted    bool      `yaml:"draft"`
}

// Figure is one number as one party states it.
type Figure struct {
	Page        `yaml:"-"`
	FigureTitle string     `yaml:"title"`
	Value       float64    `yaml:"value"`
	Qualifier   string     `yaml:"qualifier"`
	Unit        string     `yaml:"unit"`
	AsOf        date.Date  `yaml:"as_of"`
	ClaimedBy   string     `yaml:"claimed_by"`
	SourceRef   string     `yaml:"source"`
	Measure     string     `yaml:"measure"`
	Drafted     bool       `yaml:"draft"`
	Source      source.Ref `yaml:"-"` // SourceRef parsed
}

// Topic is an essay on one thread of the story.
type Topic struct {
	Page       `yaml:"-"`
	TopicTitle string   `yaml:"title"`
	Summary    string   `yaml:"summary"`
	Actors     []string `yaml:"actors"`
	Drafted    bool     `yaml:"draft"`
}

// Doc is index.md or about.md.
type Doc struct {
	Page        `yaml:"-"`
	DocTitle    string `yaml:"title"`
	Description string `yaml:"description"`
	Drafted     bool   `yaml:"draft"`
}

// Site is every curated page, drafts included, each list sorted by slug
// (events by date, then slug).
type Site struct {
	Index, About *Doc
	Actors       []*Actor
	Events       []*Event
	Figures      []*Figure
	Topics       []*Topic

	bySlug   map[string]*Page
	byName   map[string][]*Page // lower-cased names, aliases and titles
	unloaded map[string]string  // slug or lower-cased name → file of a page that could not be loaded
}

// Page returns the page with the slug, or nil.
func (s *Site) Page(slug string) *Page { return s.bySlug[slug] }

// Unloaded returns the file of the page with the slug when that page exists
// but could not be loaded (its own problem says why), or "".
func (s *Site) Unloaded(slug string) string { return s.unloaded[slug] }

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
// name or alias, then a title, ignoring case. It reports ambiguity as an error.
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

// Pages lists every page, index and about first, then actors, events,
// figures and topics in their sorted order.
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
	for _, f := range s.Figures {
		ps = append(ps, &f.Page)
	}
	for _, t := range s.Topics {
		ps = append(ps, &t.Page)
	}
	return ps
}

var slugForm = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)

// Load reads every page under content/ and parses its body with md.
func Load(fsys fs.FS, md *markdown.Markdown) (*Site, diag.List) {
	var problems diag.List
	s := &Site{bySlug: map[string]*Page{}, byName: map[string][]*Page{}, unloaded: map[string]string{}}
	if _, err := fs.Stat(fsys, Dir); err != nil {
		problems.Add(diag.Errorf(Dir, 0, "cannot read the content folder: %v (create %s/ with index.md, about.md, actors/, timeline/, figures/ and topics/)", err, Dir))
		return s, problems
	}
	err := fs.WalkDir(fsys, Dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			problems.Add(diag.Errorf(p, 0, "cannot read: %v", err))
			return nil
		}
		if d.IsDir() || strings.HasPrefix(d.Name(), ".") {
			return nil
		}
		if path.Ext(p) != ".md" {
			problems.Add(diag.Warnf(p, 0, "not a markdown page; ignored"))
			return nil
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			problems.Add(diag.Errorf(p, 0, "cannot read: %v", err))
			return nil
		}
		problems.Add(s.add(p, data, md)...)
		return nil
	})
	if err != nil {
		problems.Add(diag.Errorf(Dir, 0, "%v", err))
	}
	s.sort()
	problems.Add(s.index()...)
	if s.Index == nil {
		problems.Add(diag.Errorf(path.Join(Dir, "index.md"), 0, "missing: the home page (the briefing) is content/index.md"))
	}
	return s, problems
}

// add decodes one file into its typed page.
func (s *Site) add(file string, data []byte, md *markdown.Markdown) diag.List {
	rel := strings.TrimPrefix(file, Dir+"/")
	dir, name := path.Split(rel)
	slug := strings.TrimSuffix(name, ".md")
	typ := Type(strings.TrimSuffix(dir, "/"))
	if dir == "" {
		typ = TypePage
		if slug != "index" && slug != "about" {
			return diag.List{diag.Errorf(file, 0, "unexpected page: content/ holds index.md, about.md and the folders actors/, timeline/, figures/, topics/")}
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
	case TypeFigure:
		target = &Figure{}
	case TypeTopic:
		target = &Topic{}
	default:
		return diag.List{diag.Errorf(file, 0, "unexpected folder %q: pages go in actors/, timeline/, figures/ or topics/", dir)}
	}
	if !slugForm.MatchString(slug) {
		return diag.List{diag.Errorf(file, 0, "file name %q is not a slug: use lower-case letters, digits and hyphens (e.g. khawaja-asif.md)", name)}
	}
	fm, body, bodyLine, err := splitFrontMatter(data)
	if err != nil {
		s.markUnloaded(slug, file, nil)
		return diag.List{diag.Errorf(file, 1, "%v", err)}
	}
	dec, ps := strictyaml.Decode(file, 2, fm, target, "front matter: ")
	if len(ps) > 0 {
		s.markUnloaded(slug, file, fm)
		return ps
	}
	p := target.page()
	p.Type, p.Slug, p.File, p.Body, p.BodyLine = typ, slug, file, body, bodyLine
	p.Doc = md.Parse(body)
	problems := validate(target, dec)
	switch v := target.(type) {
	case *Doc:
		if slug == "index" {
			s.Index = v
		} else {
			s.About = v
		}
	case *Actor:
		s.Actors = append(s.Actors, v)
	case *Event:
		s.Events = append(s.Events, v)
	case *Figure:
		s.Figures = append(s.Figures, v)
	case *Topic:
		s.Topics = append(s.Topics, v)
	}
	return problems
}

func (a *Actor) page() *Page  { a.Page.Draft, a.Page.title = a.Drafted, a.Name; return &a.Page }
func (e *Event) page() *Page  { e.Page.Draft, e.Page.title = e.Drafted, e.EventTitle; return &e.Page }
func (f *Figure) page() *Page { f.Page.Draft, f.Page.title = f.Drafted, f.FigureTitle; return &f.Page }
func (t *Topic) page() *Page  { t.Page.Draft, t.Page.title = t.Drafted, t.TopicTitle; return &t.Page }
func (d *Doc) page() *Page    { d.Page.Draft, d.Page.title = d.Drafted, d.DocTitle; return &d.Page }

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
		end = -1
		fm, body = nil, rest[4:]
		return fm, body, 3, nil
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
	sort.Slice(s.Actors, func(i, j int) bool { return s.Actors[i].Slug < s.Actors[j].Slug })
	sort.Slice(s.Events, func(i, j int) bool {
		a, b := s.Events[i], s.Events[j]
		if c := a.Date.Compare(b.Date); c != 0 {
			return c < 0
		}
		return a.Slug < b.Slug
	})
	sort.Slice(s.Figures, func(i, j int) bool { return s.Figures[i].Slug < s.Figures[j].Slug })
	sort.Slice(s.Topics, func(i, j int) bool { return s.Topics[i].Slug < s.Topics[j].Slug })
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
	aliasOwner := map[string]*Actor{}
	for _, a := range s.Actors {
		for _, n := range append([]string{a.Name}, a.Aliases...) {
			k := strings.ToLower(strings.TrimSpace(n))
			if k == "" {
				continue
			}
			if o := aliasOwner[k]; o != nil && o != a {
				problems.Add(diag.Errorf(a.File, 1, "name or alias %q is also used by %s; an alias must name one actor", n, o.File))
				continue
			}
			if aliasOwner[k] == a {
				continue
			}
			aliasOwner[k] = a
			s.byName[k] = append(s.byName[k], &a.Page)
		}
	}
	for _, p := range s.Pages() {
		if p.Type == TypeActor || p.Type == TypePage {
			continue
		}
		k := strings.ToLower(p.Title())
		if aliasOwner[k] == nil {
			s.byName[k] = append(s.byName[k], p)
		}
	}
	return problems
}
