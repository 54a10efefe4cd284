package render

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"
	texttemplate "text/template"
	"text/template/parse"

	"github.com/dossier-project/dossier/internal/text"
)

// TemplateError is a problem with a layout: its file (relative to the
// templates folder), the line when known, the page being rendered when it
// happened while executing, and what went wrong.
type TemplateError struct {
	File    string // "actor.html", "partials/links.html"
	Line    int    // 0 when unknown
	Page    string // output path, for execution errors
	Missing bool   // the layout does not exist
	Err     error
}

func (e *TemplateError) Error() string {
	var b strings.Builder
	b.WriteString("templates/" + e.File)
	if e.Line > 0 {
		b.WriteString(":" + strconv.Itoa(e.Line))
	}
	b.WriteString(": ")
	b.WriteString(e.Message())
	return b.String()
}

// Message says what is wrong and what to do, without the file and line.
func (e *TemplateError) Message() string {
	if e.Missing {
		return "missing: every page type needs its layout in templates/ (restore the file from the dossier's repository)"
	}
	msg := e.Err.Error()
	if e.Page != "" {
		msg += " (while rendering " + e.Page + ")"
	}
	return "template error: " + msg + "; fix the template"
}

func (e *TemplateError) Unwrap() error { return e.Err }

// templateNames are the page layouts; each is parsed together with base.html
// and the partials.
var templateNames = []string{
	"home", "page", "actors", "actor", "timeline", "event", "figures", "measure", "figure", "disputes", "dispute",
	"topics", "topic", "places", "place", "sources", "source", "inbox", "inbox-source", "404", "search", "print",
}

// layoutSet is the parsed layouts: one template set per page layout, each
// holding base.html and the partials, and the file each template was
// parsed from, for locating errors.
type layoutSet struct {
	base    *template.Template // base.html and the partials, never executed
	layouts map[string]*layout // "actor" → actor.html with a copy of base
	files   map[string]string  // template name ("links.html") → file ("partials/links.html")
	keys    map[string]Key     // "actor" → the key of every file actor pages are made with
	// callers are the files that call each template by name, for
	// locating a call of a template nobody defines.
	callers  map[string][]string
	contents map[string][]byte
	mu       sync.Mutex // held while a layout's templates are made
}

// layout is the templates of one page layout: its file parsed into a copy
// of base.html and the partials, and a copy of that for page.Cached. They
// are made the first time a page of the layout is made (layoutSet.layout):
// a rebuild makes few pages, of few layouts, and copying every layout's set
// twice took it 7–9 ms of CPU time at 5,000 seeds.
type layout struct {
	t      *template.Template
	cached *cachedSet
	err    error
}

// layout returns the templates of the page layout name, making them the
// first time. Every layout's file was parsed on its own with the set
// (parseLayouts), which found its errors.
func (ls *layoutSet) layout(name string) (*layout, error) {
	l := ls.layouts[name]
	if l == nil {
		return nil, &TemplateError{File: name + ".html", Missing: true, Err: fs.ErrNotExist}
	}
	ls.mu.Lock()
	defer ls.mu.Unlock()
	if l.t == nil && l.err == nil {
		l.t, l.cached, l.err = ls.makeLayout(name)
	}
	return l, l.err
}

// makeLayout parses the layout name into a copy of the base set, and copies
// that for page.Cached.
func (ls *layoutSet) makeLayout(name string) (*template.Template, *cachedSet, error) {
	file := name + ".html"
	t, err := ls.base.Clone()
	if err != nil {
		return nil, nil, &TemplateError{File: file, Err: err}
	}
	if _, err := t.New(file).Parse(string(ls.contents[file])); err != nil {
		return nil, nil, ls.error(file, "", err)
	}
	c, err := t.Clone()
	if err != nil {
		return nil, nil, &TemplateError{File: file, Err: err}
	}
	return t, &cachedSet{t: c}, nil
}

// LayoutCache keeps the layouts a render parsed for the next render of the
// same process, which reuses them when every layout file is byte for byte
// the same. Its zero value is ready to use.
type LayoutCache struct {
	mu  sync.Mutex
	sum [32]byte
	set *layoutSet
}

// parse returns the parsed layouts of fsys, from the cache when its files
// are those of the last parse. A nil cache parses every time.
func (c *LayoutCache) parse(fsys fs.FS) (*layoutSet, error) {
	if c == nil {
		return parseLayouts(fsys)
	}
	sum, err := filesSum(fsys)
	if err != nil {
		return parseLayouts(fsys) // which says what cannot be read
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.set != nil && c.sum == sum {
		return c.set, nil
	}
	set, err := parseLayouts(fsys)
	if err != nil {
		c.set = nil
		return nil, err
	}
	c.sum, c.set = sum, set
	return set, nil
}

// filesSum is the SHA-256 of the names and bytes of every file of fsys.
func filesSum(fsys fs.FS) ([32]byte, error) {
	h := sha256.New()
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "%d:%s%d:", len(p), p, len(b))
		h.Write(b)
		return nil
	})
	var sum [32]byte
	h.Sum(sum[:0])
	return sum, err
}

