// Package corpusgen writes synthetic dossiers for benchmarks and scale tests.
//
// Write(dir, Options{Seeds: n, Random: s}) produces, deterministically from
// the two numbers:
//
//	dir/dossier/seeds/NNN_<16 hex of sha256>.txt  n seeds, one paragraph per line
//	dir/dossier/seeds/sources.yaml                 curated metadata for every third seed
//	dir/dossier/content/…                          dossier.yaml, actors, timeline, measures,
//	                                               figures, topics, index.md, about.md; every
//	                                               paragraph cites a seed line that supports it
//	dir/hugo/…                                     the same markdown pages as a minimal Hugo
//	                                               site, plus one page per seed
//
// The dossier passes `dossier check` with no errors: every actor is named in
// the lines its page cites, every figure's value is printed in its source
// line, every quotation is verbatim, and every [[link]] resolves. Sizes scale
// with n: n/10 actors, n/5 events, n/10 figures and n/50 topics (at least a
// handful of each), a measure per figure, so pages ≈ 1.55 n. The dossier
// builds with the theme compiled into the binary.
package corpusgen

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/dossier-project/dossier/internal/text"
)

// Options say what to generate.
type Options struct {
	Seeds  int    // number of seed documents
	Random uint64 // seed of the random generator; the same value gives the same files
}

// Counts reports what Write generated.
type Counts struct {
	Seeds, Actors, Events, Figures, Topics int
}

// Pages is the number of HTML pages both a dossier build and a Hugo build of
// the twin write for the corpus: per seed its viewer and its inbox page
// (every generated seed brings dated lines); per curated page one (a figure
// and its measure are two); the indexes of actors, timeline, figures,
// topics and the inbox; the sources index in pages of SourcesPerPage; the
// home, about, search, print and 404 pages.
func (c Counts) Pages() int {
	return 2*c.Seeds + c.Actors + c.Events + 2*c.Figures + c.Topics + 5 + (c.Seeds+SourcesPerPage-1)/SourcesPerPage + 5
}

// SourcesPerPage is how many sources one page of the sources index lists,
// in the dossier's theme and in the Hugo twin.
const SourcesPerPage = 100

// Vocabulary. Names are built from first × last names, so 40 × 40 actors are possible.
var (
	firstNames = []string{"Amir", "Bilal", "Daud", "Farah", "Ghulam", "Hamid", "Imran", "Jamal", "Karim", "Laila",
		"Mahmud", "Nasir", "Omar", "Parwin", "Qasim", "Rahim", "Sadiq", "Tariq", "Usman", "Wahid",
		"Yasin", "Zahir", "Asma", "Baktash", "Dilawar", "Ehsan", "Fawad", "Gulalai", "Haroon", "Ismat",
		"Javed", "Khalid", "Lutfullah", "Malalai", "Nadia", "Obaid", "Qadir", "Rustam", "Shirin", "Waris"}
	lastNames = []string{"Achakzai", "Baloch", "Chaudhry", "Durrani", "Effendi", "Faizi", "Gilani", "Haqqani", "Iqbal", "Jalali",
		"Kakar", "Lodhi", "Mansoor", "Niazi", "Orakzai", "Popalzai", "Qureshi", "Rahimi", "Safi", "Tarin",
		"Umarzai", "Wardak", "Yousafzai", "Zadran", "Afridi", "Bangash", "Daudzai", "Ghilzai", "Hotak", "Jadoon",
		"Khattak", "Lashkari", "Mohmand", "Noorzai", "Shinwari", "Stanikzai", "Taraki", "Waziri", "Zazai", "Mengal"}
	places = []string{"Kabul", "Islamabad", "Peshawar", "Quetta", "Kandahar", "Khost", "Chaman", "Torkham", "Doha", "Istanbul",
		"Jalalabad", "Herat", "Bajaur", "Kurram", "Spin Boldak", "Mazar-i-Sharif", "Lahore", "Karachi", "Gardez", "Paktika"}
	roles = []string{"a provincial governor", "a border commander", "a ministry spokesman", "a senior negotiator",
		"a tribal elder", "an aid coordinator", "a security analyst", "a deputy minister", "a local police chief", "a refugee official"}
	clauses = []string{"the crossing would stay closed until further notice", "talks would resume within days",
		"reinforcements had been sent to the frontier", "trade convoys were stranded on both sides",
		"the ceasefire was holding despite sporadic fire", "families were leaving the border villages",
		"an inquiry into the strikes had been opened", "shelling had damaged homes and a clinic",
		"the delegation expected written guarantees", "aid lorries were waiting for clearance"}
	weekdays = []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
	units    = []string{"people displaced", "soldiers killed", "civilians wounded", "lorries stranded", "families returned", "fighters detained"}
	quotes   = []string{"we will not accept these terms", "the border is our red line", "dialogue is the only way forward",
		"our patience has limits", "civilians must be protected", "the guarantees must be written down",
		"we are ready to talk at any time", "the attacks must stop first"}
	kinds = []string{"person", "organization", "state", "armed-group", "media"}
	sides = []string{"pakistan", "afghan-taliban", "militants", "mediators", "regional", "international", "analysts", "other"}
)

