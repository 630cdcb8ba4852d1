package integrity

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"slices"
	"strings"
	"time"

	"go.opentelemetry.io/collector/pdata/pcommon"
	"go.opentelemetry.io/collector/pdata/plog"
	"go.uber.org/zap"

	"github.com/secotel/secotel/otel-collector/securityprocessor/internal/ownscope"
)

// Telemetry receives the chainer's countable events.
type Telemetry interface {
	Checkpoint(reason string)
	PersistFailed()
	StreamEvicted()
}

// Options configure a Chainer.
type Options struct {
	// CollectorID is part of every stream name so that collectors sharing a service's records
	// (a gateway tier) keep separate chains; empty leaves it out.
	CollectorID string
	Signer      *Signer   // nil: checkpoints are unsigned
	Store       HeadStore // nil: chains restart at seq 1 with a new chain id
	MaxStreams  int
	Now         func() time.Time
	Telemetry   Telemetry
	Logger      *zap.Logger
}

// Chainer assigns sequence numbers and hashes per stream. It is not safe for concurrent use.
type Chainer struct {
	opts    Options
	streams map[string]*streamState
	dirty   map[string]*streamState // heads changed since the last Persist
	evicted []Head                  // heads of evicted streams the next digest must name
	enc     encoder
	clock   uint64 // advances per use; orders streams for eviction
}

type streamState struct {
	head       Head
	opening    string           // genesis or restart: the checkpoint owed at the end of the first batch
	unattested bool             // records chained since the last checkpoint
	undigested bool             // head changed since the last digest
	resource   pcommon.Resource // copy, for the shutdown checkpoint
	lastUsed   uint64
}

// NewChainer returns an empty chainer.
func NewChainer(opts Options) *Chainer {
	return &Chainer{opts: opts, streams: map[string]*streamState{}, dirty: map[string]*streamState{}}
}

// streamOf names the stream of a resource: collector, service.name and service.instance.id as
// attr=value pairs joined by ",", leaving out the ones that are not set.
func streamOf(collectorID string, resource pcommon.Resource) string {
	var parts []string
	if collectorID != "" {
		parts = append(parts, "collector="+collectorID)
	}
	for _, attr := range []string{"service.name", "service.instance.id"} {
		if v, ok := resource.Attributes().Get(attr); ok {
			parts = append(parts, attr+"="+v.AsString())
		}
	}
	return strings.Join(parts, ",")
}

// Chain links every record of rl, in order, and appends the stream's opening checkpoint to its
// first batch. Interval checkpoints come from Tick.
func (c *Chainer) Chain(ctx context.Context, rl plog.ResourceLogs, own *ownscope.Appender) {
	st := c.stream(ctx, rl.Resource())
	scopes := rl.ScopeLogs()
	for i := 0; i < scopes.Len(); i++ {
		records := scopes.At(i).LogRecords()
		for j := 0; j < records.Len(); j++ {
			c.link(st, records.At(j), scopes.At(i).Scope(), rl.Resource())
		}
	}
	if st.opening != "" {
		c.checkpoint(st, own, st.opening)
		st.opening = ""
	}
	c.dirty[st.head.Stream] = st
}

// Tick returns an interval checkpoint for every stream with records since its last checkpoint,
// so that an idle stream's newest records are attested too. Call it every checkpoint interval.
func (c *Chainer) Tick() plog.Logs {
	return c.checkpointAll(ReasonInterval)
}

// checkpointAll appends a checkpoint with reason for every stream with unattested records.
func (c *Chainer) checkpointAll(reason string) plog.Logs {
	out := plog.NewLogs()
	for _, name := range c.sortedStreams() {
		st := c.streams[name]
		if !st.unattested {
			continue
		}
		rl := out.ResourceLogs().AppendEmpty()
		st.resource.CopyTo(rl.Resource())
		c.checkpoint(st, ownscope.New(rl), reason)
		c.dirty[name] = st
	}
	return out
}