// parseLayouts parses base.html, the partials and every page layout of
// fsys. Each file is parsed on its own so that an error names the file.
func parseLayouts(fsys fs.FS) (*layoutSet, error) {
	ls := &layoutSet{layouts: map[string]*layout{}, files: map[string]string{}, keys: map[string]Key{},
		callers: map[string][]string{}, contents: map[string][]byte{}}
	base := template.New("base.html").Funcs(funcs)
	files := []string{"base.html"}
	partials, err := fs.Glob(fsys, "partials/*.html")
	if err != nil {
		return nil, err
	}
	files = append(files, partials...)
	for _, name := range templateNames {
		ls.files[name+".html"] = name + ".html"
	}
	for _, f := range files {
		ls.files[path.Base(f)] = f
	}
	for _, f := range files {
		if err := ls.parseFile(base, fsys, f); err != nil {
			return nil, err
		}
	}
	ls.base = base
	// Each layout's file is parsed on its own, for its errors; it is parsed
	// with the base set when a page of it is made.
	for _, name := range templateNames {
		if err := ls.parseFile(template.New(name+".html").Funcs(funcs), fsys, name+".html"); err != nil {
			return nil, err
		}
		ls.layouts[name] = &layout{}
	}
	return ls, ls.makeKeys(fsys, files)
}

// makeKeys keys each layout by the files its pages are made with: its own
// file, base.html, and the partials they call, directly or through each
// other. A partial's edit then changes the keys of the layouts using it
// only, and a layout's edit those of its own pages.
func (ls *layoutSet) makeKeys(fsys fs.FS, shared []string) error {
	definedIn := map[string]string{} // template name → file
	calls := map[string][]string{}   // template name → templates it calls
	contents := ls.contents
	for _, f := range append(slices.Clone(shared), layoutFiles()...) {
		b, err := fs.ReadFile(fsys, f)
		if err != nil {
			return &TemplateError{File: f, Err: err}
		}
		contents[f] = b
		trees := map[string]*parse.Tree{}
		t := parse.New(path.Base(f))
		t.Mode = parse.SkipFuncCheck
		if _, err := t.Parse(string(b), "", "", trees); err != nil {
			return ls.error(f, "", err)
		}
		for name, tree := range trees {
			if strings.HasSuffix(f, ".html") && !strings.Contains(f, "/") && f != "base.html" && name == "main" {
				name = f + "#main" // every layout defines its own "main"
			}
			definedIn[name] = f
			calls[name] = templateCalls(tree.Root)
			for _, c := range calls[name] {
				if !slices.Contains(ls.callers[c], f) {
					ls.callers[c] = append(ls.callers[c], f)
				}
			}
		}
	}
	for _, layout := range templateNames {
		own := layout + ".html"
		files := map[string]bool{own: true, "base.html": true}
		todo := []string{"base.html", own + "#main", own}
		seen := map[string]bool{}
		for len(todo) > 0 {
			name := todo[0]
			todo = todo[1:]
			if seen[name] {
				continue
			}
			seen[name] = true
			if f, ok := definedIn[name]; ok {
				files[f] = true
			}
			if name == anyCall {
				for _, f := range shared {
					files[f] = true
				}
			}
			for _, c := range calls[name] {
				if c == "main" {
					c = own + "#main"
				}
				todo = append(todo, c)
			}
		}
		names := make([]string, 0, len(files))
		for f := range files {
			names = append(names, f)
		}
		slices.Sort(names)
		h := newHasher()
		for _, f := range names {
			h.str(f)
			h.bytes(contents[f])
		}
		ls.keys[layout] = h.sum()
	}
	return nil
}

func layoutFiles() []string {
	var out []string
	for _, n := range templateNames {
		out = append(out, n+".html")
	}
	return out
}

// templateCalls lists the templates a parse tree calls with {{template}}
// or runs with .Cached (see page.Cached); anyCall stands for a Cached whose
// template is not named by a constant, which may run any of them.
func templateCalls(n parse.Node) []string {
	var out []string
	var walk func(parse.Node)
	walk = func(n parse.Node) {
		switch v := n.(type) {
		case *parse.ListNode:
			if v == nil {
				return
			}
			for _, c := range v.Nodes {
				walk(c)
			}
		case *parse.ActionNode:
			walk(v.Pipe)
		case *parse.PipeNode:
			if v == nil {
				return
			}
			for _, c := range v.Cmds {
				walk(c)
			}
		case *parse.CommandNode:
			if len(v.Args) > 0 && callsCached(v.Args[0]) {
				name := anyCall
				if len(v.Args) > 1 {
					if s, ok := v.Args[1].(*parse.StringNode); ok {
						name = s.Text
					}
				}
				out = append(out, name)
			}
			for _, a := range v.Args {
				walk(a)
			}
		case *parse.ChainNode:
			walk(v.Node)
		case *parse.TemplateNode:
			out = append(out, v.Name)
			walk(v.Pipe)
		case *parse.IfNode:
			walk(&v.BranchNode)
		case *parse.RangeNode:
			walk(&v.BranchNode)
		case *parse.WithNode:
			walk(&v.BranchNode)
		case *parse.BranchNode:
			walk(v.Pipe)
			walk(v.List)
			walk(v.ElseList)
		}
	}
	walk(n)
	return out
}

