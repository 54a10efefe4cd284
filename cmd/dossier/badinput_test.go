package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dossier-project/dossier/internal/testtree"
	"github.com/dossier-project/dossier/internal/text"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// seedFile is the fixture's one seed.
const seedFile = "seeds/000_0123456789abcdef.txt"

// edit is one change to a copy of the fixture project.
type edit func(t *testing.T, dir string)

func writeFile(rel string, data []byte) edit {
	return func(t *testing.T, dir string) {
		t.Helper()
		require.NoError(t, os.MkdirAll(filepath.Dir(filepath.Join(dir, rel)), 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(dir, rel), data, 0o644))
	}
}

func replace(rel, old, new string) edit {
	return func(t *testing.T, dir string) {
		t.Helper()
		full := filepath.Join(dir, rel)
		b, err := os.ReadFile(full)
		require.NoError(t, err)
		require.Contains(t, string(b), old, "fixture %s", rel)
		require.NoError(t, os.WriteFile(full, bytes.Replace(b, []byte(old), []byte(new), 1), 0o644))
	}
}

func remove(rel string) edit {
	return func(t *testing.T, dir string) {
		t.Helper()
		require.NoError(t, os.RemoveAll(filepath.Join(dir, rel)))
	}
}

// toBOMCRLF rewrites a file with a byte-order mark and CRLF line endings.
func toBOMCRLF(rel string) edit {
	return func(t *testing.T, dir string) {
		t.Helper()
		full := filepath.Join(dir, rel)
		b, err := os.ReadFile(full)
		require.NoError(t, err)
		b = append([]byte("\xef\xbb\xbf"), bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n"))...)
		require.NoError(t, os.WriteFile(full, b, 0o644))
	}
}

// lines splits command output into lines.
func lines(s string) []string { return strings.Split(strings.TrimRight(s, "\n"), "\n") }

// TestBadInput feeds the pipeline one kind of bad input per case (several in
// the last) and checks that check and build print exactly the expected
// problems, all of them in one run, with file, line where one exists, what
// is wrong and what to do; that both exit with an error; and that the failed
// build leaves the previous public/ byte for byte as it was.
func TestBadInput(t *testing.T) {
	const pngHeader = "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00"
	tests := []struct {
		name      string
		edits     []edit
		want      []string // lines both check and build print
		errors    int      // the error count check reports; every problem is counted
		buildOnly bool     // found by rendering, which check does not do
	}{
		{
			name:   "invalid UTF-8 in a seed",
			edits:  []edit{replace(seedFile, "struck on Monday", "struck on Mon\xe9day")},
			want:   []string{seedFile + ":11: byte 0xE9 at offset 639 is not UTF-8 text, while the file's other characters beyond ASCII are: no one encoding reads the file; correct the byte in the document, then run `dossier ingest` on it; a seed must be UTF-8: move the file out of seeds/ and ingest it from there"},
			errors: 1,
		},
		{
			name: "BOM and CRLF do not shift line numbers",
			edits: []edit{toBOMCRLF(seedFile), toBOMCRLF("content/actors/khawaja-asif.md"),
				replace("content/actors/khawaja-asif.md", `"would continue"`, `"will continue"`)},
			want:   []string{`content/actors/khawaja-asif.md:8: quotation "will continue" is not verbatim in the cited lines 000:8; quote them exactly (… marks a cut) or cite the lines that say it`},
			errors: 1,
		},
		{
			name:   "empty seed",
			edits:  []edit{writeFile("seeds/001_e3b0c44298fc1c14.txt", nil)},
			want:   []string{"seeds/001_e3b0c44298fc1c14.txt: empty seed: the file has no text; remove it or put the document's text in it"},
			errors: 1,
		},
		{
			name:   "binary file named as a seed",
			edits:  []edit{writeFile("seeds/001_89504e470d0a1a0a.txt", []byte(pngHeader))},
			want:   []string{"seeds/001_89504e470d0a1a0a.txt:3: NUL byte at byte 8: this looks like a binary file, not a text seed; remove it from seeds/ or save the document as UTF-8 text"},
			errors: 1,
		},
		{
			name:   "5 MB single-line seed",
			edits:  []edit{writeFile("seeds/001_0000000000000000.txt", bytes.Repeat([]byte("word "), 1_000_000))},
			want:   []string{"seeds/001_0000000000000000.txt:1: line is 5000000 bytes long (limit 100000): a seed holds one paragraph per line; split the text into paragraphs"},
			errors: 1,
		},
		{
			name:   "unexpected file name in seeds/",
			edits:  []edit{writeFile("seeds/notes.txt", []byte("my notes\n")), writeFile("seeds/photo.png", []byte(pngHeader))},
			want:   []string{"seeds/notes.txt: unexpected file name: seeds are named NNN_<hex>.txt (use `dossier ingest notes.txt` to add a document)", "seeds/photo.png: unexpected file name: seeds are named NNN_<hex>.txt (use `dossier ingest photo.png` to add a document)"},
			errors: 2,
		},
		{
			name:  "missing seeds/",
			edits: []edit{remove("seeds")},
			want: []string{"seeds: cannot read the seeds folder: open seeds: no such file or directory (create seeds/ and put NNN_<hex>.txt files in it)",
				"content/actors/khawaja-asif.md:8: citation 000:8: there is no seed 000"},
			errors: 21, // and every citation of seed 000
		},
		{
			name:   "missing content/",
			edits:  []edit{remove("content")},
			want:   []string{"content: cannot read the content folder: stat content: no such file or directory (create content/ with dossier.yaml, index.md, about.md and the page folders, or run `dossier new`)"},
			errors: 1,
		},
		{
			name:   "malformed YAML in front matter",
			edits:  []edit{replace("content/actors/khawaja-asif.md", "kind: person", "kind: [person")},
			want:   []string{"content/actors/khawaja-asif.md:4: front matter: did not find expected ',' or ']'"},
			errors: 1, // links to the page are not reported again
		},
		{
			name:   "malformed YAML in sources.yaml",
			edits:  []edit{replace("seeds/sources.yaml", "lines: 10-11", "lines: [10-11")},
			want:   []string{"seeds/sources.yaml:9: did not find expected ',' or ']'"},
			errors: 1,
		},
		{
			name:   "wrong type",
			edits:  []edit{replace("content/figures/soldiers-killed-per-army.md", "value: 23", "value: twenty-three")},
			want:   []string{"content/figures/soldiers-killed-per-army.md:3: front matter: `twenty-...` is not a number"},
			errors: 1,
		},
		{
			name:  "unknown key",
			edits: []edit{replace("content/actors/zabihullah-mujahid.md", "role:", "rôle:"), replace("seeds/sources.yaml", "publisher: Test Wire", "publsher: Test Wire")},
			want: []string{`content/actors/zabihullah-mujahid.md:6: front matter: unknown key "rôle"; use one of name, aliases, kind, side, role, places, weight, draft`,
				`seeds/sources.yaml:6: unknown key "publsher"; use one of lines, title, publisher, published, url, note`},
			errors: 2,
		},
		{
			name:   "missing front matter",
			edits:  []edit{writeFile("content/topics/border-clashes.md", []byte("The two sides disagree on the toll [@000:4; @000:7].\n"))},
			want:   []string{`content/topics/border-clashes.md:1: missing front matter: a page starts with a line "---", its YAML fields, and another "---"`},
			errors: 1,
		},
		{
			name:   "duplicate slugs",
			edits:  []edit{writeFile("content/topics/khawaja-asif.md", []byte("---\ntitle: The minister\nsummary: What he said.\n---\nHe spoke [@000:8].\n"))},
			want:   []string{`content/topics/khawaja-asif.md:1: duplicate slug "khawaja-asif": content/actors/khawaja-asif.md has it too; slugs are unique across all folders`},
			errors: 1,
		},
		{
			name:   "alias shared by two actors",
			edits:  []edit{replace("content/actors/pakistan-army.md", "aliases: []", "aliases: [Khawaja Muhammad Asif]")},
			want:   []string{`content/actors/pakistan-army.md:1: name or alias "Khawaja Muhammad Asif" is also used by content/actors/khawaja-asif.md; an alias must name one actor`},
			errors: 1,
		},
		{
			name: "references to a missing actor, topic and page",
			edits: []edit{replace("content/figures/soldiers-killed-per-army.md", "claimed_by: pakistan-army", "claimed_by: pakistan-navy"),
				replace("content/timeline/2025-10-12-border-clashes.md", "topics: [border-clashes]", "topics: [border-war]"),
				replace("content/topics/border-clashes.md", "[[soldiers-killed-per-army]]", "[[soldiers-killed-per-navy]]")},
			want: []string{`content/figures/soldiers-killed-per-army.md:1: front matter: claimed_by: no page has the slug "pakistan-navy"`,
				`content/timeline/2025-10-12-border-clashes.md:1: front matter: topics: no page has the slug "border-war"`,
				`content/topics/border-clashes.md:6: [[soldiers-killed-per-navy]]: no page has the slug, name, alias or title "soldiers-killed-per-navy"`},
			errors: 3,
		},
		{
			name: "citations of a missing seed, a missing line and a reversed range",
			edits: []edit{replace("content/actors/khawaja-asif.md", "[@000:8]", "[@001:8]"),
				replace("content/actors/pakistan-army.md", "[@000:4]", "[@000:40]"),
				replace("content/actors/zabihullah-mujahid.md", "[@000:7]", "[@000:7-5]")},
			want: []string{"content/actors/khawaja-asif.md:8: citation 001:8: there is no seed 001",
				"content/actors/pakistan-army.md:8: citation 000:40: seed 000 has only 11 lines",
				"content/actors/zabihullah-mujahid.md:8: citation 000:7-5: reversed range; write 000:5-7"},
			errors: 3,
		},
		{
			name:   "misquotation",
			edits:  []edit{replace("content/actors/zabihullah-mujahid.md", "violations of our airspace", "violations of our sovereignty")},
			want:   []string{`content/actors/zabihullah-mujahid.md:8: quotation "a response to violations of our sovereignty" is not verbatim in the cited lines 000:7; quote them exactly (… marks a cut) or cite the lines that say it`},
			errors: 1,
		},
		{
			name:   "figure value absent from its line",
			edits:  []edit{replace("content/figures/soldiers-killed-per-taliban.md", "value: 58", "value: 85")},
			want:   []string{`content/figures/soldiers-killed-per-taliban.md:1: figure value 85 does not appear in its source line 000:7: "The Taliban spokesman Zabihullah Mujahid said 58 Pakistani soldiers had been killed and called the operation “a response to violations of our airspace”."; correct the value, or point source at the line that states it`},
			errors: 1,
		},
		{
			name:      "template syntax error",
			edits:     []edit{replace("templates/actor.html", "<h1>{{.Title}}</h1>", "<h1>{{.Title</h1>")},
			want:      []string{"templates/actor.html:5: template error: bad character U+003C '<'; fix the template"},
			buildOnly: true,
		},
		{
			name:      "template execution error",
			edits:     []edit{replace("templates/actor.html", "<h1>{{.Title}}</h1>", "<h1>{{.Titel}}</h1>")},
			want:      []string{`templates/actor.html:5: template error: executing "main" at <.Titel>: can't evaluate field Titel in type *render.page (while rendering actors/khawaja-asif/index.html); fix the template`},
			buildOnly: true,
		},
		{
			name:      "a project layout calls a partial nobody defines",
			edits:     []edit{writeFile("templates/topic.html", []byte(`{{define "main"}}<h1>{{.Title}}</h1>{{template "nopartial" .}}{{end}}`))},
			want:      []string{`templates/topic.html:1: template error: no such template "nopartial" (while rendering topics/border-clashes/index.html); fix the template`},
			buildOnly: true,
		},
		{
			name:      "a layout runs a cached template nobody defines",
			edits:     []edit{writeFile("templates/topic.html", []byte(`{{define "main"}}<h1>{{.Title}}</h1>{{.Cached "nopartial"}}{{end}}`))},
			want:      []string{`templates/topic.html:1: template error: executing "main" at <.Cached>: error calling Cached: no template "nopartial" is defined; define it with {{define "nopartial"}} in base.html or a partial (while rendering topics/border-clashes/index.html); fix the template`},
			buildOnly: true,
		},
		{
			name:      "a cached template's output is keyed by a value that is not a string, number or boolean",
			edits:     []edit{writeFile("templates/topic.html", []byte(`{{define "main"}}<h1>{{.Title}}</h1>{{.Cached "site-footer" .Data}}{{end}}`))},
			want:      []string{`templates/topic.html:1: template error: executing "main" at <.Cached>: error calling Cached: variant 1 of "site-footer" is a render.topicData; give strings, numbers or booleans (while rendering topics/border-clashes/index.html); fix the template`},
			buildOnly: true,
		},
		{
			name: "a cached template runs itself",
			edits: []edit{writeFile("templates/topic.html", []byte(`{{define "main"}}<h1>{{.Title}}</h1>{{.Cached "topic-note"}}{{end}}
{{define "topic-note"}}<p>{{.Cached "topic-note"}}</p>{{end}}`))},
			want:      []string{`templates/topic.html:2: template error: executing "topic-note" at <.Cached>: error calling Cached: template "topic-note" runs itself through Cached, with the same variants (while rendering topics/border-clashes/index.html); fix the template`},
			buildOnly: true,
		},
		{
			name: "a cached template fails",
			edits: []edit{writeFile("templates/topic.html", []byte(`{{define "main"}}<h1>{{.Title}}</h1>{{.Cached "topic-note" .Section}}{{end}}
{{define "topic-note"}}<p>{{.Titel}}</p>{{end}}`))},
			want:      []string{`templates/topic.html:2: template error: executing "topic-note" at <.Titel>: can't evaluate field Titel in type *render.page (while rendering topics/border-clashes/index.html); fix the template`},
			buildOnly: true,
		},
		{
			name: "several problems at once",
			edits: []edit{
				replace(seedFile, "struck on Monday", "struck on Mon\xe9day"),
				writeFile("seeds/notes.txt", []byte("my notes\n")),
				replace("content/actors/khawaja-asif.md", `"would continue"`, `"will continue"`),
				replace("content/figures/soldiers-killed-per-army.md", "value: 23", "value: 24"),
				replace("content/timeline/2025-10-12-border-clashes.md", "zabihullah-mujahid]", "nobody]"),
				replace("content/topics/border-clashes.md", "[@000:4; @000:7]", "[@000:4; @000:70]"),
				replace("content/about.md", "title: About", "titel: About"),
			},
			want: []string{
				seedFile + ":11: byte 0xE9 at offset 639 is not UTF-8 text, while the file's other characters beyond ASCII are: no one encoding reads the file; correct the byte in the document, then run `dossier ingest` on it; a seed must be UTF-8: move the file out of seeds/ and ingest it from there",
				"seeds/notes.txt: unexpected file name: seeds are named NNN_<hex>.txt (use `dossier ingest notes.txt` to add a document)",
				`content/actors/khawaja-asif.md:8: quotation "will continue" is not verbatim in the cited lines 000:8; quote them exactly (… marks a cut) or cite the lines that say it`,
				`content/figures/soldiers-killed-per-army.md:1: figure value 24 does not appear in its source line 000:4: "Fighting along the border killed 23 soldiers, the Pakistani army said on Sunday."; correct the value, or point source at the line that states it`,
				`content/timeline/2025-10-12-border-clashes.md:1: front matter: actors: no page has the slug "nobody"`,
				`content/topics/border-clashes.md:6: citation 000:70: seed 000 has only 11 lines`,
				`content/about.md:2: front matter: unknown key "titel"; use one of title, description, facts, draft`,
			},
			errors: 7,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := testProject(t)
			pub := filepath.Join(dir, "public")
			_, stderr, err := runCmd("build", "-root", dir)
			require.NoError(t, err, stderr)
			before := testtree.Read(t, pub)
			for _, e := range tt.edits {
				e(t, dir)
			}

			stdout, stderr, err := runCmd("check", "-root", dir)
			if tt.buildOnly {
				assert.NoError(t, err, "check does not render templates: %s", stderr)
			} else {
				assert.True(t, errors.Is(err, errReported), "check fails: %v", err)
				got := lines(stderr)
				for _, w := range tt.want {
					assert.Contains(t, got, w, "check output:\n%s", stderr)
				}
				assert.Equal(t, fmt.Sprintf("%s, 0 warnings", text.Count(tt.errors, "error")), got[len(got)-1], "every problem is counted:\n%s", stderr)
				assert.Len(t, got, tt.errors+1, "one line per problem and a summary:\n%s", stderr)
				assert.Contains(t, stdout, "coverage:", "check still reports coverage")
			}

			_, stderr, err = runCmd("build", "-root", dir)
			assert.True(t, errors.Is(err, errReported), "build fails: %v", err)
			got := lines(stderr)
			for _, w := range tt.want {
				assert.Contains(t, got, w, "build output:\n%s", stderr)
			}
			last := fmt.Sprintf("build failed: %s, 0 warnings; %s was not changed", text.Count(tt.errors, "error"), pub)
			if tt.buildOnly {
				last = fmt.Sprintf("build failed: 1 error, 0 warnings; %s was not changed", pub)
			}
			assert.Equal(t, last, got[len(got)-1], "build output:\n%s", stderr)
			assert.Equal(t, before, testtree.Read(t, pub), "a failed build leaves public/ as it was")
			assert.Empty(t, testtree.Leftovers(t, dir), "no temporary folders are left")
		})
	}
}

