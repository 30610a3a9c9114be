// Package faults puts failures between the library and its peer in tests:
// TCP faults through an in-process Toxiproxy (latency, connection resets,
// cut-off responses, a server that stops answering), and SNS-shaped HTTP
// error answers (500, 503, Throttling) from a small reverse proxy.
package faults

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/url"
	"strings"
	"testing"

	toxiproxy "github.com/Shopify/toxiproxy/v2"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/rs/zerolog"
)

// Proxy is a Toxiproxy TCP proxy on a loopback port in front of an
// upstream HTTP server. Point the client at URL; add toxics to hurt it.
type Proxy struct {
	URL   string
	proxy *toxiproxy.Proxy
	n     int
	names []string
}

// NewProxy starts a proxy to upstream (an http:// URL) and stops it when
// the test ends.
func NewProxy(t testing.TB, upstream string) *Proxy {
	t.Helper()
	u, err := url.Parse(upstream)
	if err != nil {
		t.Fatalf("faults: upstream %q: %v", upstream, err)
	}
	server := toxiproxy.NewServer(toxiproxy.NewMetricsContainer(prometheus.NewRegistry()), zerolog.Nop())
	p := toxiproxy.NewProxy(server, "sns", "127.0.0.1:0", u.Host)
	if err := p.Start(); err != nil {
		t.Fatalf("faults: starting toxiproxy: %v", err)
	}
	t.Cleanup(p.Stop)
	_, port, _ := net.SplitHostPort(p.Listen)
	return &Proxy{URL: "http://127.0.0.1:" + port, proxy: p}
}

// Toxic is one Toxiproxy toxic: a type ("latency", "reset_peer",
// "limit_data", "timeout", "slicer", ...), its attributes, which way it
// acts ("downstream" is the response, "upstream" the request), and the
// share of connections it hits (0 or 1 means all).
type Toxic struct {
	Type       string
	Stream     string
	Toxicity   float64
	Attributes map[string]any
}

// Add installs a toxic and returns its name.
func (p *Proxy) Add(t testing.TB, tx Toxic) string {
	t.Helper()
	p.n++
	name := fmt.Sprintf("%s-%d", tx.Type, p.n)
	if tx.Stream == "" {
		tx.Stream = "downstream"
	}
	if tx.Toxicity == 0 {
		tx.Toxicity = 1
	}
	body, _ := json.Marshal(map[string]any{
		"name": name, "type": tx.Type, "stream": tx.Stream,
		"toxicity": tx.Toxicity, "attributes": tx.Attributes,
	})
	if _, err := p.proxy.Toxics.AddToxicJson(strings.NewReader(string(body))); err != nil {
		t.Fatalf("faults: adding %s: %v", tx.Type, err)
	}
	p.names = append(p.names, name)
	return name
}

// Latency delays the responses of a share of connections by ms ± jitter.
func Latency(ms, jitter int, share float64) Toxic {
	return Toxic{Type: "latency", Toxicity: share, Attributes: map[string]any{"latency": ms, "jitter": jitter}}
}

// ResetPeer resets a share of connections (TCP RST) as data arrives: a
// connection reset mid-request.
func ResetPeer(share float64) Toxic {
	return Toxic{Type: "reset_peer", Stream: "upstream", Toxicity: share, Attributes: map[string]any{"timeout": 0}}
}

// CutResponse closes a share of connections after bytes of the response:
// the request was served, the answer is cut off.
func CutResponse(bytes int, share float64) Toxic {
	return Toxic{Type: "limit_data", Toxicity: share, Attributes: map[string]any{"bytes": bytes}}
}

// StopAnswering stops all data on a share of connections, closing them after
// ms (0: never): a server that stops answering.
func StopAnswering(ms int, share float64) Toxic {
	return Toxic{Type: "timeout", Toxicity: share, Attributes: map[string]any{"timeout": ms}}
}

// Clear removes every toxic.
func (p *Proxy) Clear() {
	for _, name := range p.names {
		_ = p.proxy.Toxics.RemoveToxic(context.Background(), name)
	}
	p.names = nil
}
