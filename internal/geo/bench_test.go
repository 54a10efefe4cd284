package geo

import "testing"

// go test -run - -bench . ./internal/geo
// A build decodes the outline once and draws one full map plus a locator per
// event page; compare the three to see what a build pays per map.

func BenchmarkWorld(b *testing.B) {
	for b.Loop() {
		if _, err := World(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDraw(b *testing.B) {
	a := world(b)
	ms := withHrefs(places)
	b.ResetTimer()
	for b.Loop() {
		if _, err := a.Draw(region, ms, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDrawLocator(b *testing.B) {
	a := world(b)
	ms := withHrefs(places)
	ms[5].Highlight = true
	b.ResetTimer()
	for b.Loop() {
		if _, err := a.Draw(region, ms, Options{Locator: true}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFrameDrawLocator is what each event page costs when the build
// makes the locator's Frame once.
func BenchmarkFrameDrawLocator(b *testing.B) {
	f, err := world(b).Frame(region, 0, true)
	if err != nil {
		b.Fatal(err)
	}
	ms := withHrefs(places)
	ms[5].Highlight = true
	b.ResetTimer()
	for b.Loop() {
		if _, err := f.Draw(ms, Options{Locator: true}); err != nil {
			b.Fatal(err)
		}
	}
}
