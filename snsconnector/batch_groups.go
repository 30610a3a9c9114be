package snsconnector

import (
	"errors"
	"sync"
)

// groups keeps the order of FIFO message groups across batches: a batch
// waits for the previous batch that carries messages of the same group, and
// once a message of a group fails, the group's later messages are held back
// (they fail with *GroupPausedError) until it is resumed. Sending them would
// put them ahead of the failed one, which the caller may still want to
// resend.
type groups struct {
	mu sync.Mutex
	m  map[string]*groupState
}

type groupState struct {
	pending int    // admitted messages without an outcome yet
	last    *batch // the latest batch carrying messages of the group
	// paused is the failure of a sent message: the group's pending messages,
	// all later than it, are held back and new ones refused.
	paused error
	// refused is the failure of a message that was never admitted (an
	// invalid one): new messages are refused; pending ones, all earlier
	// than it, still go.
	refused error
	resumed error  // the pause the last resume ended
	epoch   uint64 // counts resumes of pauses: messages admitted before one are stale
}

var errGroupResumed = errors.New("the group was paused and resumed while this message waited")

func (g *groups) state(group string) *groupState {
	if g.m == nil {
		g.m = map[string]*groupState{}
	}
	st := g.m[group]
	if st == nil {
		st = &groupState{}
		g.m[group] = st
	}
	return st
}

// admit registers a message of group about to be batched. It fails with a
// *GroupPausedError when the group is paused or refusing.
func (g *groups) admit(group string) (epoch uint64, err error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	st := g.state(group)
	cause := st.paused
	if cause == nil {
		cause = st.refused
	}
	if cause != nil {
		return 0, &GroupPausedError{GroupID: group, Cause: cause}
	}
	st.pending++
	return st.epoch, nil
}

// refuse makes group refuse new messages after one of its messages failed
// before it was admitted (validation). Messages admitted earlier still go:
// they come before the failed one.
func (g *groups) refuse(group string, cause error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	st := g.state(group)
	if st.refused == nil {
		st.refused = cause
	}
}

// resume lets group's messages be sent again. Messages admitted before the
// resume that were pending while a sent message's failure paused the group
// are held back: they are later than the failed message, which the caller
// may be resending.
func (g *groups) resume(group string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	st := g.m[group]
	if st == nil {
		return
	}
	if st.paused != nil {
		st.resumed = st.paused
		st.epoch++
	}
	st.paused, st.refused = nil, nil
	g.forget(group, st)
}

// chain records b as the latest batch of each of its groups and returns the
// done channels of the batches b must wait for.
func (g *groups) chain(b *batch) []chan struct{} {
	g.mu.Lock()
	defer g.mu.Unlock()
	var deps []chan struct{}
	for i, it := range b.items {
		if seenBefore(b.items[:i], it.group) {
			continue
		}
		st := g.state(it.group)
		if st.last != nil {
			deps = append(deps, st.last.done)
		}
		st.last = b
	}
	return deps
}

// holdBack fails the items of groups that are paused, or were paused and
// resumed since the item was admitted.
func (g *groups) holdBack(items []*batchItem) {
	g.mu.Lock()
	defer g.mu.Unlock()
	for _, it := range items {
		if it.err != nil {
			continue
		}
		st := g.state(it.group)
		switch {
		case st.paused != nil:
			it.err = &GroupPausedError{GroupID: it.group, Cause: st.paused}
		case it.epoch != st.epoch:
			cause := st.resumed
			if cause == nil {
				cause = errGroupResumed
			}
			it.err = &GroupPausedError{GroupID: it.group, Cause: cause}
		}
	}
}

// settle records the outcomes of a batch's items: a failure pauses its
// group. States with nothing pending and no pause are dropped, so a
// long-lived publisher does not keep every group it ever saw.
func (g *groups) settle(b *batch) {
	g.mu.Lock()
	defer g.mu.Unlock()
	for _, it := range b.items {
		st := g.state(it.group)
		if it.err != nil && st.paused == nil {
			if _, held := it.err.(*GroupPausedError); !held || it.epoch == st.epoch {
				st.paused = it.err
			}
		}
		st.pending--
		if st.last == b {
			// b's request is over and its failures are recorded: a later
			// batch has nothing left to wait for.
			st.last = nil
		}
		g.forget(it.group, st)
	}
}

func (g *groups) forget(group string, st *groupState) {
	if st.pending <= 0 && st.paused == nil && st.refused == nil && st.last == nil {
		delete(g.m, group)
	}
}

func seenBefore(items []*batchItem, group string) bool {
	for _, it := range items {
		if it.group == group {
			return true
		}
	}
	return false
}
