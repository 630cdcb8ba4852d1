// Package integrity chains log records per stream with SHA-256, emits signed checkpoints, keeps
// chain heads in a storage extension, and verifies chained output.
package integrity

import "github.com/secotel/secotel/otel-collector/securityprocessor/internal/securityevents"

// Attribute names written on chained records and checkpoints, from spec/security-events.yaml.
const (
	AttrStream    = securityevents.AttrSecurityIntegrityStream
	AttrChain     = securityevents.AttrSecurityIntegrityChain
	AttrSeq       = securityevents.AttrSecurityIntegritySeq
	AttrPrevHash  = securityevents.AttrSecurityIntegrityPrevHash
	AttrHash      = securityevents.AttrSecurityIntegrityHash
	AttrReason    = securityevents.AttrSecurityIntegrityReason
	AttrRestart   = securityevents.AttrSecurityIntegrityRestart
	AttrCheckSeq  = securityevents.AttrSecurityIntegrityCheckpointSeq
	AttrCheckHash = securityevents.AttrSecurityIntegrityCheckpointHash
	AttrKeyID     = securityevents.AttrSecurityIntegrityKeyID
	AttrAlgorithm = securityevents.AttrSecurityIntegritySignatureAlgorithm
	AttrSignature = securityevents.AttrSecurityIntegritySignature

	// CheckpointEvent is the EventName of checkpoint records.
	CheckpointEvent = securityevents.IntegrityCheckpoint
)

// Checkpoint reasons.
const (
	ReasonGenesis  = "genesis"  // first record of a new chain
	ReasonRestart  = "restart"  // chain head loaded from storage: the chain continues
	ReasonInterval = "interval" // periodic
	ReasonShutdown = "shutdown" // the collector stopped cleanly; nothing follows in this run
)

// isChainAttr tells the attributes chaining itself sets, which the hashed encoding leaves out.
func isChainAttr(key string) bool {
	switch key {
	case AttrStream, AttrChain, AttrSeq, AttrPrevHash, AttrHash:
		return true
	}
	return false
}
