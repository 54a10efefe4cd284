package strictyaml

import "testing"

// BenchmarkDecodeFrontMatter decodes the front matter of an actor page, as
// a build does for every curated page.
func BenchmarkDecodeFrontMatter(b *testing.B) {
	type Page struct {
		Title   string   `yaml:"title"`
		Draft   bool     `yaml:"draft"`
		Sources []string `yaml:"sources"`
	}
	type actor struct {
		Page    `yaml:",inline"`
		Name    string   `yaml:"name"`
		Aliases []string `yaml:"aliases"`
		Kind    string   `yaml:"kind"`
		Side    string   `yaml:"side"`
		Role    string   `yaml:"role"`
		Weight  int      `yaml:"weight"`
		Places  []string `yaml:"places"`
	}
	fm := []byte("name: Amir Achakzai\naliases: [Achakzai Amir]\nkind: state\nside: pakistan\nrole: A ministry spokesman\nplaces: [kabul, quetta]\n")
	b.ReportAllocs()
	for b.Loop() {
		var a actor
		if _, ps := Decode("content/actors/amir-achakzai.md", 2, fm, &a, "front matter: "); len(ps) > 0 {
			b.Fatal(ps)
		}
	}
}
