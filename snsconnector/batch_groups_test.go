package snsconnector

import (
	"errors"
	"testing"
)

func admitted(t *testing.T, g *groups, group string) *batchItem {
	t.Helper()
	epoch, err := g.admit(group)
	if err != nil {
		t.Fatalf("admit %s: %v", group, err)
	}
	return &batchItem{group: group, epoch: epoch}
}

func TestGroupsPauseHoldsPendingAndResumeKeepsStaleOnesBack(t *testing.T) {
	var g groups
	failed := admitted(t, &g, "a")
	pending := admitted(t, &g, "a") // later than failed, not yet sent
	first := &batch{items: []*batchItem{failed}, done: make(chan struct{})}
	second := &batch{items: []*batchItem{pending}, done: make(chan struct{})}
	if deps := g.chain(first); len(deps) != 0 {
		t.Fatalf("first batch waits for %d", len(deps))
	}
	if deps := g.chain(second); len(deps) != 1 || deps[0] != first.done {
		t.Fatalf("second batch does not wait for the first")
	}
	refusal := &EntryError{Code: "InvalidParameter", SenderFault: true}
	failed.err = refusal
	g.settle(first)

	if _, err := g.admit("a"); !errors.Is(err, ErrGroupPaused) {
		t.Fatalf("admit to a paused group: %v", err)
	}
	g.resume("a")
	fresh := admitted(t, &g, "a")
	g.holdBack([]*batchItem{pending, fresh})
	var gp *GroupPausedError
	if !errors.As(pending.err, &gp) || gp.Cause != refusal {
		t.Errorf("message pending during the pause: %v; want it held back", pending.err)
	}
	if fresh.err != nil {
		t.Errorf("message admitted after the resume: %v", fresh.err)
	}
	g.settle(second) // a held-back stale message does not pause the group again
	if _, err := g.admit("a"); err != nil {
		t.Errorf("stale message paused the group again: %v", err)
	}
}

func TestGroupsRefuseStopsOnlyLaterMessages(t *testing.T) {
	var g groups
	early := admitted(t, &g, "a")
	g.refuse("a", errors.New("invalid"))
	if _, err := g.admit("a"); !errors.Is(err, ErrGroupPaused) {
		t.Fatalf("admit after a refusal: %v", err)
	}
	g.holdBack([]*batchItem{early})
	if early.err != nil {
		t.Errorf("earlier message held back: %v", early.err)
	}
	g.resume("a")
	admitted(t, &g, "a")
}

func TestGroupsForgetSettledGroups(t *testing.T) {
	var g groups
	var items []*batchItem
	for _, name := range []string{"a", "b", "c", "a"} {
		items = append(items, admitted(t, &g, name))
	}
	b := &batch{items: items, done: make(chan struct{})}
	g.chain(b)
	g.settle(b)
	if len(g.m) != 0 {
		t.Errorf("%d group states kept after every message settled", len(g.m))
	}
}
