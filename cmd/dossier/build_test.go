package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestBuildQuiet checks that -quiet leaves out the summary, and that a
// build quicker than a second shows no progress either way.
func TestBuildQuiet(t *testing.T) {
	tests := []struct {
		args    []string
		summary bool
	}{
		{[]string{"build"}, true},
		{[]string{"build", "-quiet"}, false},
	}
	for _, tt := range tests {
		dir := testProject(t)
		stdout, stderr, err := runCmd(append(tt.args, "-root", dir)...)
		require.NoError(t, err, stderr)
		if tt.summary {
			assert.Contains(t, stdout, "built ", "%v prints a summary", tt.args)
		} else {
			assert.Empty(t, stdout, "%v prints no summary", tt.args)
		}
		assert.Empty(t, stderr, "%v of a small project shows no progress", tt.args)
	}
}