// anyCall is templateCalls' name for a call that may run any template.
const anyCall = "*"

// callsCached reports whether a command's first word is the Cached method
// of a page: .Cached, $.Cached, $page.Cached, (…).Cached.
func callsCached(n parse.Node) bool {
	switch v := n.(type) {
	case *parse.FieldNode:
		return v.Ident[len(v.Ident)-1] == "Cached"
	case *parse.VariableNode:
		return len(v.Ident) > 1 && v.Ident[len(v.Ident)-1] == "Cached"
	case *parse.ChainNode:
		return v.Field[len(v.Field)-1] == "Cached"
	}
	return false
}

// parseFile adds the template file name of fsys to t.
func (ls *layoutSet) parseFile(t *template.Template, fsys fs.FS, name string) error {
	b, err := fs.ReadFile(fsys, name)
	if errors.Is(err, fs.ErrNotExist) {
		return &TemplateError{File: name, Missing: true, Err: err}
	}
	if err != nil {
		return &TemplateError{File: name, Err: err}
	}
	into := t
	if t.Name() != path.Base(name) {
		into = t.New(path.Base(name))
	}
	if _, err := into.Parse(string(b)); err != nil {
		return ls.error(name, "", err)
	}
	return nil
}

// templateError locates an error of html/template or text/template in the
// file name. html/template reports its escaping errors with a line; the
// text/template parser and executor only write it into the message, in the
// fixed form "template: NAME:LINE[:COL]: message", which is read back here.
func (ls *layoutSet) error(name, page string, err error) *TemplateError {
	var inner *TemplateError
	if errors.As(err, &inner) {
		return inner // of a template page.Cached ran, located when it failed
	}
	te := &TemplateError{File: name, Page: page, Err: err}
	var he *template.Error
	if errors.As(err, &he) && he.ErrorCode == template.ErrNoSuchTemplate {
		// The error names the page's top template; the call is in the file
		// that calls the missing one.
		if n, ok := he.Node.(*parse.TemplateNode); ok {
			if fs := ls.callers[n.Name]; len(fs) > 0 {
				te.File = fs[0]
				te.Line = 1 + bytes.Count(ls.contents[fs[0]][:min(int(n.Pos), len(ls.contents[fs[0]]))], []byte("\n"))
				te.Err = errors.New(he.Description)
				return te
			}
		}
	}
	if errors.As(err, &he) && he.Line > 0 {
		te.Line = he.Line
		te.File = ls.fileOf(name, he.Name)
		te.Err = errors.New(he.Description)
		return te
	}
	msg := err.Error()
	var ee texttemplate.ExecError
	if errors.As(err, &ee) {
		msg = ee.Err.Error()
	}
	if rest, ok := strings.CutPrefix(msg, "template: "); ok {
		if tmpl, after, ok := strings.Cut(rest, ":"); ok {
			num, after2, _ := strings.Cut(after, ":")
			if n, err := strconv.Atoi(num); err == nil {
				te.Line = n
				te.File = ls.fileOf(name, tmpl)
				if col, after3, ok := strings.Cut(after2, ":"); ok {
					if _, err := strconv.Atoi(col); err == nil {
						after2 = after3
					}
				}
				te.Err = errors.New(strings.TrimSpace(after2))
			}
		}
	}
	return te
}

// fileOf finds the file a template was parsed from; errors that name no
// known template stay with the file being worked on.
func (ls *layoutSet) fileOf(working, tmpl string) string {
	if f, ok := ls.files[tmpl]; ok {
		return f
	}
	return working
}

var funcs = template.FuncMap{
	"join":  strings.Join,
	"title": text.UpperFirst,
	"add":   func(a, b int) int { return a + b },
	// letter names the i-th back-link of a reference: a, b, c, …, z, aa, ab, …
	"letter": func(i int) string {
		s := ""
		for i++; i > 0; i = (i - 1) / 26 {
			s = string(rune('a'+(i-1)%26)) + s
		}
		return s
	},
	// dict builds a map for passing several values to a partial.
	"dict": func(kv ...any) (map[string]any, error) {
		if len(kv)%2 != 0 {
			return nil, fmt.Errorf("dict needs key-value pairs")
		}
		m := map[string]any{}
		for i := 0; i < len(kv); i += 2 {
			k, ok := kv[i].(string)
			if !ok {
				return nil, fmt.Errorf("dict key %v is not a string", kv[i])
			}
			m[k] = kv[i+1]
		}
		return m, nil
	},
}
