package integrity

import (
	"encoding/base64"
	"encoding/hex"
	"fmt"

	"go.opentelemetry.io/collector/pdata/pcommon"
	"go.opentelemetry.io/collector/pdata/plog"

	"github.com/secotel/secotel/otel-collector/securityprocessor/internal/securityevents"
)

// writeCheckpoint fills lr as a checkpoint record for stmt, signed when signer is set.
func writeCheckpoint(lr plog.LogRecord, stmt Statement, signer *Signer) {
	ts := pcommon.Timestamp(stmt.TimeUnixNano)
	lr.SetEventName(CheckpointEvent)
	lr.SetTimestamp(ts)
	lr.SetObservedTimestamp(ts)
	lr.SetSeverityText(securityevents.LevelInfo)
	lr.SetSeverityNumber(plog.SeverityNumber(securityevents.SeverityNumber[securityevents.LevelInfo]))
	lr.Body().SetStr(fmt.Sprintf("integrity checkpoint (%s) for %s: seq %d", stmt.Reason, stmt.Stream, stmt.Seq))
	attrs := lr.Attributes()
	attrs.PutStr(securityevents.AttrSecurityCategory, "integrity")
	attrs.PutStr(AttrReason, stmt.Reason)
	attrs.PutBool(AttrRestart, stmt.Reason == ReasonRestart)
	attrs.PutInt(AttrCheckSeq, int64(stmt.Seq))
	attrs.PutStr(AttrCheckHash, hex.EncodeToString(stmt.Head[:]))
	if signer == nil {
		attrs.PutStr(AttrAlgorithm, AlgorithmNone)
		return
	}
	attrs.PutStr(AttrAlgorithm, signer.Algorithm)
	attrs.PutStr(AttrKeyID, signer.KeyID)
	attrs.PutStr(AttrSignature, base64.StdEncoding.EncodeToString(signer.sign(stmt.Message())))
}
