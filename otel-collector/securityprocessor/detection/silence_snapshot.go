package detection

import (
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"time"
)

// The source_silent watches follow the trackers in the detection state (see snapshot.go), so
// that an instance that died while the collector was down is still reported after a restart.
// Layout: watch count, then per watch: signature (length, bytes), refused, reported, alerted-at,
// instance count, then per instance sorted by key: service and instance (length, bytes each),
// commitment (32 bytes), heartbeat interval, first seen, last seen (nanoseconds).
//
// The state has the integrity of the rest of the snapshot: none of its own. It is trusted as the
// collector's own storage, and checked only so that an edited value cannot put a watch out of its
// bounds: see restoreInstance.

func (w *silenceWatch) signature() string { return TypeSourceSilent + "|" + w.rule.Name }

func (w *silenceWatch) appendSnapshot(b []byte) []byte {
	b = appendString(b, w.signature())
	b = binary.AppendUvarint(b, uint64(w.refused))
	b = binary.AppendUvarint(b, uint64(w.reported))
	b = binary.AppendVarint(b, w.alertedAt)
	keys := make([]silenceKey, 0, len(w.instances))
	for k := range w.instances {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b silenceKey) int {
		return cmp.Or(cmp.Compare(a.service, b.service), cmp.Compare(a.instance, b.instance))
	})
	b = binary.AppendUvarint(b, uint64(len(keys)))
	for _, k := range keys {
		s := w.instances[k]
		b = appendString(b, k.service)
		b = appendString(b, k.instance)
		b = append(b, s.commitment[:]...)
		b = binary.AppendVarint(b, s.interval)
		b = binary.AppendVarint(b, s.firstSeen)
		b = binary.AppendVarint(b, s.lastSeen)
	}
	return b
}

// readSilences reads the watches saved after the trackers; a watch the configuration no longer
// has is read and dropped.
func (e *Engine) readSilences(r *reader, now int64) error {
	for range r.count(1) {
		sig := r.string()
		if err := readSilence(r, bySignature(e.silences, sig), now); err != nil {
			return fmt.Errorf("watch %q: %w", sig, err)
		}
	}
	return r.err
}

func readSilence(r *reader, w *silenceWatch, now int64) error {
	refused, reported, alertedAt := int(r.uvarint()), int(r.uvarint()), r.varint()
	n := r.count(sizeOfSavedInstance)
	instances := map[silenceKey]*watched{}
	for range n {
		k := silenceKey{service: r.string(), instance: r.string()}
		s := &watched{}
		copy(s.commitment[:], r.bytes(len(s.commitment)))
		s.interval, s.firstSeen, s.lastSeen = r.varint(), r.varint(), r.varint()
		if r.err != nil {
			return r.err
		}
		if k.instance == "" || len(k.instance) > maxKeyPart || len(k.service) > maxKeyPart {
			return errors.New("an instance key out of bounds")
		}
		if _, dup := instances[k]; w == nil || dup {
			continue
		}
		if len(instances) >= w.max {
			refused++ // max_silent_sources shrank (or the state was edited): refused, as live ones are
			continue
		}
		instances[k] = restoreInstance(s, now)
	}
	if w != nil {
		w.instances, w.refused = instances, refused
		w.reported, w.alertedAt = min(reported, refused), min(alertedAt, now)
	}
	return nil
}

// sizeOfSavedInstance is the fewest bytes one saved instance takes: two lengths, one byte of
// instance id, the commitment and three one-byte numbers.
const sizeOfSavedInstance = 2 + 1 + 32 + 3

// maxInterval is the longest heartbeat interval a watch takes, as when announced (see alive).
const maxInterval = int64(24 * time.Hour)

// restoreInstance bounds a saved instance so that no saved value can postpone its silence past
// what a live announcement could: times are clamped to the restore (a future last-seen would
// never fall silent), the interval to 1 s..24 h. Instances heard of before the restart are given
// two heartbeat intervals after it (notBefore) to be heard again, as the collector heard nothing
// while it was down; a dead one is reported then, or at its usual time if that is later.
func restoreInstance(s *watched, now int64) *watched {
	s.interval = min(max(s.interval, int64(time.Second)), maxInterval)
	s.lastSeen = min(s.lastSeen, now)
	s.firstSeen = min(s.firstSeen, s.lastSeen)
	s.notBefore = now + 2*s.interval
	return s
}
