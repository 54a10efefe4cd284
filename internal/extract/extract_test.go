package extract

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dossier-project/dossier/internal/date"
)

func published(t *testing.T, s string) date.Date {
	t.Helper()
	if s == "" {
		return date.Date{}
	}
	d, err := date.Parse(s)
	require.NoError(t, err, "published %q", s)
	return d
}

func dateLabels(t *testing.T, c dateCase) []string {
	var got []string
	for _, d := range Dates(c.text, published(t, c.published)) {
		v := "?"
		if d.Resolved() {
			v = d.Date.String()
		}
		got = append(got, d.Text+"="+v)
	}
	return got
}

func figureLabels(c figureCase) []string {
	var got []string
	for _, f := range Figures(c.text) {
		got = append(got, strings.Join([]string{f.Text, f.Unit, f.Qualifier, f.Speaker}, "|"))
	}
	return got
}

func nameLabels(c nameCase, known *Matcher) []string {
	var got []string
	for _, n := range Names(c.text, known) {
		got = append(got, n.Name)
	}
	return got
}

func quoteLabels(c quoteCase) []string {
	var got []string
	for _, q := range Quotes(c.text) {
		w := strings.Fields(q.Text)
		got = append(got, strings.Join(w[:min(4, len(w))], " ")+"|"+q.Speaker)
	}
	return got
}

func TestDates(t *testing.T) {
	for _, c := range dateCases {
		assert.Equal(t, c.want, dateLabels(t, c), "Dates(%q, published %q)", c.text, c.published)
	}
}

func TestDatesCarryPrecisionAndSentence(t *testing.T) {
	text := "Talks collapsed on Saturday. The border closed on October 12 and stayed shut last week."
	ds := Dates(text, date.MustParse("2025-11-09"))
	require.Len(t, ds, 3, "Dates(%q)", text)
	assert.Equal(t, "day", ds[0].Precision, "on Saturday")
	assert.True(t, ds[0].Relative, "on Saturday is relative")
	assert.Equal(t, "Talks collapsed on Saturday.", ds[0].Sentence, "sentence of on Saturday")
	assert.Equal(t, "day", ds[1].Precision, "October 12")
	assert.Equal(t, "approximate", ds[2].Precision, "last week")
	assert.Equal(t, "The border closed on October 12 and stayed shut last week.", ds[2].Sentence, "sentence of last week")

	undated := Dates("Fighting resumed on Thursday.", date.Date{})
	require.Len(t, undated, 1)
	assert.False(t, undated[0].Resolved(), "a weekday in an undated article is not resolved")
	assert.Contains(t, undated[0].Note, "publication date is unknown", "the note says why")
}

func TestFigures(t *testing.T) {
	for _, c := range figureCases {
		assert.Equal(t, c.want, figureLabels(c), "Figures(%q)", c.text)
	}
}

func TestFigureValues(t *testing.T) {
	tests := []struct {
		text string
		want []float64
	}{
		{"more than $45 million during the closure", []float64{45e6}},
		{"nine children and twelve others were wounded", []float64{9, 12}},
		{"about 1,200 families crossed", []float64{1200}},
		{"at 12:59am (20:29 GMT on Sunday)", nil},
		{"F-16 jets and COVID-19 and G20 leaders", nil},
	}
	for _, tt := range tests {
		var got []float64
		for _, f := range Figures(tt.text) {
			got = append(got, f.Value)
		}
		assert.Equal(t, tt.want, got, "Figures(%q) values", tt.text)
	}
}

func TestNames(t *testing.T) {
	known := NewMatcher(knownNames)
	for _, c := range nameCases {
		assert.Equal(t, c.want, nameLabels(c, known), "Names(%q)", c.text)
	}
}

func TestNameTitlesAndKinds(t *testing.T) {
	known := NewMatcher(knownNames)
	tests := []struct {
		text              string
		name, title, kind string
	}{
		{"Afghanistan’s delegation is led by Deputy Interior Minister Haji Najib.", "Haji Najib", "Deputy Interior Minister", "person"},
		{"The Khyber Chamber of Commerce estimated the losses.", "Khyber Chamber of Commerce", "", "organization"},
		{"Pakistan’s Deputy Prime Minister said so.", "Deputy Prime Minister", "", "title"},
		{"Farhan Haq said so.", "Farhan Haq", "", "other"},
	}
	for _, tt := range tests {
		ns := Names(tt.text, known)
		require.Len(t, ns, 1, "Names(%q)", tt.text)
		assert.Equal(t, tt.name, ns[0].Name, "name in %q", tt.text)
		assert.Equal(t, tt.title, ns[0].Title, "title in %q", tt.text)
		assert.Equal(t, tt.kind, ns[0].Kind, "kind in %q", tt.text)
	}
}

