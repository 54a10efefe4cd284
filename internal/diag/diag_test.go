package diag

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestProblemString(t *testing.T) {
	assert.Equal(t, "content/a.md:4: bad", Errorf("content/a.md", 4, "bad").String())
	assert.Equal(t, "seeds: warning: odd", Warnf("seeds", 0, "odd").String(), "no line for a whole file")
}

func TestListSortsAndCounts(t *testing.T) {
	l := List{Errorf("b.md", 1, "x"), Warnf("a.md", 9, "y"), Errorf("a.md", 2, "z")}
	l.Sort()
	assert.Equal(t, []string{"a.md:2: z", "a.md:9: warning: y", "b.md:1: x"}, []string{l[0].String(), l[1].String(), l[2].String()})
	assert.Equal(t, 2, l.Errors())
}