type actor struct {
	slug, name, alias, kind, side, role string
	mentions                            []lineRef // lines naming the actor
	quotes                              []quoteRef
}

type lineRef struct {
	seed string
	line int
}

func (r lineRef) String() string { return fmt.Sprintf("%s:%d", r.seed, r.line) }

type quoteRef struct {
	at   lineRef
	text string
}

type figure struct {
	at    lineRef
	actor int
	value int
	unit  string
}

type seed struct {
	id, file string
	lines    []string
	items    []item // what an inbox finds in it, for the Hugo twin
}

// item is a fact of a seed line no curated page covers: a name, a date, a
// figure or a quotation.
type item struct {
	line        int
	kind, value string
}

type gen struct {
	rng     *rand.Rand
	n       int
	actors  []*actor
	seeds   []*seed
	figures []figure
}

// Generate makes the dossier in memory: its files by slash-separated path
// relative to the project root (seeds/ and content/; no templates or static
// files), for tests that build from an fstest.MapFS.
func Generate(o Options) (map[string]string, Counts, error) {
	files, _, c, err := generate(o)
	return files, c, err
}

func generate(o Options) (map[string]string, []*seed, Counts, error) {
	if o.Seeds < 1 {
		return nil, nil, Counts{}, fmt.Errorf("corpusgen: need at least one seed, got %d", o.Seeds)
	}
	g := &gen{rng: rand.New(rand.NewPCG(o.Random, o.Random^0x5eed)), n: o.Seeds}
	g.makeActors(max(4, o.Seeds/10))
	for i := 0; i < o.Seeds; i++ {
		g.makeSeed(i)
	}
	files := map[string]string{"content/dossier.yaml": settings()}
	c := g.content(files)
	c.Seeds = o.Seeds
	for _, s := range g.seeds {
		files["seeds/"+s.file] = strings.Join(s.lines, "\n") + "\n"
	}
	files["seeds/sources.yaml"] = g.sourcesYAML()
	return files, g.seeds, c, nil
}

// Write generates the corpus under dir (dir/dossier and dir/hugo).
func Write(dir string, o Options) (Counts, error) {
	files, seeds, c, err := generate(o)
	if err != nil {
		return c, err
	}
	hugo := hugoSite(files, seeds)
	for p, b := range files {
		if err := writeFile(filepath.Join(dir, "dossier", p), b); err != nil {
			return c, err
		}
	}
	for p, b := range hugo {
		if err := writeFile(filepath.Join(dir, "hugo", p), b); err != nil {
			return c, err
		}
	}
	return c, nil
}

func (g *gen) pick(list []string) string { return list[g.rng.IntN(len(list))] }

