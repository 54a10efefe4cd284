package main

import (
	"os"
	"path/filepath"
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

// TestBuildProfiles checks that -cpuprofile and -memprofile write profiles
// (gzipped protocol buffers, as pprof reads them) of a build, and that a
// profile that cannot be created stops the build before it starts.
func TestBuildProfiles(t *testing.T) {
	for _, flag := range []string{"-cpuprofile", "-memprofile"} {
		dir := testProject(t)
		prof := filepath.Join(t.TempDir(), "build.prof")
		_, stderr, err := runCmd("build", "-quiet", "-root", dir, flag, prof)
		require.NoError(t, err, stderr)
		data, err := os.ReadFile(prof)
		require.NoError(t, err, "%s writes its file", flag)
		require.Greater(t, len(data), 2, flag)
		assert.Equal(t, []byte{0x1f, 0x8b}, data[:2], "%s writes a gzipped profile", flag)

		dir = testProject(t)
		_, _, err = runCmd("build", "-quiet", "-root", dir, flag, filepath.Join(dir, "missing", "build.prof"))
		assert.Error(t, err, "%s into a missing folder fails", flag)
		assert.NoDirExists(t, filepath.Join(dir, "public"), "%s: nothing is built when the profile cannot be created", flag)
	}
}
