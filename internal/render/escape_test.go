package render

import (
	"html"
	"html/template"
	"strings"
	"testing"

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