func (g *gen) makeActors(n int) {
	n = min(n, len(firstNames)*len(lastNames))
	// A random permutation of all name pairs gives unique names.
	perm := g.rng.Perm(len(firstNames) * len(lastNames))
	for i := 0; i < n; i++ {
		f, l := firstNames[perm[i]/len(lastNames)], lastNames[perm[i]%len(lastNames)]
		a := &actor{name: f + " " + l, kind: kinds[i%len(kinds)], side: sides[i%len(sides)], role: roles[i%len(roles)]}
		a.slug = text.Slug(a.name, 0)
		if i%3 == 0 {
			a.alias = l + " " + f // written surname first, as some outlets do
		}
		g.actors = append(g.actors, a)
	}
}

// makeSeed writes seed i: a headline, sometimes a dateline block, then
// paragraphs that name actors, state figures and quote people.
func (g *gen) makeSeed(i int) {
	id := fmt.Sprintf("%03d", i)
	s := &seed{id: id}
	place := g.pick(places)
	s.lines = append(s.lines, fmt.Sprintf("%s: %s as %s", place, text.UpperFirst(g.pick(clauses)), g.pick(clauses)))
	if i%2 == 0 {
		s.lines = append(s.lines, fmt.Sprintf("Published On %d Oct 2025", 1+i%28), "Share", "")
	}
	paragraphs := 10 + g.rng.IntN(30)
	for p := 0; p < paragraphs; p++ {
		n := len(s.lines) + 1
		ai := (i*7 + p) % len(g.actors) // round robin: every actor is named somewhere
		a := g.actors[ai]
		name := a.name
		if a.alias != "" && p%4 == 3 {
			name = a.alias
		}
		at := lineRef{id, n}
		switch g.rng.IntN(4) {
		case 0:
			v := 10 + g.rng.IntN(4000)
			unit, day, place := g.pick(units), g.pick(weekdays), g.pick(places)
			s.lines = append(s.lines, fmt.Sprintf("%s said on %s that %s %s had been counted in %s by the end of the week, and that the number could rise.",
				name, day, thousands(v), unit, place))
			g.figures = append(g.figures, figure{at: at, actor: ai, value: v, unit: unit})
			s.items = append(s.items, item{n, "date", "on " + day}, item{n, "figure", thousands(v) + " " + unit}, item{n, "name", place})
		case 1:
			q := g.pick(quotes)
			place, day := g.pick(places), g.pick(weekdays)
			s.lines = append(s.lines, fmt.Sprintf(`%s, %s, told reporters in %s on %s: "%s," adding that %s.`,
				name, a.role, place, day, text.UpperFirst(q), g.pick(clauses)))
			a.quotes = append(a.quotes, quoteRef{at: at, text: text.UpperFirst(q)})
			s.items = append(s.items, item{n, "name", place}, item{n, "date", "on " + day}, item{n, "quote", text.UpperFirst(q)})
		default:
			place, day, clause, other := g.pick(places), g.pick(weekdays), g.pick(clauses), g.pick(places)
			s.lines = append(s.lines, fmt.Sprintf("In %s, %s said on %s that %s, while officials in %s said %s.",
				place, name, day, clause, other, g.pick(clauses)))
			s.items = append(s.items, item{n, "name", place}, item{n, "date", "on " + day}, item{n, "name", other})
		}
		a.mentions = append(a.mentions, at)
		if p%9 == 8 {
			s.lines = append(s.lines, "Recommended Stories")
		}
	}
	text := strings.Join(s.lines, "\n") + "\n"
	sum := sha256.Sum256([]byte(text))
	s.file = id + "_" + hex.EncodeToString(sum[:8]) + ".txt"
	g.seeds = append(g.seeds, s)
}

func (g *gen) sourcesYAML() string {
	var b strings.Builder
	b.WriteString("# Generated metadata for every third seed; the rest are split automatically.\n")
	for i, s := range g.seeds {
		if i%3 != 0 {
			continue
		}
		fmt.Fprintf(&b, "%q:\n  file: %s\n  articles:\n    - lines: 1-%d\n      title: %q\n      publisher: Generated Wire\n      published: 2025-10-%02d\n",
			s.id, s.file, len(s.lines), strings.TrimSuffix(s.lines[0], "."), 1+i%28)
	}
	return b.String()
}

