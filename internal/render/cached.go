package render

import (
	"bytes"
	"fmt"
	"html/template"
	"reflect"
	"strconv"
	"strings"
	"sync"
)

// Cached runs the layout's template name with this page and returns what
// it wrote. The output is made once per build for each layout, depth of the
// page's path and list of variants, and the pages sharing them share it:
// {{.Cached "site-header" .Section}} runs the site's header once per
// section and depth, not once per page. The template may therefore show
// only what is the same for all those pages: links made with Rel (which
// depend on the depth alone), the dossier's name, language and navigation,
// and what the variants say. Variants are strings, numbers or booleans. A
// cached template's own Cached calls run with it, each time it runs.
//
// Every page runs base.html, and most of its actions are the same on
// thousands of pages; each action of html/template calls its escapers
// through reflection, which made the header, footer and asset links of
// the pages a tenth of a full build's CPU time.
func (p *page) Cached(name string, variants ...any) (template.HTML, error) {
	if p.run == nil {
		return "", fmt.Errorf("template %q: the page is not being rendered", name)
	}
	key, err := cachedKey(p.run.layout, name, strings.Count(p.Path, "/"), variants)
	if err != nil {
		return "", err
	}
	if p.run.caching {
		// Run from a cached template of this page, which holds its
		// layout's copy: waiting for another page's output here could wait
		// for this page.
		return p.runCached(key, name)
	}
	c := &p.run.r.cached
	c.mu.Lock()
	if c.out == nil {
		c.out = map[string]*cachedRun{}
	}
	run, ok := c.out[key]
	if !ok {
		run = &cachedRun{}
		c.out[key] = run
	}
	c.mu.Unlock()
	// The first page to ask runs the template; pages asking meanwhile wait
	// for its output, so that every page shows the same.
	run.once.Do(func() { run.out, run.err = p.runCached(key, name) })
	return run.out, run.err
}

// cachedRun is one output of a cached template, made once.
type cachedRun struct {
	once sync.Once
	out  template.HTML
	err  error
}

// runCached executes the template name of the page's layout on the
// layout's own copy of its templates, one page at a time (see cachedSet).
// A cached template calling Cached runs on the copy its caller holds.
func (p *page) runCached(key, name string) (template.HTML, error) {
	if p.run.running[key] {
		return "", fmt.Errorf("template %q runs itself through Cached, with the same variants", name)
	}
	l, err := p.run.r.layouts.layout(p.run.layout)
	if err != nil {
		return "", err
	}
	set := l.cached
	if set.t.Lookup(name) == nil {
		// Located by the caller: the file and line of the call.
		return "", fmt.Errorf("no template %q is defined; define it with {{define %q}} in base.html or a partial", name, name)
	}
	if !p.run.caching {
		set.mu.Lock()
		defer set.mu.Unlock()
		p.run.caching = true
		defer func() { p.run.caching = false }()
	}
	if p.run.running == nil {
		p.run.running = map[string]bool{}
	}
	p.run.running[key] = true
	defer delete(p.run.running, key)
	var b bytes.Buffer
	if err := set.t.ExecuteTemplate(&b, name, p); err != nil {
		return "", p.run.r.layouts.error(p.run.layout+".html", p.Path, err)
	}
	return template.HTML(b.String()), nil
}

// execution is what a page's methods know of the render running them.
type execution struct {
	r       *renderer
	layout  string
	caching bool            // a cached template of the page is running
	running map[string]bool // the keys of the cached templates it runs
}

// cachedOutput is the output of the cached templates of one render.
type cachedOutput struct {
	mu  sync.Mutex
	out map[string]*cachedRun // by cachedKey
}

// cachedSet is a layout's templates as parsed, copied before any ran, for
// the cached templates alone. html/template escapes a template the first
// time it runs, and in doing so rewrites the templates it calls: running a
// new template of a set while other goroutines run its others would race.
// On the copy, cached templates run one at a time, and seldom.
type cachedSet struct {
	mu sync.Mutex
	t  *template.Template
}

// cachedKey is the key of a cached template's output.
func cachedKey(layout, name string, depth int, variants []any) (string, error) {
	var b strings.Builder
	for _, s := range []string{layout, name, strconv.Itoa(depth)} {
		b.WriteString(strconv.Itoa(len(s)) + ":" + s)
	}
	for i, v := range variants {
		rv := reflect.ValueOf(v)
		switch {
		case !rv.IsValid():
			return "", fmt.Errorf("variant %d of %q is nil; give strings, numbers or booleans", i+1, name)
		case rv.Kind() == reflect.String:
			b.WriteString("s" + strconv.Itoa(rv.Len()) + ":" + rv.String())
		case rv.Kind() == reflect.Bool, rv.CanInt(), rv.CanUint(), rv.CanFloat():
			s := fmt.Sprint(v)
			b.WriteString("v" + strconv.Itoa(len(s)) + ":" + s)
		default:
			return "", fmt.Errorf("variant %d of %q is a %T; give strings, numbers or booleans", i+1, name, v)
		}
	}
	return b.String(), nil
}
