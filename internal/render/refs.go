package render

import (
	"bytes"
	"fmt"
	"html/template"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"

	"github.com/dossier-project/dossier/internal/content"
	"github.com/dossier-project/dossier/internal/markdown"
	"github.com/dossier-project/dossier/internal/source"
	"github.com/dossier-project/dossier/internal/text"
	"github.com/dossier-project/dossier/internal/verify"
)

// reference is one entry of a page's reference list: a cited range, the
// article it belongs to, and the places in the page that cite it.
type reference struct {
	Num      int
	Ref      string // "000:42-44"
	Seed     string
	Line     int    // the first cited line
	Last     int    // the last cited line
	Href     string // link to the first cited line
	Text     string // the cited lines, for the preview a citation shows
	About    string // "title, publisher, date"
	Backrefs []string
	// What each citation of it shows, made once: the preview (Text
	// shortened) and Lines.
	tip, where string
}

func (e reference) key(h *hasher) {
	h.int(e.Num)
	h.strs([]string{e.Ref, e.Seed, e.Href, e.Text, e.About})
	h.int(e.Line)
	h.int(e.Last)
	h.strs(e.Backrefs)
}

// Lines writes the cited lines for a reference list: "line 42", "lines 42–44".
func (e reference) Lines() string {
	if e.Last > e.Line {
		return fmt.Sprintf("lines %d–%d", e.Line, e.Last)
	}
	return fmt.Sprintf("line %d", e.Line)
}

// refTable numbers references in order of first citation, like Wikipedia:
// citing the same lines twice reuses the number.
type refTable struct {
	byRef map[string]*reference
	list  []*reference
}

func newRefTable() *refTable { return &refTable{byRef: map[string]*reference{}} }

// lazyBody is a parsed body whose citations, links and voices are resolved:
// what it will render to is fixed, and key names it.
type lazyBody struct {
	key   Key // the markdown source and every resolved number, link, tooltip and voice, or their inputs (bodyKey)
	cites int // citation nodes
	doc   ast.Node
	src   []byte
	into  *template.HTML // where the HTML goes when the page is made
	// make writes HTML in Go instead of from markdown; the page's data
	// declares its inputs.
	make func() template.HTML
	// done, when set, is told the HTML the body rendered to.
	done func(template.HTML)
}

func (b *lazyBody) render(md *markdown.Markdown) (template.HTML, error) {
	if b.make != nil {
		return b.make(), nil
	}
	var buf bytes.Buffer
	if err := md.Render(&buf, b.src, b.doc); err != nil {
		return "", err
	}
	// The markdown renderer escapes all text and drops raw HTML, so its output is trusted.
	html := template.HTML(buf.String())
	if b.done != nil {
		b.done(html)
	}
	return html, nil
}

// resolveBody fills in the citation nodes of doc (numbered in refs, linking
// from the page at `from`), its wikilinks (to linkTo of the target page) and
// its narrations' voices, and returns the body with the key of all it will
// render. Each AST may be resolved by one goroutine at a time.
func (r *renderer) resolveBody(doc ast.Node, src []byte, from string, refs *refTable, linkTo func(*content.Page) string) (*lazyBody, error) {
	n := nodesOf(doc, src)
	res := r.resolve(n, src, from, refs, linkTo)
	if err := res.apply(n); err != nil {
		return nil, err
	}
	return &lazyBody{key: res.key, cites: len(n.cites), doc: doc, src: src}, nil
}

// bodyNodes are the nodes of a body's tree that resolving fills in: its
// citations and wikilinks (markdown.Nodes) and the narrations of its
// blocks (markdown.Blocks), in document order.
type bodyNodes struct {
	cites  []*markdown.Citation
	links  []*markdown.WikiLink
	blocks []markdown.Block
}

func nodesOf(doc ast.Node, src []byte) bodyNodes {
	cites, links := markdown.Nodes(doc)
	return bodyNodes{cites, links, markdown.Blocks(doc, src)}
}

// pageNodes is nodesOf the page's own tree, whose citations and links were
// found when it was decoded (content.Page.Nodes).
func pageNodes(p *content.Page) bodyNodes {
	cites, links := p.Nodes()
	return bodyNodes{cites, links, markdown.Blocks(p.AST, p.Body)}
}