// TestBOMAndCRLFAccepted builds a site whose seed and pages have a
// byte-order mark and CRLF line endings: nothing is reported and every line
// keeps its number.
func TestBOMAndCRLFAccepted(t *testing.T) {
	dir := testProject(t)
	for _, rel := range []string{seedFile, "seeds/sources.yaml", "content/actors/khawaja-asif.md", "content/index.md", "content/figures/soldiers-killed-per-army.md"} {
		toBOMCRLF(rel)(t, dir)
	}
	stdout, stderr, err := runCmd("build", "-root", dir)
	require.NoError(t, err, stderr)
	assert.Contains(t, stdout, "0 warnings")
	assert.Empty(t, stderr)

	src := read(t, filepath.Join(dir, "public"), "sources/000/index.html")
	assert.Regexp(t, `id="L1"><a class="ln" href="#L1">1</a><span class="cl">[^<]*(<span[^>]*>)?Border clashes`, src, "line 1 is the headline, not shifted by the BOM")
	assert.Regexp(t, `id="L8"><a class="ln" href="#L8">8</a><span class="cl">(<span[^>]*>)?Khawaja`, src, "line 8 keeps its number")
	assert.NotContains(t, src, "\r", "no carriage return reaches the page")
	assert.NotContains(t, src, "\ufeff", "no byte-order mark reaches the page")
	actor := read(t, filepath.Join(dir, "public"), "actors/khawaja-asif/index.html")
	assert.Contains(t, actor, `href="../../sources/000/index.html#L8"`, "the citation still links line 8")
}

// TestExitStatus runs the real binary: problems make check and build exit
// with status 1, a clean project with 0, and a command line the program
// cannot read (an unknown command or flag) with 2.
func TestExitStatus(t *testing.T) {
	bin := buildBinary(t)
	dir := testProject(t)
	for _, args := range [][]string{{"check"}, {"build"}} {
		cmd := exec.Command(bin, append(args, "-root", dir)...)
		out, err := cmd.CombinedOutput()
		require.NoError(t, err, "%v on the fixture: %s", args, out)
	}
	replace("content/actors/khawaja-asif.md", "[@000:8]", "[@000:80]")(t, dir)
	for _, tt := range []struct {
		args []string
		code int
	}{{[]string{"check"}, 1}, {[]string{"build"}, 1}, {[]string{"nonsense"}, 2}, {[]string{"build", "-nonsense"}, 2}} {
		cmd := exec.Command(bin, append(tt.args, "-root", dir)...)
		out, err := cmd.CombinedOutput()
		var exit *exec.ExitError
		require.ErrorAs(t, err, &exit, "%v: %s", tt.args, out)
		assert.Equal(t, tt.code, exit.ExitCode(), "%v: %s", tt.args, out)
	}
}
