package main

import (
	"bufio"
	"bytes"
	"net"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestServeDefaultsToLoopback checks that serve listens on 127.0.0.1 unless told otherwise.
func TestServeDefaultsToLoopback(t *testing.T) {
	stdout, _, err := runCmd("serve", "-h")
	require.NoError(t, err, "-h is not a failure")
	assert.Contains(t, stdout, `(default "127.0.0.1:8080")`)
}

// TestServeStopsOnCtrlC runs the real binary and interrupts it: serve must
// exit with status 0 and free its port within a few seconds.
func TestServeStopsOnCtrlC(t *testing.T) {
	bin := buildBinary(t)
	dir := testProject(t)
	cmd := exec.Command(bin, "serve", "-root", dir, "-addr", "127.0.0.1:0", "-poll", "0")
	stdout, err := cmd.StdoutPipe()
	require.NoError(t, err)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	require.NoError(t, cmd.Start())
	defer cmd.Process.Kill()

	addr := make(chan string, 1)
	serving := regexp.MustCompile(`serving .* at http://([^/]+)/`)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if m := serving.FindStringSubmatch(sc.Text()); m != nil {
				addr <- m[1]
			}
		}
	}()
	var at string
	select {
	case at = <-addr:
	case <-time.After(20 * time.Second):
		t.Fatalf("serve did not start: %s", stderr.String())
	}
	host, _, err := net.SplitHostPort(at)
	require.NoError(t, err)
	assert.Equal(t, "127.0.0.1", host)
	resp, err := http.Get("http://" + at + "/")
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusOK, resp.StatusCode)

	require.NoError(t, cmd.Process.Signal(os.Interrupt))
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		assert.NoError(t, err, "serve exits with status 0 on Ctrl-C: %s", stderr.String())
	case <-time.After(5 * time.Second):
		t.Fatal("serve did not stop within 5 seconds of Ctrl-C")
	}
	_, err = net.DialTimeout("tcp", at, time.Second)
	assert.Error(t, err, "the port is closed after shutdown")
}
