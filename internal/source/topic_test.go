package source

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// topicShiftsByWindows is the direct definition topicShifts computes with
// sliding sums: the two windows summed afresh at every gap.
func topicShiftsByWindows(lines []Line) []int {
	var paras []map[string]float64
	var ns []int
	for _, l := range lines {
		if l.IsContent() && len(l.Text) >= 80 {
			paras = append(paras, bagOfWords(l.Text))
			ns = append(ns, l.N)
		}
	}
	var shifts []int
	for g := shiftWindow; g <= len(paras)-shiftWindow; g++ {
		before, after := map[string]float64{}, map[string]float64{}
		for _, p := range paras[g-shiftWindow : g] {
			add(before, p, 1)
		}
		for _, p := range paras[g : g+shiftWindow] {
			add(after, p, 1)
		}
		if cosine(before, after) < shiftThreshold {
			shifts = append(shifts, ns[g])
		}
	}
	return shifts
}

func TestTopicShiftsSlidingEqualsWindows(t *testing.T) {
	files, err := filepath.Glob("../../seeds/*.txt")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, f := range files {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		texts := strings.Split(string(b), "\n")
		for _, n := range []int{len(texts), 12, 8, 3} { // whole seeds and short prefixes
			lines := make([]Line, min(n, len(texts)))
			for i := range lines {
				lines[i] = Line{N: i + 1, Text: texts[i]}
			}
			assert.Equal(t, topicShiftsByWindows(lines), topicShifts(lines), "topic shifts of the first %d lines of %s", n, f)
		}
	}
}
