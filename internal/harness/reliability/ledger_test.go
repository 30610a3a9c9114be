package reliability

import (
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	sqstypes "github.com/aws/aws-sdk-go-v2/service/sqs/types"
)

// The property checker must catch each breach, or the fault tests prove
// nothing.
func TestLedgerCatchesEveryBreach(t *testing.T) {
	msg := func(b string) sqstypes.Message { return sqstypes.Message{Body: aws.String(b)} }
	tests := []struct {
		name   string
		build  func(*ledger)
		dedup  bool
		breach bool
	}{
		{"all confirmed and delivered", func(l *ledger) {
			l.report("a", nil)
			l.deliver([]sqstypes.Message{msg("a")})
		}, true, false},
		{"failed and not delivered is fine", func(l *ledger) { l.report("a", errors.New("x")) }, true, false},
		{"failed yet delivered is fine", func(l *ledger) {
			l.report("a", errors.New("x"))
			l.deliver([]sqstypes.Message{msg("a")})
		}, true, false},
		{"confirmed but lost", func(l *ledger) { l.report("a", nil) }, false, true},
		{"delivered but never sent", func(l *ledger) { l.deliver([]sqstypes.Message{msg("ghost")}) }, false, true},
		{"duplicate with dedup", func(l *ledger) {
			l.report("a", nil)
			l.deliver([]sqstypes.Message{msg("a"), msg("a")})
		}, true, true},
		{"the same SQS message received twice is no duplicate", func(l *ledger) {
			l.report("a", nil)
			m := msg("a")
			m.MessageId = aws.String("sqs-1")
			l.deliver([]sqstypes.Message{m, m})
		}, true, false},
		{"duplicate without dedup is allowed", func(l *ledger) {
			l.report("a", nil)
			l.deliver([]sqstypes.Message{msg("a"), msg("a")})
		}, false, false},
	}
	for _, tt := range tests {
		l := newLedger()
		tt.build(l)
		_, breaches := l.verify(tt.dedup)
		if got := len(breaches) > 0; got != tt.breach {
			t.Errorf("%s: breaches %v; want breach=%v", tt.name, breaches, tt.breach)
		}
	}
}
