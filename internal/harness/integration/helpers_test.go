package integration

import (
	"fmt"
	"slices"
	"testing"

	"github.com/go-sns/connector/model"
)

// must unwraps a (value, error) pair, failing the test on an error.
func must[T any](t *testing.T) func(T, error) T {
	return func(v T, err error) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

// messages returns n valid messages with bodies prefix-0, prefix-1, ...
func messages(prefix string, n int) []model.Message {
	msgs := make([]model.Message, n)
	for i := range msgs {
		msgs[i] = model.Message{Body: fmt.Sprintf("%s-%d", prefix, i)}
	}
	return msgs
}

// fifoMessages returns n messages for each group, interleaved: a-0, b-0,
// a-1, b-1, ... with deduplication IDs.
func fifoMessages(groups map[string]int) []model.Message {
	names := make([]string, 0, len(groups))
	for g := range groups {
		names = append(names, g)
	}
	slices.Sort(names)
	var msgs []model.Message
	for i := 0; ; i++ {
		added := false
		for _, g := range names {
			if i < groups[g] {
				body := fmt.Sprintf("%s-%d", g, i)
				msgs = append(msgs, model.Message{Body: body, GroupID: g, DeduplicationID: body})
				added = true
			}
		}
		if !added {
			return msgs
		}
	}
}
