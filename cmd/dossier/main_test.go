package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestHelpAndBadFlags: -h prints a command's usage to stdout and succeeds;
// a flag the command does not know is reported once, on stderr, as a usage
// error (exit status 2).
func TestHelpAndBadFlags(t *testing.T) {
	for _, cmd := range []string{"build", "check", "serve", "ingest", "draft", "new"} {
		stdout, stderr, err := runCmd(cmd, "-h")
		assert.NoError(t, err, "%s -h", cmd)
		assert.Contains(t, stdout, "Usage: dossier "+cmd, "%s -h prints the usage", cmd)
		assert.Empty(t, stderr, "%s -h", cmd)

		_, stderr, err = runCmd(cmd, "-nonsense")
		var ue usageError
		require.ErrorAs(t, err, &ue, "%s -nonsense", cmd)
		assert.Equal(t, 1, strings.Count(stderr, "flag provided but not defined"), "%s -nonsense is reported once:\n%s", cmd, stderr)
	}
	_, _, err := runCmd("nonsense")
	var ue usageError
	assert.ErrorAs(t, err, &ue, "an unknown command is a usage error")
}

func TestVersion(t *testing.T) {
	stdout, _, err := runCmd("version")
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(stdout, "dossier "), "version names the program: %q", stdout)
	assert.Contains(t, stdout, "go1.", "and the Go version it was built with: %q", stdout)
}

func TestBaseURLMustBeAbsolute(t *testing.T) {
	dir := testProject(t)
	_, stderr, err := runCmd("build", "-root", dir, "-base-url", "example.org")
	require.Error(t, err)
	assert.Contains(t, stderr, `-base-url "example.org": want an absolute http or https address`)
}