// content writes the curated pages into files and counts them.
func (g *gen) content(files map[string]string) Counts {
	var c Counts
	nTopics := max(3, g.n/50)
	topics := make([]string, nTopics)
	topicTitles := make([]string, nTopics)
	for i := range topics {
		topicTitles[i] = fmt.Sprintf("%s %s", places[i%len(places)], []string{"border", "talks", "refugees", "trade", "security"}[(i/len(places))%5])
		if i >= len(places)*5 {
			topicTitles[i] += fmt.Sprintf(" %d", i)
		}
		topics[i] = text.Slug(topicTitles[i], 0)
	}

	for i, a := range g.actors {
		var fm strings.Builder
		fmt.Fprintf(&fm, "name: %s\n", a.name)
		if a.alias != "" {
			fmt.Fprintf(&fm, "aliases: [%s]\n", a.alias)
		}
		fmt.Fprintf(&fm, "kind: %s\nside: %s\nrole: %s\n", a.kind, a.side, text.UpperFirst(a.role))
		body := fmt.Sprintf("%s is %s, named in the sources on %s [@%s].\n", a.name, a.role, pluralLines(len(a.mentions)), a.mentions[0])
		if len(a.quotes) > 0 {
			q := a.quotes[0]
			body += fmt.Sprintf("\nAsked about the crisis, %s said \"%s\" [@%s].\n", a.name, q.text, q.at)
		}
		other := g.actors[(i+1)%len(g.actors)]
		body += fmt.Sprintf("\nSee also [[%s]] and [[%s]], named in the same reports [@%s].\n", other.slug, topics[i%nTopics], a.mentions[len(a.mentions)-1])
		files["content/actors/"+a.slug+".md"] = "---\n" + fm.String() + "---\n" + body
		c.Actors++
	}

	nEvents := max(5, g.n/5)
	for i := 0; i < nEvents; i++ {
		a := g.actors[i%len(g.actors)]
		b := g.actors[(i*3+1)%len(g.actors)]
		day := 1 + i%61 // 1 October to 30 November 2025
		month := 10 + (day-1)/31
		dom := (day-1)%31 + 1
		title := fmt.Sprintf("%s and %s in %s, report %d", a.name, b.name, places[i%len(places)], i+1)
		slug := fmt.Sprintf("2025-%02d-%02d-%s", month, dom, text.Slug(fmt.Sprintf("%s %s %d", a.slug, places[i%len(places)], i+1), 0))
		topic := topics[i%nTopics]
		fm := fmt.Sprintf("title: %s\ndate: 2025-%02d-%02d\nprecision: day\nactors: [%s, %s]\ntopics: [%s]\n", title, month, dom, a.slug, b.slug, topic)
		if a == b {
			fm = fmt.Sprintf("title: %s\ndate: 2025-%02d-%02d\nprecision: day\nactors: [%s]\ntopics: [%s]\n", title, month, dom, a.slug, topic)
		}
		body := fmt.Sprintf("[[%s]] spoke about the events in %s [@%s]; see [[%s]] [@%s].\n",
			a.slug, places[i%len(places)], a.mentions[i%len(a.mentions)], topic, b.mentions[i%len(b.mentions)])
		files["content/timeline/"+slug+".md"] = "---\n" + fm + "---\n" + body
		c.Events++
	}

	nFigures := min(len(g.figures), max(3, g.n/10))
	for i := 0; i < nFigures; i++ {
		f := g.figures[i*len(g.figures)/nFigures]
		a := g.actors[f.actor]
		slug := text.Slug(fmt.Sprintf("%s per %s %s", f.unit, a.slug, f.at), 0)
		measure := slug + "-measure"
		fm := fmt.Sprintf("title: %s, per %s (%s)\nvalue: %d\nas_of: 2025-10-%02d\nclaimed_by: %s\nsource: \"%s\"\nmeasure: %s\n",
			text.UpperFirst(f.unit), a.name, f.at, f.value, 1+i%28, a.slug, f.at, measure)
		body := fmt.Sprintf("%s put the number at %s [@%s].\n", a.name, thousands(f.value), f.at)
		files["content/figures/"+slug+".md"] = "---\n" + fm + "---\n" + body
		files["content/measures/"+measure+".md"] = fmt.Sprintf("---\ntitle: %s as %s counted them (%s)\nunit: count\nrelation: single\ntheme: %s\n---\n",
			text.UpperFirst(f.unit), a.name, f.at, []string{"casualties", "refugees", "other"}[i%3])
		c.Figures++
	}

	for i, slug := range topics {
		a, b, d := g.actors[i%len(g.actors)], g.actors[(i+2)%len(g.actors)], g.actors[(i+5)%len(g.actors)]
		fm := fmt.Sprintf("title: %s\nsummary: What the sources say about %s.\nactors: [%s]\n", topicTitles[i], strings.ToLower(topicTitles[i]),
			strings.Join(uniq(a.slug, b.slug, d.slug), ", "))
		body := fmt.Sprintf("## Background\n\n[[%s]] and [[%s]] describe the situation differently [@%s; @%s].\n\n"+
			"## What to watch\n\n- Whether [[%s]] keeps to the position reported here [@%s].\n- How the talks in %s proceed [@%s].\n",
			a.slug, b.slug, a.mentions[0], b.mentions[0], d.slug, d.mentions[0], places[i%len(places)], a.mentions[len(a.mentions)-1])
		files["content/topics/"+slug+".md"] = "---\n" + fm + "---\n" + body
		c.Topics++
	}

	first, second := g.actors[0], g.actors[1%len(g.actors)]
	files["content/index.md"] = fmt.Sprintf("---\ntitle: Generated crisis briefing (%d seeds)\ndescription: A synthetic dossier for benchmarks.\n---\n"+
		"## Bottom line up front\n\nThe sources name [[%s]] and [[%s]] most often [@%s; @%s].\n\n## Key judgments\n\n"+
		"1. The crisis is about the border, see [[%s]] [@%s].\n2. Talks continue, see [[%s]] [@%s].\n",
		g.n, first.slug, second.slug, first.mentions[0], second.mentions[0], topics[0], first.mentions[0], topics[1%nTopics], second.mentions[0])
	files["content/about.md"] = "---\ntitle: About this dossier\ndescription: How the generated dossier is made.\n---\n" +
		"Every page of this dossier is generated from a random seed, so that builds can be measured at any size.\n"
	return c
}

