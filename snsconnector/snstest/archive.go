package snstest

import (
	"time"

	"github.com/go-sns/connector/model"
)

// setArchive applies an ArchivePolicy the rule accepted: a retention
// starts the archive now (or changes its length), {} deletes it. The
// caller holds s.mu.
func (s *Server) setArchive(t *topic, doc string) {
	p, _ := model.ParseArchivePolicy(doc) // valid: checked by topicAttribute
	if p.IsZero() {
		delete(t.attrs, "ArchivePolicy")
		t.archiveSince = time.Time{}
		return
	}
	t.attrs["ArchivePolicy"] = doc
	if t.archiveSince.IsZero() {
		t.archiveSince = s.clock()
	}
}

// archiveAttributes adds the read-only BeginningArchiveTime of an
// archiving topic: "the earliest starting point at which a message in the
// topic's archive can be replayed from", the later of when archiving began
// and the retention period ago.
func (s *Server) archiveAttributes(t *topic, out map[string]string) {
	if t.archiveSince.IsZero() {
		return
	}
	p, _ := model.ParseArchivePolicy(t.attrs["ArchivePolicy"])
	begin := s.clock().AddDate(0, 0, -p.RetentionDays)
	if begin.Before(t.archiveSince) {
		begin = t.archiveSince
	}
	out["BeginningArchiveTime"] = begin.UTC().Format("2006-01-02T15:04:05.000Z")
}
