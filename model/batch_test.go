package model

import (
	"errors"
	"testing"
)

func TestBatchResultOKNeedsAnIDAndNoError(t *testing.T) {
	resp := &PublishBatchResponse{Results: []BatchResult{
		{MessageID: "m1"},
		{Err: errors.New("refused")},
		{}, // neither: not published, whatever else it says
		{MessageID: "m2", Err: errors.New("both")},
	}}
	want := []bool{true, false, false, false}
	for i, r := range resp.Results {
		if r.OK() != want[i] {
			t.Errorf("result %d: OK() = %v", i, r.OK())
		}
	}
	if resp.Failed() != 3 {
		t.Errorf("Failed() = %d; want 3", resp.Failed())
	}
}
