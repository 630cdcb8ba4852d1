package integrity

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"fmt"

	"go.opentelemetry.io/collector/extension/xextension/storage"
)

// Head is the persisted end of a chain.
type Head struct {
	Stream string
	Chain  string
	Seq    uint64
	Hash   [sha256.Size]byte
}

// HeadStore persists chain heads across restarts.
type HeadStore interface {
	Load(ctx context.Context, stream string) (Head, bool, error)
	Save(ctx context.Context, heads []Head) error
}

// StorageHeads keeps heads in a collector storage extension client under "head/<stream>" as
// seq (8 bytes, big-endian), hash (32 bytes), chain id (rest).
type StorageHeads struct{ Client storage.Client }

func headKey(stream string) string { return "head/" + stream }

// Load returns the stream's head, or false when none was stored.
func (s StorageHeads) Load(ctx context.Context, stream string) (Head, bool, error) {
	raw, err := s.Client.Get(ctx, headKey(stream))
	if err != nil || raw == nil {
		return Head{}, false, err
	}
	if len(raw) < 8+sha256.Size {
		return Head{}, false, fmt.Errorf("stored head of %q is %d bytes, want at least %d", stream, len(raw), 8+sha256.Size)
	}
	h := Head{Stream: stream, Seq: binary.BigEndian.Uint64(raw), Chain: string(raw[8+sha256.Size:])}
	copy(h.Hash[:], raw[8:])
	return h, true, nil
}

// Save writes all heads in one storage batch.
func (s StorageHeads) Save(ctx context.Context, heads []Head) error {
	ops := make([]*storage.Operation, len(heads))
	for i, h := range heads {
		v := binary.BigEndian.AppendUint64(nil, h.Seq)
		v = append(v, h.Hash[:]...)
		ops[i] = storage.SetOperation(headKey(h.Stream), append(v, h.Chain...))
	}
	return s.Client.Batch(ctx, ops...)
}
