package version

import (
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestStringEndsWithTheGoVersion(t *testing.T) {
	s := String()
	assert.True(t, strings.HasSuffix(s, " "+runtime.Version()), "%q", s)
	assert.True(t, strings.HasPrefix(s, Module()), "%q starts with the module version %q", s, Module())
}
