package render

import (
	"html"
	"html/template"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/dossier-project/dossier/internal/date"
	"github.com/dossier-project/dossier/internal/source"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// inboxRowsLayout is the loop over a group's items inboxRows replaces, as
// the inbox-source layout had it.
const inboxRowsLayout = `{{range .}}<li><a class="ln" href="{{.Href}}">line {{.Line}}</a> <strong>{{.Value}}</strong>{{with .Detail}} <span class="detail">({{.}})</span>{{end}}{{with .Also}} <span class="detail">also lines {{range .}}<a class="ln" href="{{.Href}}">{{.N}}</a> {{end}}</span>{{end}} <span class="unreviewed">{{if .Drafted}}drafted: {{.Drafted}}{{else}}unreviewed{{end}}</span></li>{{end}}`

// TestInboxRowsMatchTemplate compares inboxRows with the layout's loop on
// rows holding everything html/template escapes.
func TestInboxRowsMatchTemplate(t *testing.T) {
	tmpl := template.Must(template.New("rows").Parse(inboxRowsLayout))
	odd := []string{"", "plain", `"quoted" & 'single' <b>bold</b> 1+1`, "café – “curly” ’s", "nul\x00byte", "bad\xffutf8", "\ufdd0\uffff", "tab\tnew\nline"}
	hrefs := []string{"../../sources/000/index.html#L5", "a b/c?d=e&f=g#h", "%41%zz%4", "javascript:alert(1)", "HTTPS://x.org/ü", "mailto:a@b", "x:y/z", "/x:y", "[]!$*,;=@~"}
	var rows []inboxRow
	for i, s := range odd {
		for j, h := range hrefs {
			row := inboxRow{Line: i*10 + j, Href: h, Value: s, Detail: odd[(i+j)%len(odd)], Drafted: odd[(i+2*j)%len(odd)]}
			if j%2 == 1 {
				row.Also = []lineLink{{N: j, Href: hrefs[(i+j)%len(hrefs)]}, {N: j + 1, Href: s}}
			}
			rows = append(rows, row)
		}
	}
	for i, row := range rows {
		var want strings.Builder
		require.NoError(t, tmpl.Execute(&want, rows[i:i+1]))
		assert.Equal(t, want.String(), string(inboxRows(rows[i:i+1])), "row %+v", row)
	}
}

// sourceRowsLayout is the inbox index's loop over its sources as the layout
// wrote it before sourceRows took its place.
const sourceRowsLayout = `{{$ingested := .Ingested}}{{range .Sources}}<tr><td><a href="{{.Href}}">{{.Title}}</a></td>{{if $ingested}}<td class="nowrap">{{.Ingested}}</td>{{end}}<td>{{range $i, $c := .Counts}}{{if $i}} · {{end}}{{$c.N}} {{$c.Label}}{{end}}</td></tr>{{end}}`

// TestSourceRowsMatchTemplate compares sourceRows with the layout's loop on
// sources holding everything html/template escapes, with and without the
// ingestion column.
func TestSourceRowsMatchTemplate(t *testing.T) {
	tmpl := template.Must(template.New("rows").Parse(sourceRowsLayout))
	odd := []string{"", "plain", `"quoted" & 'single' <b>bold</b> 1+1`, "café – “curly” ’s", "nul\x00byte", "bad\xffutf8", "\ufdd0\uffff", "tab\tnew\nline"}
	hrefs := []string{"001/index.html", "a b/c?d=e&f=g#h", "%41%zz%4", "javascript:alert(1)", "HTTPS://x.org/ü", "[]!$*,;=@~"}
	for i, s := range odd {
		for j, h := range hrefs {
			src := inboxSource{Href: h, Title: s, Ingested: odd[(i+j)%len(odd)]}
			for k := range j % 3 {
				src.Counts = append(src.Counts, kindCount{Label: odd[(i+k)%len(odd)], N: i*10 + k})
			}
			for _, ingested := range []bool{false, true} {
				data := struct {
					Ingested bool
					Sources  []inboxSource
				}{ingested, []inboxSource{src, src}}
				var want strings.Builder
				require.NoError(t, tmpl.Execute(&want, data))
				assert.Equal(t, want.String(), string(sourceRows(data.Sources, ingested)), "source %+v", src)
			}
		}
	}
}

// printItemsLayout is the loop over a part's items itemsHTML replaces, as
// the print layout had it.
const printItemsLayout = `{{range .Items}}<article class="print-item" id="{{.ID}}">
{{with .Title}}<h3>{{.}}</h3>{{end}}
{{with .Kicker}}<p class="kicker">{{.}}</p>{{end}}
{{with .Meta}}<p class="lede">{{.}}</p>{{end}}
{{.Extra}}
{{.Body}}
</article>
{{end}}`

// TestPrintItemsMatchTemplate compares itemsHTML with the layout's loop on
// items holding everything html/template escapes, each field empty in turn.
func TestPrintItemsMatchTemplate(t *testing.T) {
	tmpl := template.Must(template.New("items").Parse(printItemsLayout))
	odd := []string{"", "plain", `"quoted" & 'single' <b>bold</b> 1+1`, "café – “curly” ’s", "nul\x00byte", "bad\xffutf8", "\ufdd0\uffff", "tab\tnew\nline"}
	markup := []template.HTML{"", "<p>A body &amp; <em>more</em></p>", `<table class="t"><tr><td>1</td></tr></table>`}
	var part printPart
	for i, s := range odd {
		for j := range 5 {
			part.Items = append(part.Items, printItem{ID: odd[(i+j)%len(odd)], Title: s, Kicker: odd[(i+2*j)%len(odd)],
				Meta: odd[(i+3*j)%len(odd)], Extra: markup[(i+j)%len(markup)], Body: markup[j%len(markup)]})
		}
	}
	for i, it := range part.Items {
		one := printPart{Items: part.Items[i : i+1]}
		var want strings.Builder
		require.NoError(t, tmpl.Execute(&want, one))
		assert.Equal(t, want.String(), string(one.itemsHTML()), "item %+v", it)
	}
	var want strings.Builder
	require.NoError(t, tmpl.Execute(&want, part))
	assert.Equal(t, want.String(), string(part.itemsHTML()), "all items")
	assert.Empty(t, printPart{}.itemsHTML())
}

// TestPrintRefsMatchTemplate compares refsHTML with the print layout's
// loop over its references.
func TestPrintRefsMatchTemplate(t *testing.T) {
	tmpl := template.Must(template.New("refs").Parse(`{{range .}}<li id="ref-{{.Num}}">{{.About}}, {{.Lines}}</li>
{{end}}`))
	odd := []string{"", "plain", `"quoted" & 'single' <b>bold</b> 1+1`, "café – “curly” ’s", "nul\x00byte", "bad\xffutf8", "tab\tnew\nline"}
	var refs []reference
	for i, s := range odd {
		refs = append(refs, reference{Num: i + 1, About: s, Line: 3 * i, Last: 3*i + i%2}, reference{Num: 100 * i, About: s, Line: i + 1, Last: i + 1})
	}
	var want strings.Builder
	require.NoError(t, tmpl.Execute(&want, refs))
	assert.Equal(t, want.String(), string(refsHTML(refs)))
	assert.Empty(t, refsHTML(nil))
}

// TestWriteEscapedIsHTMLEscapeString holds writeEscaped to the function it
// stands in for, on strings holding every byte it escapes and bytes that
// are not UTF-8.
func TestWriteEscapedIsHTMLEscapeString(t *testing.T) {
	pieces := []string{"", "plain", `"`, "&", "'", "<", ">", "&amp;", "café", "“curly” ’s", "\x00", "\xff", "+", "\t\n"}
	for _, a := range pieces {
		for _, b := range pieces {
			for _, c := range pieces {
				s := a + b + c
				var got strings.Builder
				got.WriteString("[")
				writeEscaped(&got, s)
				assert.Equal(t, "["+html.EscapeString(s), got.String(), "%q", s)
			}
		}
	}
}

// TestWriteTextAndURLAttrAreTemplates holds writeText and writeURLAttr to
// what html/template writes for a string in HTML text and as a whole
// double-quoted href, on strings of everything either escapes, schemes,
// percent escapes good and bad, and bytes that are not UTF-8.
func TestWriteTextAndURLAttrAreTemplates(t *testing.T) {
	tmpl := template.Must(template.New("").Parse(`{{.}}|<a href="{{.}}">`))
	pieces := []string{"", "plain", `"`, "&", "'", "<", ">", "+", "&amp;", "café", "“curly” ’s", "\x00", "\xff", "\xe2\x80",
		"\t\n", " ", "%", "%2F", "%zz", "#", "?q=a b", "http:", "javascript:", "mailto:", "a/b:c", "!$*,;=@[]-._~", "\x7f", "{}|^`"}
	rng := rand.New(rand.NewPCG(7, 8))
	for range 4000 {
		var b strings.Builder
		for range rng.IntN(5) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		var want strings.Builder
		require.NoError(t, tmpl.Execute(&want, s))
		var got strings.Builder
		writeText(&got, s)
		got.WriteString(`|<a href="`)
		writeURLAttr(&got, s)
		got.WriteString(`">`)
		require.Equal(t, want.String(), got.String(), "%q", s)
	}
}

// TestEncodeInboxIsEncodingJSON holds encodeInbox to encoding/json on items
// holding everything it escapes, bytes that are not UTF-8, and numbers on
// both sides of its exponent cut-offs.
func TestEncodeInboxIsEncodingJSON(t *testing.T) {
	odd := []string{"", "plain", `"q" \ back`, "<b>&amp;</b>", "tab\tnl\ncr\rbs\bff\f", "\x00\x01\x1f\x7f", "bad\xff\xe2\x80",
		"line\u2028para\u2029", "café “curly” ’s", "\ufffd", "😀"}
	numbers := []float64{0, -0.5, 1, 2414, 1.5e6, 123.456, 1e-6, 9.99e-7, 1e-9, 1e20, 1e21, -3e22, 0.1 + 0.2}
	rng := rand.New(rand.NewPCG(11, 12))
	for range 500 {
		items := []InboxItem{} // as inboxJSON starts: never null
		for range rng.IntN(4) {
			it := InboxItem{Kind: odd[rng.IntN(len(odd))], Source: odd[rng.IntN(len(odd))], Line: rng.IntN(2000) - 5,
				Text: odd[rng.IntN(len(odd))] + odd[rng.IntN(len(odd))], Value: odd[rng.IntN(len(odd))], Detail: odd[rng.IntN(len(odd))],
				URL: odd[rng.IntN(len(odd))], Reviewed: rng.IntN(2) == 0}
			if rng.IntN(2) == 0 {
				it.Drafted = odd[rng.IntN(len(odd))]
			}
			if rng.IntN(2) == 0 {
				n := numbers[rng.IntN(len(numbers))]
				it.Number = &n
			}
			items = append(items, it)
		}
		want, err := encodeInboxSlowly(items)
		require.NoError(t, err)
		got, err := encodeInbox(items)
		require.NoError(t, err)
		assert.Equal(t, string(want), string(got))
	}
	_, err := encodeInbox([]InboxItem{{Number: new(math.Inf(1))}})
	assert.Error(t, err)
}

// TestEncodeDataIsEncodingJSON holds encodeData, which writes the sources
// and actors of data/dossier.json field by field, to encoding/json, on
// lists that are nil, empty or full, dates that are set or not, strings
// that JSON escapes and seed IDs that are not digits.
func TestEncodeDataIsEncodingJSON(t *testing.T) {
	odd := []string{"", "Torkham", `"q" \ <b>&amp;</b>`, "tab\tnl\n", "\x00\xff", "line\u2028", "café “curly”"}
	day := date.MustParse("2025-10-12")
	month := date.MustParse("2025-10")
	for i := range 200 {
		pick := func(k int) string { return odd[(i+k)%len(odd)] }
		d := dataFile{Title: pick(0), Description: pick(1)}
		if i%5 != 0 {
			d.Sources, d.Actors = []dataSource{}, []dataActor{}
		}
		for j := range i % 4 {
			s := dataSource{ID: pick(j), File: pick(j + 1), URL: pick(j + 2)}
			if j%2 == 0 {
				s.Ingested = &day
			}
			if (i+j)%3 != 0 {
				s.Articles = []dataArticle{}
			}
			for k := range (i + j) % 3 {
				s.Articles = append(s.Articles, dataArticle{FirstLine: k, LastLine: 10 * k, Title: pick(k), Publisher: pick(k + 3),
					Published: []date.Date{{}, day, month}[k%3], Curated: k%2 == 0})
			}
			d.Sources = append(d.Sources, s)
			a := dataActor{Slug: pick(j), Name: pick(j + 1), Kind: pick(j + 2), Side: pick(j + 3), Role: pick(j + 4), URL: pick(j + 5)}
			if j%2 == 0 {
				a.Aliases, a.Places, a.Citations = []string{}, []string{pick(j), pick(j + 1)}, []string{pick(j + 2)}
			}
			for k := range j + i%3 {
				a.Mentions = append(a.Mentions, source.Ref{Seed: []string{"000", "1234", pick(k)}[k%3], First: k, Last: k + k%2})
			}
			d.Actors = append(d.Actors, a)
		}
		if i%7 == 0 {
			d.Events = []dataEvent{{Slug: pick(2), Title: pick(3), Date: day}}
		}
		want, err := encodeDataSlowly(d)
		require.NoError(t, err)
		got, err := encodeData(d)
		require.NoError(t, err)
		assert.Equal(t, string(want), string(got))
	}
}

// TestMentionsKeyLooksUpEachRunOnce holds lazyMentions's key, which looks
// a seed's key up once per run of its lines, to the key of every line
// looked up, over lists of refs at random with seeds that are not there
// and seeds whose lines come in several runs.
func TestMentionsKeyLooksUpEachRunOnce(t *testing.T) {
	keyOf := func(id string) Key { return Key{id[0], byte(len(id))} }
	r := &renderer{seeds: seedIndex{keys: map[string]Key{}}}
	ids := []string{"000", "001", "002", "003", "004"}
	for _, id := range ids[:3] {
		r.seeds.keys[id] = keyOf(id)
	}
	perLine := func(refs []source.Ref) Key {
		h := newHasher()
		cur := ""
		for _, ref := range refs {
			k, ok := r.seeds.keys[ref.Seed]
			if !ok {
				continue
			}
			if ref.Seed != cur {
				cur = ref.Seed
				h.str(ref.Seed)
				h.key(k)
			}
			h.int(ref.First)
		}
		return h.sum()
	}
	rng := rand.New(rand.NewPCG(5, 6))
	for range 2000 {
		refs := make([]source.Ref, rng.IntN(12))
		for i := range refs {
			refs[i] = source.Ref{Seed: ids[rng.IntN(len(ids))], First: rng.IntN(4)}
		}
		var into template.HTML
		assert.Equal(t, perLine(refs), r.lazyMentions(&page{}, &into, refs), "%v", refs)
	}
}

// TestPageBufferIsEmptyWithRoom holds pageBuffer to an empty buffer with
// room for the size asked, whatever the sizes and contents of the pages
// recycled before it.
func TestPageBufferIsEmptyWithRoom(t *testing.T) {
	for _, size := range []int{0, 1, 100, 16 << 10, 1 << 20, 50, 0} {
		for _, old := range []int{0, 10, 200, 1 << 20} {
			recyclePage(append(make([]byte, 0, old), strings.Repeat("x", old/2)...))
			b := pageBuffer(size)
			assert.Empty(t, b)
			assert.GreaterOrEqual(t, cap(b), size)
		}
	}
}
