// Package integrity chains log records per stream with SHA-256, emits signed checkpoints, keeps
// chain heads in a storage extension, and verifies chained output.
package integrity

// Attribute names written on chained records and checkpoints.
const (
	AttrStream    = "security.integrity.stream"
	AttrChain     = "security.integrity.chain"
	AttrSeq       = "security.integrity.seq"
	AttrPrevHash  = "security.integrity.prev_hash"
	AttrHash      = "security.integrity.hash"
	AttrReason    = "security.integrity.reason"
	AttrRestart   = "security.integrity.restart"
	AttrCheckSeq  = "security.integrity.checkpoint.seq"
	AttrCheckHash = "security.integrity.checkpoint.hash"
	AttrKeyID     = "security.integrity.key_id"
	AttrAlgorithm = "security.integrity.signature.algorithm"
	AttrSignature = "security.integrity.signature"

	// CheckpointEvent is the EventName of checkpoint records.
	CheckpointEvent = "security.integrity_checkpoint"
)

// Checkpoint reasons.
const (
	ReasonGenesis  = "genesis"  // first record of a new chain
	ReasonRestart  = "restart"  // chain head loaded from storage: the chain continues
	ReasonInterval = "interval" // periodic
	ReasonShutdown = "shutdown" // the collector stopped cleanly; nothing follows in this run
)

// chainAttrs are set by chaining itself and so are left out of the hashed encoding.
var chainAttrs = map[string]bool{AttrStream: true, AttrChain: true, AttrSeq: true, AttrPrevHash: true, AttrHash: true}
