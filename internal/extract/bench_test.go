package extract

import (
	"testing"

	"github.com/dossier-project/dossier/internal/date"
)

// The benchmarks run each extractor over every line of the generated corpus
// (testdata/corpus200.txt.gz), as the inbox does for every content line of
// every seed; one op is the whole corpus. Compare runs with
//
//	go test ./internal/extract/ -run '^$' -bench . -count 10 > new.txt
//	benchstat old.txt new.txt

func benchLines(b *testing.B, each func(string)) {
	lines := corpusLines(b)
	b.ReportAllocs()
	for b.Loop() {
		for _, l := range lines {
			each(l)
		}
	}
}

func BenchmarkDates(b *testing.B) {
	pub := date.MustParse("2025-11-09")
	benchLines(b, func(l string) { Dates(l, pub) })
}

func BenchmarkFigures(b *testing.B) { benchLines(b, func(l string) { Figures(l) }) }

func BenchmarkNumbers(b *testing.B) { benchLines(b, func(l string) { Numbers(l) }) }

func BenchmarkQuotes(b *testing.B) { benchLines(b, func(l string) { Quotes(l) }) }

func BenchmarkNames(b *testing.B) {
	known := NewMatcher(knownNames)
	benchLines(b, func(l string) { Names(l, known) })
}

func BenchmarkSentences(b *testing.B) { benchLines(b, func(l string) { Sentences(l) }) }

// BenchmarkInbox is what the inbox asks of one line: names, dates, figures
// and quotations.
func BenchmarkInbox(b *testing.B) {
	known := NewMatcher(knownNames)
	pub := date.MustParse("2025-11-09")
	benchLines(b, func(l string) {
		Names(l, known)
		Dates(l, pub)
		Figures(l)
		Quotes(l)
	})
}