// resolution is what resolving a body gives its nodes, in bodyNodes'
// order: per citation its references' numbers, links, ids, tooltips,
// articles and lines; per wikilink its link and title; per narration its
// voice. Key names it all, and the body's source.
type resolution struct {
	key    Key
	cites  []citeValues
	links  []linkValues
	voices []string
}

type citeValues struct {
	num                         []int
	href, id, tip, about, where []string
}

type linkValues struct{ href, title string }

// resolve resolves the body src, whose tree's nodes are n, for the page at
// from: its references are numbered in refs. It only reads the nodes, so
// the values may be given to another tree of the same source (apply).
func (r *renderer) resolve(n bodyNodes, src []byte, from string, refs *refTable, linkTo func(*content.Page) string) resolution {
	h := newHasher()
	h.bytes(src)
	res := resolution{cites: make([]citeValues, len(n.cites)), links: make([]linkValues, len(n.links))}
	for k, c := range n.cites {
		m := len(c.Refs)
		v := citeValues{make([]int, m), make([]string, m), make([]string, m), make([]string, m), make([]string, m), make([]string, m)}
		for i, ref := range c.Refs {
			e := refs.add(r, ref, from)
			if e == nil {
				continue
			}
			v.num[i] = e.Num
			v.href[i] = e.Href
			v.tip[i] = e.tip
			v.about[i] = e.About
			v.where[i] = e.where
			v.id[i] = "cite-" + strconv.Itoa(e.Num) + "-" + strconv.Itoa(len(e.Backrefs)+1)
			e.Backrefs = append(e.Backrefs, v.id[i])
			h.int(v.num[i])
			h.strs([]string{v.href[i], v.id[i], v.tip[i], v.about[i], v.where[i]})
		}
		res.cites[k] = v
	}
	for k, l := range n.links {
		var v linkValues
		if q, err := r.in.Site.Resolve(l.Target); err == nil && r.published[q.Slug] {
			v = linkValues{linkTo(q), q.Title()}
		}
		h.strs([]string{l.Target, l.Label, v.href, v.title})
		res.links[k] = v
	}
	for _, b := range n.blocks {
		for _, nr := range b.Narrations {
			v := r.voice(nr.Quote, b.Citations)
			h.str(v)
			res.voices = append(res.voices, v)
		}
	}
	res.key = h.sum()
	return res
}

// apply gives the nodes n the values of res, which must have been resolved
// from a tree of the same source.
func (res resolution) apply(n bodyNodes) error {
	var narrations []*markdown.Narration
	for _, b := range n.blocks {
		narrations = append(narrations, b.Narrations...)
	}
	if len(n.cites) != len(res.cites) || len(n.links) != len(res.links) || len(narrations) != len(res.voices) {
		return fmt.Errorf("a body resolved as %d citations, %d links and %d narrations has %d, %d and %d",
			len(res.cites), len(res.links), len(res.voices), len(n.cites), len(n.links), len(narrations))
	}
	for k, c := range n.cites {
		v := res.cites[k]
		c.Num, c.Href, c.ID, c.Tip, c.About, c.Where = v.num, v.href, v.id, v.tip, v.about, v.where
	}
	for k, l := range n.links {
		l.Href, l.Title = res.links[k].href, res.links[k].title
	}
	for k, nr := range narrations {
		nr.Voice = res.voices[k]
	}
	return nil
}

// bodyKey declares what resolveBody makes of a body for the page at from,
// and so its reference list, from their inputs, without resolving them:
// the markdown source, each cited range with its seed (shownKey: the lines
// quoted in previews and matched for voices, the articles' labels and
// outlets), and each link's target as linkTo and the target's title give
// it.
func (r *renderer) bodyKey(src []byte, from string, cites []*markdown.Citation, links []*markdown.WikiLink, linkTo func(*content.Page) string) Key {
	h := newHasher()
	h.bytes(src)
	h.str(from)
	for _, c := range cites {
		h.int(len(c.Refs))
		for _, ref := range c.Refs {
			h.str(ref.String())
			h.key(r.seeds.keys[ref.Seed]) // zero for a seed that is not there
		}
	}
	for _, l := range links {
		h.str(l.Target)
		h.str(l.Label)
		if q, err := r.in.Site.Resolve(l.Target); err == nil && r.published[q.Slug] {
			h.str(linkTo(q))
			h.str(q.Title())
		} else {
			h.str("")
		}
	}
	return h.sum()
}