func (c *Chainer) sortedStreams() []string {
	names := make([]string, 0, len(c.streams))
	for name := range c.streams {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}

// TakeDigest returns the heads that changed since the previous call, for the digest stream.
func (c *Chainer) TakeDigest() []Head {
	heads := c.evicted
	c.evicted = nil
	for _, name := range c.sortedStreams() {
		if st := c.streams[name]; st.undigested {
			heads = append(heads, st.head)
			st.undigested = false
		}
	}
	return heads
}

// stream returns the state of rl's stream, loading a persisted head the first time it is seen.
func (c *Chainer) stream(ctx context.Context, resource pcommon.Resource) *streamState {
	name := streamOf(c.opts.CollectorID, resource)
	c.clock++
	if st, ok := c.streams[name]; ok {
		st.lastUsed = c.clock
		return st
	}
	if len(c.streams) >= c.opts.MaxStreams {
		c.evictOldest(ctx)
	}
	st := &streamState{lastUsed: c.clock, resource: pcommon.NewResource()}
	resource.CopyTo(st.resource)
	if head, ok := c.load(ctx, name); ok {
		st.head, st.opening = head, ReasonRestart
	} else {
		st.head, st.opening = Head{Stream: name, Chain: newChainID()}, ReasonGenesis
	}
	c.streams[name] = st
	return st
}

func (c *Chainer) load(ctx context.Context, name string) (Head, bool) {
	if c.opts.Store == nil {
		return Head{}, false
	}
	head, ok, err := c.opts.Store.Load(ctx, name)
	if err != nil {
		c.opts.Telemetry.PersistFailed()
		c.opts.Logger.Error("loading chain head failed; starting a new chain", zap.String("stream", name), zap.Error(err))
		return Head{}, false
	}
	return head, ok
}

// evictOldest forgets the least recently used stream after saving its head.
func (c *Chainer) evictOldest(ctx context.Context) {
	var oldest *streamState
	for _, st := range c.streams {
		if oldest == nil || st.lastUsed < oldest.lastUsed {
			oldest = st
		}
	}
	if oldest.undigested {
		c.evicted = append(c.evicted, oldest.head)
	}
	if _, dirty := c.dirty[oldest.head.Stream]; dirty {
		c.save(ctx, []Head{oldest.head})
		delete(c.dirty, oldest.head.Stream)
	}
	delete(c.streams, oldest.head.Stream)
	c.opts.Telemetry.StreamEvicted()
}

func newChainID() string {
	id := make([]byte, 8)
	_, _ = rand.Read(id) // crypto/rand.Read never fails on supported platforms
	return hex.EncodeToString(id)
}

// link gives lr the next sequence number and its hash.
func (c *Chainer) link(st *streamState, lr plog.LogRecord, scope pcommon.InstrumentationScope, resource pcommon.Resource) {
	link := Link{Stream: st.head.Stream, Chain: st.head.Chain, Seq: st.head.Seq + 1, Prev: st.head.Hash}
	hash := c.enc.Hash(link, lr, scope, resource)
	attrs := lr.Attributes()
	attrs.EnsureCapacity(attrs.Len() + 5)
	attrs.PutStr(AttrStream, link.Stream)
	attrs.PutStr(AttrChain, link.Chain)
	attrs.PutInt(AttrSeq, int64(link.Seq))
	attrs.PutStr(AttrPrevHash, hex.EncodeToString(link.Prev[:]))
	attrs.PutStr(AttrHash, hex.EncodeToString(hash[:]))
	st.head.Seq, st.head.Hash = link.Seq, hash
	st.unattested, st.undigested = true, true
}

// checkpoint appends a signed statement of the current head, itself chained.
func (c *Chainer) checkpoint(st *streamState, own *ownscope.Appender, reason string) {
	now := c.opts.Now()
	stmt := Statement{Stream: st.head.Stream, Chain: st.head.Chain, Reason: reason, Seq: st.head.Seq, Head: st.head.Hash, TimeUnixNano: now.UnixNano()}
	lr := own.Append()
	writeCheckpoint(lr, stmt, c.opts.Signer)
	c.link(st, lr, ownScope(), st.resource)
	st.unattested = false
	c.opts.Telemetry.Checkpoint(reason)
}

// ownScope mirrors the scope ownscope.Appender creates, for hashing.
func ownScope() pcommon.InstrumentationScope {
	s := pcommon.NewInstrumentationScope()
	s.SetName(ownscope.Name)
	return s
}

// Persist saves the heads that changed since the last call.
func (c *Chainer) Persist(ctx context.Context) {
	if len(c.dirty) == 0 {
		return
	}
	heads := make([]Head, 0, len(c.dirty))
	for _, st := range c.dirty {
		heads = append(heads, st.head)
	}
	clear(c.dirty)
	c.save(ctx, heads)
}

func (c *Chainer) save(ctx context.Context, heads []Head) {
	if c.opts.Store == nil {
		return
	}
	if err := c.opts.Store.Save(ctx, heads); err != nil {
		c.opts.Telemetry.PersistFailed()
		c.opts.Logger.Error("saving chain heads failed; a restart would reuse sequence numbers", zap.Int("streams", len(heads)), zap.Error(err))
	}
}

// Shutdown returns a final checkpoint for every stream with unattested records, so that a
// truncated tail is detectable, and persists the heads.
func (c *Chainer) Shutdown(ctx context.Context) plog.Logs {
	out := c.checkpointAll(ReasonShutdown)
	c.Persist(ctx)
	return out
}

// Streams is the number of streams held in memory.
func (c *Chainer) Streams() int { return len(c.streams) }
