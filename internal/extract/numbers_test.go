package extract

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestNumbers(t *testing.T) {
	tests := []struct {
		text string
		want []float64
	}{
		{"killing at least 20 people and injuring more than 500", []float64{20, 500}},
		{"Sharafat Zaman said 534 injured people and 20 bodies", []float64{534, 20}},
		{"more than 2,500 casualties recorded", []float64{2500}},
		{"hosting 1.5 million Afghan refugees", []float64{1500000}},
		{"aid worth $1.6 billion", []float64{1600000000}},
		{"46 percent of attacks", []float64{46}},
		{"22km (14 miles) west-southwest", []float64{22, 14}},
		{"along with nine other soldiers", []float64{9}},
		{"more than two dozen Pakistani soldiers", []float64{24}},
		{"twenty-five fighters and three hundred families", []float64{25, 300}},
		{"hundreds of people", nil},
		{"forcing nearly a million Afghans to return", []float64{1000000}},
		{"a dozen soldiers and one hundred families", []float64{12, 100}},
		{"a day", nil},
	}
	for _, tt := range tests {
		var got []float64
		for _, n := range Numbers(tt.text) {
			got = append(got, n.Value)
		}
		assert.ElementsMatch(t, tt.want, got, "Numbers(%q)", tt.text)
	}
}

func TestContains(t *testing.T) {
	assert.True(t, Contains("Pakistan said 2,414 people", 2414))
	assert.True(t, Contains("about 1.5 million refugees", 1.5e6))
	assert.False(t, Contains("about 1.5 million refugees", 15))
	assert.False(t, Contains("23 soldiers", 58), "a different number must not match")
}