// voice names whose words a quotation of an article is: the outlet of the
// cited article whose lines hold the words, or "" when it names none.
func (r *renderer) voice(quote string, cites []*markdown.Citation) string {
	for _, c := range cites {
		for _, ref := range c.Refs {
			lines, err := r.in.Corpus.Resolve(ref)
			if err != nil {
				continue
			}
			var texts []string
			for _, l := range lines {
				texts = append(texts, l.Text)
			}
			if !verify.Verbatim(texts, quote) {
				continue
			}
			if a := r.in.Corpus.Seed(ref.Seed).Article(ref.First); a != nil {
				return a.Publisher
			}
			return ""
		}
	}
	return ""
}

// add returns the table entry for ref, creating it; nil when the ref does not resolve.
func (t *refTable) add(r *renderer, ref source.Ref, from string) *reference {
	key := ref.String()
	if e := t.byRef[key]; e != nil {
		return e
	}
	c := r.in.Corpus
	lines, err := c.Resolve(ref)
	if err != nil {
		return nil
	}
	// The preview quotes what the article says, leaving out page furniture
	// ("Share", bylines) a range may start on, unless that is all it holds.
	var said, all []string
	for _, l := range lines {
		if s := strings.TrimSpace(l.Text); s != "" {
			all = append(all, s)
			if l.IsContent() {
				said = append(said, s)
			}
		}
	}
	if len(said) == 0 {
		said = all
	}
	seed := c.Seed(ref.Seed)
	e := &reference{
		Num:   len(t.list) + 1,
		Ref:   key,
		Seed:  ref.Seed,
		Line:  ref.First,
		Last:  ref.Last,
		Href:  relative(from, SourceURL(ref.Seed)) + "#L" + strconv.Itoa(ref.First),
		Text:  strings.Join(said, " "),
		About: r.seeds.label(seed, ref.First),
	}
	e.tip, e.where = text.Shorten(e.Text, 280), e.Lines()
	t.byRef[key] = e
	t.list = append(t.list, e)
	return e
}

func (t *refTable) entries() []reference {
	out := make([]reference, len(t.list))
	for i, e := range t.list {
		out[i] = *e
	}
	return out
}

// seedIndex is what the pages and the search index show of each seed.
type seedIndex struct {
	labels map[*source.Article]string // each article's "title, outlet, date"
	keys   map[string]Key             // seed ID → what pages show of it (shownKey); none without keys
}

// indexSeeds labels the articles of c and, unless noKeys, keys its seeds.
func indexSeeds(c *source.Corpus, noKeys bool) seedIndex {
	ix := seedIndex{labels: map[*source.Article]string{}, keys: map[string]Key{}}
	for _, s := range c.Seeds {
		for i := range s.Articles {
			ix.labels[&s.Articles[i]] = s.Articles[i].Describe()
		}
		if !noKeys {
			ix.keys[s.ID] = shownKey(s, ix.labels)
		}
	}
	return ix
}

// label names the article holding line n of s the way readers see it:
// title, outlet, date (source.Seed.Describe), made once per article.
func (ix seedIndex) label(s *source.Seed, n int) string {
	if a := s.Article(n); a != nil {
		if l, ok := ix.labels[a]; ok {
			return l
		}
	}
	return s.Describe(n)
}

// shownKey declares what pages show of a seed: its bytes (its lines, and
// which are content, follow from them) and its articles' lines, labels and
// outlets, which sources.yaml may change.
func shownKey(s *source.Seed, labels map[*source.Article]string) Key {
	h := newHasher()
	h.bytes(s.Sum[:])
	if s.Sum == ([32]byte{}) { // a seed not read from a file: its lines themselves
		for _, l := range s.Lines {
			h.str(l.Text)
			h.str(l.Boilerplate)
			h.int(l.DuplicateOf)
		}
	}
	h.int(len(s.Lines))
	h.int(len(s.Articles))
	for i := range s.Articles {
		a := &s.Articles[i]
		h.int(a.First)
		h.int(a.Last)
		h.str(labels[a])
		h.str(a.Publisher)
	}
	return h.sum()
}