func pluralLines(n int) string {
	if n == 1 {
		return "one line"
	}
	return fmt.Sprintf("%d lines", n)
}

func uniq(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// thousands writes 2414 as "2,414".
func thousands(v int) string {
	s := fmt.Sprint(v)
	if len(s) <= 3 {
		return s
	}
	return s[:len(s)-3] + "," + s[len(s)-3:]
}

func writeFile(p, data string) error {
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return os.WriteFile(p, []byte(data), 0o644)
}

// sortedKeys is used by the Hugo writer for a stable page order.
func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// settings is the generated dossier's content/dossier.yaml: every side an
// actor may have, with a colour.
func settings() string {
	colors := []string{"#15803d", "#b91c1c", "#7c2d12", "#1d4ed8", "#7c3aed", "#0e7490", "#a16207", "#6b7280"}
	var b strings.Builder
	b.WriteString("title: Generated dossier\ndescription: A synthetic dossier for benchmarks and scale tests.\nsides:\n")
	for i, s := range sides {
		fmt.Fprintf(&b, "  - {slug: %s, label: %s, color: \"%s\"}\n", s, text.UpperFirst(strings.ReplaceAll(s, "-", " ")), colors[i%len(colors)])
	}
	b.WriteString("period: 2025-10/2025-11\n")
	return b.String()
}
