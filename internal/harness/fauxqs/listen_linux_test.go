package fauxqs

import (
	"bufio"
	"encoding/hex"
	"net"
	"os"
	"strconv"
	"strings"
	"testing"
)

// TestIntegrationListensOnLoopbackOnly starts the emulator and reads the
// kernel's table of listening sockets: every socket on its port must be
// bound to a loopback address (fauxqs's own startFauxqs binds 0.0.0.0).
func TestIntegrationListensOnLoopbackOnly(t *testing.T) {
	var sh Shared
	defer sh.Close()
	srv := sh.Need(t)
	_, portText, _ := net.SplitHostPort(strings.TrimPrefix(srv.URL, "http://"))
	port, _ := strconv.Atoi(portText)

	found := 0
	for _, table := range []string{"/proc/net/tcp", "/proc/net/tcp6"} {
		for _, addr := range listening(t, table) {
			if addr.Port != port {
				continue
			}
			found++
			if !addr.IP.IsLoopback() {
				t.Errorf("the emulator listens on %s (from %s); it must bind loopback only", addr, table)
			}
		}
	}
	if found == 0 {
		t.Fatalf("no listening socket on port %d in /proc/net/tcp*: the test cannot see the emulator", port)
	}
}

// listening parses a /proc/net/tcp{,6} table into its LISTEN sockets.
func listening(t *testing.T, path string) []*net.TCPAddr {
	t.Helper()
	f, err := os.Open(path)
	if os.IsNotExist(err) {
		return nil // no IPv6 on this machine
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []*net.TCPAddr
	sc := bufio.NewScanner(f)
	sc.Scan() // header
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) < 4 || fields[3] != "0A" { // 0A: TCP_LISTEN
			continue
		}
		ipHex, portHex, _ := strings.Cut(fields[1], ":")
		raw, err := hex.DecodeString(ipHex)
		if err != nil {
			t.Fatalf("%s: %q: %v", path, fields[1], err)
		}
		// The kernel prints each 32-bit word in host (little-endian) order.
		ip := make(net.IP, len(raw))
		for i := 0; i+4 <= len(raw); i += 4 {
			ip[i], ip[i+1], ip[i+2], ip[i+3] = raw[i+3], raw[i+2], raw[i+1], raw[i]
		}
		p, _ := strconv.ParseUint(portHex, 16, 16)
		out = append(out, &net.TCPAddr{IP: ip, Port: int(p)})
	}
	return out
}
