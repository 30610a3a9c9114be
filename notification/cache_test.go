package notification

import (
	"context"
	"fmt"
	"testing"
)

// The cache holds at most max certificates, evicting the least recently
// used; an evicted URL is fetched again.
func TestCertCacheEvictsLeastRecentlyUsed(t *testing.T) {
	c := newCertCache(2)
	fetches := map[string]int{}
	get := func(url string) {
		t.Helper()
		_, err := c.get(context.Background(), url, func(context.Context) (*signingCert, error) {
			fetches[url]++
			return &signingCert{}, nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	get("a")
	get("b")
	get("a") // a is now the most recent
	get("c") // evicts b
	get("a")
	get("b")
	if fmt.Sprint(fetches) != "map[a:1 b:2 c:1]" {
		t.Errorf("fetches %v", fetches)
	}
	if c.lru.Len() != 2 || len(c.byURL) != 2 {
		t.Errorf("cache holds %d entries", c.lru.Len())
	}
}
