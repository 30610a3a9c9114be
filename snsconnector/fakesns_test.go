package snsconnector_test

import (
	"net/http/httptest"
	"testing"

	"github.com/go-sns/connector/snsconnector"
	"github.com/go-sns/connector/snsconnector/snstest"
)

func init() {
	snsconnector.StartFakeSNS = func(tb testing.TB) (string, snsconnector.FakeSNS) {
		fake := snstest.New()
		srv := httptest.NewServer(fake)
		tb.Cleanup(srv.Close)
		return srv.URL, fake
	}
}
