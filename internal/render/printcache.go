package render

import (
	"crypto/sha256"
	"html/template"
	"strconv"
	"sync"

	"github.com/yuin/goldmark/ast"
)

// PrintCache keeps, from one render of a process to the next, what the
// printable page made of each body: its syntax tree, parsed afresh with the
// headings moved down, and the HTML it rendered for the annotations it was
// resolved with. The page is made again after every edit of any page, and
// most of its few hundred bodies are as they were. Its zero value is ready
// to use; renders that share one must not overlap, as a session's do not.
//
// With Load set, the first render starts from the HTML an earlier process
// kept, and Made gives what a render made, for the next process: a body
// whose HTML is known is resolved but neither parsed nor rendered.
type PrintCache struct {
	// Load returns the bodies' HTML by key (htmlKey) as Made gave it to an
	// earlier process; nil or an empty map when there is none.
	Load func() map[Key]template.HTML

	mu         sync.Mutex
	trees      map[printTree]ast.Node // the last render's
	nextTrees  map[printTree]ast.Node // this render's
	html, next map[Key]template.HTML
	began      bool // a render began since Made was last called
}

// printTree names a body's tree: its source, and how its headings moved.
type printTree struct {
	src    [32]byte
	shift  int
	prefix string
}

// begin starts a render: what the last one used is kept, the rest dropped.
func (c *PrintCache) begin() {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	switch {
	case c.nextTrees != nil:
		c.trees, c.html = c.nextTrees, c.next
	case c.Load != nil:
		c.html = c.Load()
	}
	c.nextTrees, c.next = map[printTree]ast.Node{}, map[Key]template.HTML{}
	c.began = true
}

// Made returns the HTML of the bodies of the render that began last, by
// key, and whether one began since Made was last called.
func (c *PrintCache) Made() (map[Key]template.HTML, bool) {
	if c == nil {
		return nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	began := c.began
	c.began = false
	return c.next, began
}

// tree returns the tree parse makes of src, its headings moved down shift
// levels and their ids prefixed, calling parse only when the last render
// did not have it. A tree is resolved again by
// every render that uses it (see resolveBody).
func (c *PrintCache) tree(src []byte, shift int, prefix string, parse func() ast.Node) ast.Node {
	if c == nil {
		return parse()
	}
	k := printTree{sha256.Sum256(src), shift, prefix}
	c.mu.Lock()
	n, ok := c.trees[k]
	c.mu.Unlock()
	if !ok {
		n = parse()
	}
	c.mu.Lock()
	c.nextTrees[k] = n
	c.mu.Unlock()
	return n
}

// htmlKey is the key of a body's HTML: what resolveBody made of it (its
// source and every annotation) and how its headings moved.
func htmlKey(body Key, shift int, prefix string) Key {
	h := newHasher()
	h.key(body)
	h.str(strconv.Itoa(shift))
	h.str(prefix)
	return h.sum()
}

// get returns the HTML the last render made of a body for the key k
// (htmlKey), and keeps it for the next.
func (c *PrintCache) get(k Key) (template.HTML, bool) {
	if c == nil {
		return "", false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	html, ok := c.html[k]
	if ok {
		c.next[k] = html
	}
	return html, ok
}

// keep records, for the next render, the HTML b renders, under the key k.
func (c *PrintCache) keep(b *lazyBody, k Key) {
	if c == nil {
		return
	}
	b.done = func(html template.HTML) {
		c.mu.Lock()
		c.next[k] = html
		c.mu.Unlock()
	}
}
