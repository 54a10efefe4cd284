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
type PrintCache struct {
	mu         sync.Mutex
	trees      map[printTree]ast.Node // the last render's
	nextTrees  map[printTree]ast.Node // this render's
	html, next map[Key]template.HTML
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
	if c.nextTrees != nil {
		c.trees, c.html = c.nextTrees, c.next
	}
	c.nextTrees, c.next = map[printTree]ast.Node{}, map[Key]template.HTML{}
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

// reuse has b render as the HTML the last render made for the same key,
// or records what b renders for the next.
func (c *PrintCache) reuse(b *lazyBody, shift int, prefix string) {
	if c == nil {
		return
	}
	k := htmlKey(b.key, shift, prefix)
	c.mu.Lock()
	defer c.mu.Unlock()
	if html, ok := c.html[k]; ok {
		c.next[k] = html
		b.make = func() template.HTML { return html }
		return
	}
	b.done = func(html template.HTML) {
		c.mu.Lock()
		c.next[k] = html
		c.mu.Unlock()
	}
}
