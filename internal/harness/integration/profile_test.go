package integration

import (
	"context"
	"crypto/x509"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-sns/connector/auth"
	"github.com/go-sns/connector/internal/harness/fauxqs"
	"github.com/go-sns/connector/internal/rolesanywheretest"
	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/region"
	"github.com/go-sns/connector/snsconnector"
)

// keyRecorder notes the access key ID each signed request was signed with,
// read from its Authorization header: fauxqs checks no signatures, so this
// is how the test proves which credentials were used.
type keyRecorder struct {
	mu   sync.Mutex
	keys []string
}

func (k *keyRecorder) RoundTrip(r *http.Request) (*http.Response, error) {
	auth := r.Header.Get("Authorization")
	if _, rest, ok := strings.Cut(auth, "Credential="); ok {
		id, _, _ := strings.Cut(rest, "/")
		k.mu.Lock()
		k.keys = append(k.keys, id)
		k.mu.Unlock()
	}
	return http.DefaultTransport.RoundTrip(r)
}

func TestIntegrationPublishWithRolesAnywhereProfile(t *testing.T) {
	srv := emulator.Need(t)
	ctx := context.Background()
	ca := rolesanywheretest.NewCA(t, rolesanywheretest.P256)
	ra := rolesanywheretest.NewServer(t, rolesanywheretest.Options{TrustAnchors: []*x509.Certificate{ca.Cert}, Region: "eu-west-1"})
	leaf := ca.Issue(rolesanywheretest.LeafOptions{})
	path := ra.WriteProfile(t, t.TempDir(), rolesanywheretest.ProfileOptions{Name: "publisher", Leaf: leaf, Duration: "15m"})
	profile, err := auth.LoadProfile(path, "publisher")
	if err != nil {
		t.Fatal(err)
	}

	rec := &keyRecorder{}
	c, err := snsconnector.New(ctx, snsconnector.WithProfile(profile), snsconnector.WithEndpoint(srv.URL), snsconnector.WithHTTPClient(&http.Client{Transport: rec}))
	if err != nil {
		t.Fatal(err)
	}
	if ra.Calls() != 0 {
		t.Fatal("New fetched credentials: it must do no network I/O")
	}
	r := region.EUWest1
	topic := createTopic(t, srv, r, fauxqs.UniqueName("ra"), nil)
	q, err := srv.SubscribeQueue(ctx, string(r), topic, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		if _, err := c.Publish(ctx, r, model.PublishRequest{Topic: model.Topic{ARN: topic}, Message: model.Message{Body: "via roles anywhere " + string(rune('a'+i))}}); err != nil {
			t.Fatal(err)
		}
	}
	msgs, err := q.Receive(ctx, 3, 5*time.Second)
	if err != nil || len(msgs) != 3 {
		t.Fatalf("received %d: %v", len(msgs), err)
	}
	if ra.Issued() != 1 {
		t.Errorf("%d CreateSession calls for 3 publishes; want 1 (cached)", ra.Issued())
	}
	issued := ra.Credentials()
	if len(issued) == 0 {
		t.Fatal("no credentials issued")
	}
	for _, k := range rec.keys {
		if k != issued[0].AccessKeyID {
			t.Errorf("request signed with %q; want the Roles Anywhere key %q", k, issued[0].AccessKeyID)
		}
	}
	if len(rec.keys) != 3 {
		t.Errorf("%d signed requests recorded; want 3", len(rec.keys))
	}
}
