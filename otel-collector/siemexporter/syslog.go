package siemexporter

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"strconv"
	"sync"
	"time"

	"go.opentelemetry.io/collector/component"
	"go.opentelemetry.io/collector/exporter"
	"go.opentelemetry.io/collector/pdata/pcommon"
	"go.opentelemetry.io/collector/pdata/plog"

	"github.com/secotel/secotel/otel-collector/siemexporter/mapping"
)

// syslogExporter writes CEF or LEEF lines as RFC 5424 messages on one TCP (TLS) connection, framed by octet
// counting (RFC 6587), so a line may hold any byte. The connection is opened on the first batch and opened
// again when it broke; a batch whose write failed is handed back to the retry and the queue whole.
type syslogExporter struct {
	cfg     *SyslogConfig
	version string // the collector's version, the CEF/LEEF header's product version
	tls     *tls.Config
	encode  func(pcommon.Resource, plog.LogRecord, string) string

	mu   sync.Mutex // one batch on the connection at a time
	conn net.Conn
}

func newSyslogExporter(cfg *SyslogConfig, set exporter.Settings) *syslogExporter {
	encode := mapping.CEF
	if cfg.Format == formatLEEF {
		encode = mapping.LEEF
	}
	return &syslogExporter{cfg: cfg, version: set.BuildInfo.Version, encode: encode}
}

func (e *syslogExporter) start(ctx context.Context, _ component.Host) error {
	tlsConfig, err := e.cfg.TLS.LoadTLSConfig(ctx)
	if err != nil {
		return fmt.Errorf("syslog.tls: %w", err)
	}
	if tlsConfig != nil && tlsConfig.ServerName == "" {
		tlsConfig.ServerName, _, _ = net.SplitHostPort(e.cfg.Endpoint)
	}
	e.tls = tlsConfig
	return nil
}

func (e *syslogExporter) shutdown(context.Context) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.conn == nil {
		return nil
	}
	err := e.conn.Close()
	e.conn = nil
	return err
}

// RFC 5424 header field limits (printable US-ASCII, at most this many characters).
const (
	syslogHostnameMax = 255
	syslogAppNameMax  = 48
	syslogMsgIDMax    = 32
)

// encodeFrames writes each record as one octet-counted RFC 5424 message:
// "<len> <PRI>1 TIMESTAMP HOSTNAME APP-NAME - MSGID - CEF:0|...".
func (e *syslogExporter) encodeFrames(ld plog.Logs) []byte {
	var out bytes.Buffer
	for _, rl := range ld.ResourceLogs().All() {
		for _, sl := range rl.ScopeLogs().All() {
			for _, lr := range sl.LogRecords().All() {
				envelope := mapping.EnvelopeOf(rl.Resource(), lr)
				message := fmt.Sprintf("<%d>1 %s %s %s - %s - %s",
					e.cfg.Facility*8+envelope.SyslogSeverity,
					envelope.Time.Format("2006-01-02T15:04:05.000000Z07:00"),
					headerField(envelope.Host, syslogHostnameMax),
					headerField(envelope.App, syslogAppNameMax),
					headerField(envelope.Name, syslogMsgIDMax),
					e.encode(rl.Resource(), lr, e.version))
				out.WriteString(strconv.Itoa(len(message)))
				out.WriteByte(' ')
				out.WriteString(message)
			}
		}
	}
	return out.Bytes()
}

// headerField writes a header value as RFC 5424 allows: printable US-ASCII without spaces (others become _),
// cut to max characters, "-" when empty.
func headerField(value string, max int) string {
	if value == "" {
		return "-"
	}
	b := []byte(value)
	if len(b) > max {
		b = b[:max]
	}
	for i, c := range b {
		if c < 33 || c > 126 {
			b[i] = '_'
		}
	}
	return string(b)
}

func (e *syslogExporter) pushLogs(ctx context.Context, ld plog.Logs) error {
	frames := e.encodeFrames(ld)
	if len(frames) == 0 {
		return nil
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	conn, err := e.connection(ctx)
	if err != nil {
		return err
	}
	deadline, _ := ctx.Deadline() // zero: no deadline
	if err := conn.SetWriteDeadline(deadline); err != nil {
		return e.broken(err)
	}
	if _, err := conn.Write(frames); err != nil {
		return e.broken(err)
	}
	return nil
}

// broken drops the connection after a failed write, so the retry opens a new one.
func (e *syslogExporter) broken(err error) error {
	_ = e.conn.Close()
	e.conn = nil
	return fmt.Errorf("writing to syslog %s: %w", e.cfg.Endpoint, err)
}

// connection returns the open connection, or opens one when there is none or the receiver has closed it.
// Syslog over TCP has no acknowledgement: a write into a connection the receiver has already closed can
// succeed locally and be lost, so a closed connection is looked for before each batch.
func (e *syslogExporter) connection(ctx context.Context) (net.Conn, error) {
	if e.conn != nil && closedByPeer(e.conn) {
		_ = e.conn.Close()
		e.conn = nil
	}
	if e.conn != nil {
		return e.conn, nil
	}
	var conn net.Conn
	var err error
	if e.tls != nil {
		dialer := tls.Dialer{Config: e.tls}
		conn, err = dialer.DialContext(ctx, "tcp", e.cfg.Endpoint)
	} else {
		var dialer net.Dialer
		conn, err = dialer.DialContext(ctx, "tcp", e.cfg.Endpoint)
	}
	if err != nil {
		return nil, fmt.Errorf("connecting to syslog %s: %w", e.cfg.Endpoint, err)
	}
	e.conn = conn
	return conn, nil
}

// readsClosed reads with a short deadline: a syslog receiver sends nothing, so end of stream or a reset means it
// closed the connection, and a time-out means it is still open (or that the deadline passed before the read was
// tried, on a busy machine: closedByPeer looks at the socket first where it can).
func readsClosed(conn net.Conn) bool {
	if err := conn.SetReadDeadline(time.Now().Add(time.Millisecond)); err != nil {
		return true
	}
	defer conn.SetReadDeadline(time.Time{})
	var b [64]byte
	_, err := conn.Read(b[:])
	var netErr net.Error
	return err != nil && !(errors.As(err, &netErr) && netErr.Timeout())
}