// TestPlaces checks the cues that make a name a place, the kind each
// suggests, and words that look like cues but are not.
func TestPlaces(t *testing.T) {
	known := NewMatcher(knownNames)
	tests := []struct {
		text string
		want string // "name|kind", or "" when no place may be found
	}{
		{"Shells struck houses in Khost on Monday.", "Khost|"},
		{"The gun battle erupted in the Orakzai district near the border.", "Orakzai|district"},
		{"Strikes hit Paktika province overnight.", "Paktika|province"},
		{"Traders waited at the Ghulam Khan border crossing for days.", "Ghulam Khan|border-crossing"},
		{"The Kharlachi crossing stayed shut.", "Kharlachi|border-crossing"},
		{"Envoys met in Saudi Arabia last week.", "Saudi Arabia|country"},
		{"Families fled to Tajikistan.", "Tajikistan|country"},
		{"The talks in Kuala Lumpur ended.", "Kuala Lumpur|"},
		{"According to Reuters, the talks ended.", ""},
		{"The statement came in October.", ""},
		{"He spoke in Prime Minister Imran Khan's time.", ""},
		{"Officials at the Khyber Chamber of Commerce disagreed.", ""},
		{"LIMA: Officials in Lima said so.", "Lima|"},
		{"Trade in Peru-Chile relations fell.", ""},
		{"Clashes near the India-China border went on.", ""},
	}
	for _, tt := range tests {
		var got []string
		for _, n := range Names(tt.text, known) {
			if n.Kind == "place" {
				got = append(got, n.Name+"|"+n.Place)
			}
		}
		if tt.want == "" {
			assert.Empty(t, got, "places in %q", tt.text)
			continue
		}
		assert.Equal(t, []string{tt.want}, got, "places in %q", tt.text)
	}
}

func TestQuotes(t *testing.T) {
	for _, c := range quoteCases {
		assert.Equal(t, c.want, quoteLabels(c), "Quotes(%q)", c.text)
	}
}

// score counts how many extracted labels are right (precision) and how many
// labels were found (recall), matching each label at most once.
type score struct{ tp, got, want int }

func (s *score) add(got, want []string) {
	left := map[string]int{}
	for _, w := range want {
		left[w]++
	}
	for _, g := range got {
		if left[g] > 0 {
			left[g]--
			s.tp++
		}
	}
	s.got += len(got)
	s.want += len(want)
}

func (s score) precision() float64 { return ratio(s.tp, s.got) }
func (s score) recall() float64    { return ratio(s.tp, s.want) }
func (s score) String() string {
	return fmt.Sprintf("precision %.1f%% (%d/%d), recall %.1f%% (%d/%d)", 100*s.precision(), s.tp, s.got, 100*s.recall(), s.tp, s.want)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// TestPrecisionRecall measures every extractor over all its labelled
// sentences, the hard ones included, and holds each to its threshold. Figures
// count as right when number and unit are; speakers are measured apart.
func TestPrecisionRecall(t *testing.T) {
	var dates, figures, speakers, names, quotes score
	for _, c := range append(append([]dateCase{}, dateCases...), dateCasesHard...) {
		dates.add(dateLabels(t, c), c.want)
	}
	for _, c := range append(append([]figureCase{}, figureCases...), figureCasesHard...) {
		got, want := figureLabels(c), c.want
		cut := func(ls []string, n int) []string {
			var out []string
			for _, l := range ls {
				p := strings.Split(l, "|")
				out = append(out, strings.Join(p[:n], "|"))
			}
			return out
		}
		figures.add(cut(got, 2), cut(want, 2))
		var gs, ws []string
		for _, l := range got {
			if p := strings.Split(l, "|"); p[3] != "" {
				gs = append(gs, p[0]+"|"+p[3])
			}
		}
		for _, l := range want {
			if p := strings.Split(l, "|"); p[3] != "" {
				ws = append(ws, p[0]+"|"+p[3])
			}
		}
		speakers.add(gs, ws)
	}
	known := NewMatcher(knownNames)
	for _, c := range nameCases {
		names.add(nameLabels(c, known), c.want)
	}
	for _, c := range append(append([]quoteCase{}, quoteCases...), quoteCasesHard...) {
		quotes.add(quoteLabels(c), c.want)
	}
	t.Logf("dates:    %s", dates)
	t.Logf("figures:  %s", figures)
	t.Logf("speakers: %s (figures with a labelled speaker)", speakers)
	t.Logf("names:    %s", names)
	t.Logf("quotes:   %s (quotation and speaker both right)", quotes)
	for _, m := range []struct {
		name      string
		s         score
		threshold float64
	}{{"dates", dates, 0.9}, {"figures", figures, 0.9}, {"names", names, 0.8}, {"quotes", quotes, 0.8}} {
		assert.GreaterOrEqual(t, m.s.precision(), m.threshold, "%s precision: %s", m.name, m.s)
		assert.GreaterOrEqual(t, m.s.recall(), m.threshold, "%s recall: %s", m.name, m.s)
	}
}
