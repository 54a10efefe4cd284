package browsertest

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestWithinGivesUpAndAborts(t *testing.T) {
	release := make(chan struct{})
	aborted := false
	err := Within(20*time.Millisecond, func() error { <-release; return errors.New("stopped") }, func() { aborted = true; close(release) })
	assert.ErrorContains(t, err, "no answer within 20ms")
	assert.True(t, aborted)

	err = Within(time.Minute, func() error { return errors.New("at once") }, func() { t.Error("aborted a start that returned") })
	assert.EqualError(t, err, "at once")
}
