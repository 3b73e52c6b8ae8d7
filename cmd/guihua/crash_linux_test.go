package main

import (
	"errors"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
)

// TestCrashHelperProcess is not a test: TestOutOfMemoryStatus runs the test
// binary through it as a guihua that runs out of memory.
func TestCrashHelperProcess(t *testing.T) {
	if os.Getenv("GUIHUA_TEST_CRASH") != "1" {
		t.Skip("helper process only")
	}
	crashWithSignal() // as main does
	// An address-space limit makes the allocation below fail in the Go
	// runtime ("fatal error: out of memory"), whatever the machine's
	// overcommit policy.
	const limit = 2 << 30
	if err := syscall.Setrlimit(syscall.RLIMIT_AS, &syscall.Rlimit{Cur: limit, Max: limit}); err != nil {
		t.Fatal(err)
	}
	syscall.Setrlimit(syscall.RLIMIT_CORE, &syscall.Rlimit{}) // no core file from the test
	sink = make([]byte, 2*limit)
	os.Exit(0)
}

var sink []byte

// TestOutOfMemoryStatus: a guihua that runs out of memory is not reported
// with exit status 2, the status of a usage error.
func TestOutOfMemoryStatus(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a subprocess")
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashHelperProcess$")
	cmd.Env = append(os.Environ(), "GUIHUA_TEST_CRASH=1", "GOTRACEBACK=")
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	if !errors.As(err, &exit) {
		t.Fatalf("the helper did not fail: %v\n%.2000s", err, out)
	}
	if !strings.Contains(string(out), "out of memory") {
		t.Fatalf("not an out-of-memory failure:\n%.2000s", out)
	}
	ws := exit.Sys().(syscall.WaitStatus)
	if exit.ExitCode() == exitUsage || !ws.Signaled() || ws.Signal() != syscall.SIGABRT {
		t.Errorf("exit status %d (%v), want death by SIGABRT, never %d", exit.ExitCode(), ws, exitUsage)
	}
}
