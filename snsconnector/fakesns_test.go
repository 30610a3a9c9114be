package snsconnector_test

import (
	"net/http/httptest"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/sns/types"

	"github.com/go-sns/connector/snsconnector"
	"github.com/go-sns/connector/snsconnector/snstest"
)

func init() {
	snsconnector.StartFakeSNS = func(tb testing.TB) (string, snsconnector.FakeSNS) {
		fake := snstest.New()
		srv := httptest.NewServer(fake)
		tb.Cleanup(srv.Close)
		return srv.URL, exportedFake{fake}
	}
}

// exportedFake gives SetEntryFault the unnamed signature of
// snsconnector.FakeSNS, which cannot name snstest.EntryFault.
type exportedFake struct{ *snstest.Server }

func (f exportedFake) SetEntryFault(fault func(topicARN string, entry types.PublishBatchRequestEntry) *types.BatchResultErrorEntry) {
	f.Server.SetEntryFault(fault)
}
