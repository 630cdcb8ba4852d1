package siemexporter

import (
	"bufio"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"io"
	"math/big"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"go.opentelemetry.io/collector/component/componenttest"
	"go.opentelemetry.io/collector/config/configoptional"
	"go.opentelemetry.io/collector/exporter/exporterhelper"
	"go.opentelemetry.io/collector/exporter/exportertest"
	"go.opentelemetry.io/collector/pdata/plog"

	"github.com/secotel/secotel/otel-collector/siemexporter/internal/metadata"
	"github.com/secotel/secotel/otel-collector/siemexporter/mapping"
)

func syslogConfig(endpoint, format string) *Config {
	cfg := createDefaultConfig().(*Config)
	syslog := cfg.Syslog.GetOrInsertDefault()
	syslog.Endpoint = endpoint
	syslog.Format = format
	cfg.QueueConfig = configoptional.None[exporterhelper.QueueBatchConfig]()
	return cfg
}

// selfSignedCert writes a certificate for 127.0.0.1 (its own CA) and its key, and returns their paths.
func selfSignedCert(t *testing.T) (certFile, keyFile string) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	template := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "syslog.test"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(time.Hour),
		IPAddresses:           []net.IP{net.ParseIP("127.0.0.1")},
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der, err := x509.CreateCertificate(rand.Reader, template, template, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	certFile, keyFile = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	if err := os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER}), 0o600); err != nil {
		t.Fatal(err)
	}
	return certFile, keyFile
}

func TestSyslogFrameShape(t *testing.T) {
	cfg := syslogConfig("127.0.0.1:6514", formatCEF)
	ld := securityLogs(t)
	ld.ResourceLogs().At(0).Resource().Attributes().PutStr("service.name", "shop front é")
	ld.ResourceLogs().At(0).Resource().Attributes().PutStr("host.name", "web-1")
	frames := string(newSyslogExporter(cfg.Syslog.Get(), exportertest.NewNopSettings(metadata.Type)).encodeFrames(ld))
	var messages []string
	for rest := frames; rest != ""; {
		length, after, ok := strings.Cut(rest, " ")
		n, err := strconv.Atoi(length)
		if !ok || err != nil || n > len(after) {
			t.Fatalf("not octet-counted: %q", rest)
		}
		messages, rest = append(messages, after[:n]), after[n:]
	}
	if len(messages) != 4 {
		t.Fatalf("%d messages", len(messages))
	}
	// Facility 13 (log audit) * 8 + severity 4 (warning: the failed login's WARN band).
	want := "<108>1 2026-12-06T04:00:00.001000Z web-1 shop_front_\xc3\xa9 - authn_login_fail - CEF:0|secotel|secotel|"
	want = strings.Replace(want, "\xc3\xa9", "__", 1) // a two-byte character outside printable US-ASCII
	if !strings.HasPrefix(messages[0], want) {
		t.Errorf("message %q, want it to start with %q", messages[0], want)
	}
	if !strings.HasPrefix(messages[2], "<106>1 ") || !strings.Contains(messages[2], " alert - CEF:0|") {
		t.Errorf("an alert is critical (2): %q", messages[2])
	}
}

// CEF lines over TLS into VictoriaLogs' syslog receiver, which parses CEF into cef.* fields.
func TestSyslogCEFOverTLSIntoVictoriaLogs(t *testing.T) {
	certFile, keyFile := selfSignedCert(t)
	syslogAddr := freeAddr(t)
	base := startVictoriaLogs(t, "-syslog.listenAddr.tcp="+syslogAddr, "-syslog.tls", "-syslog.tlsCertFile="+certFile, "-syslog.tlsKeyFile="+keyFile)
	cfg := syslogConfig(syslogAddr, formatCEF)
	cfg.Syslog.Get().TLS.CAFile = certFile
	if err := runExporter(t, cfg); err != nil {
		t.Fatal(err)
	}
	failed := queryFlushed(t, base, `cef.device_event_class_id:authn_login_fail`, 2)
	for _, row := range failed {
		if row["cef.extension.outcome"] != "failure" || row["cef.extension.src"] != "203.0.113.9" || row["cef.severity"] != "6" ||
			row["cef.extension.security.integrity.hash"] != "hash-"+row["cef.extension.security.integrity.seq"] || row["app_name"] != "shop" {
			t.Errorf("failed login as stored: %v", row)
		}
	}
	alert := queryFlushed(t, base, `cef.device_event_class_id:alert`, 1)
	if alert[0]["cef.extension.msg"] != "credential stuffing from 203.0.113.9" || alert[0]["cef.severity"] != "10" {
		t.Errorf("alert as stored: %v", alert[0])
	}
}

// A TLS endpoint must not be written to in the clear, nor a server with an unknown certificate trusted.
func TestSyslogRefusesAnUntrustedServer(t *testing.T) {
	certFile, keyFile := selfSignedCert(t)
	syslogAddr := freeAddr(t)
	startVictoriaLogs(t, "-syslog.listenAddr.tcp="+syslogAddr, "-syslog.tls", "-syslog.tlsCertFile="+certFile, "-syslog.tlsKeyFile="+keyFile)
	cfg := syslogConfig(syslogAddr, formatCEF) // TLS on, system roots only
	cfg.RetryConfig.Enabled = false
	err := runExporter(t, cfg)
	if err == nil || !strings.Contains(err.Error(), "certificate") {
		t.Fatalf("want a certificate error, got %v", err)
	}
}

// LEEF lines arrive byte for byte as the encoder wrote them (mapping's tests parse them back).
func TestSyslogLEEFIntoVictoriaLogs(t *testing.T) {
	syslogAddr := freeAddr(t)
	base := startVictoriaLogs(t, "-syslog.listenAddr.tcp="+syslogAddr)
	cfg := syslogConfig(syslogAddr, formatLEEF)
	cfg.Syslog.Get().TLS.Insecure = true
	if err := runExporter(t, cfg); err != nil {
		t.Fatal(err)
	}
	ld := securityLogs(t)
	rl := ld.ResourceLogs().At(0)
	rows := queryFlushed(t, base, `"LEEF:2.0|secotel|secotel|"`, 4)
	stored := map[string]bool{}
	for _, row := range rows {
		stored[row["_msg"]] = true
	}
	for i, lr := range rl.ScopeLogs().At(0).LogRecords().All() {
		if line := mapping.LEEF(rl.Resource(), lr, exportertest.NewNopSettings(metadata.Type).BuildInfo.Version); !stored[line] {
			t.Errorf("record %d: %q not stored; stored %v", i, line, stored)
		}
	}
}

// queryFlushed flushes VictoriaLogs' buffers, then queries as query does.
func queryFlushed(t *testing.T, base, logsQL string, want int) []map[string]string {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
		if rows := flushAndQuery(t, base, logsQL); len(rows) >= want {
			break
		}
	}
	return query(t, base, logsQL, want)
}

func flushAndQuery(t *testing.T, base, logsQL string) []map[string]string {
	t.Helper()
	if resp, err := http.Get(base + "/internal/force_flush"); err == nil {
		resp.Body.Close()
	}
	return query(t, base, logsQL, -1)
}

// syslogPeer is a TLS syslog receiver that reads octet-counted messages and can drop its connection or stop.
type syslogPeer struct {
	listener net.Listener
	messages chan string
	conns    chan net.Conn
}

func startSyslogPeer(t *testing.T, addr string, config *tls.Config) *syslogPeer {
	t.Helper()
	listener, err := tls.Listen("tcp", addr, config)
	if err != nil {
		t.Fatal(err)
	}
	peer := &syslogPeer{listener: listener, messages: make(chan string, 100), conns: make(chan net.Conn, 10)}
	t.Cleanup(func() { listener.Close() })
	go func() {
		for {
			conn, err := listener.Accept()
			if err != nil {
				return
			}
			peer.conns <- conn
			go peer.read(conn)
		}
	}()
	return peer
}

func (p *syslogPeer) read(conn net.Conn) {
	reader := bufio.NewReader(conn)
	for {
		length, err := reader.ReadString(' ')
		if err != nil {
			return
		}
		n, err := strconv.Atoi(strings.TrimSuffix(length, " "))
		if err != nil {
			return
		}
		message := make([]byte, n)
		if _, err := io.ReadFull(reader, message); err != nil {
			return
		}
		p.messages <- string(message)
	}
}

// receive waits for n messages and returns their message ids' integrity sequence numbers.
func (p *syslogPeer) receive(t *testing.T, n int) []string {
	t.Helper()
	var seqs []string
	timeout := time.After(30 * time.Second)
	for len(seqs) < n {
		select {
		case message := <-p.messages:
			_, seq, _ := strings.Cut(message, "security.integrity.seq=")
			seq, _, _ = strings.Cut(seq, " ")
			seqs = append(seqs, seq)
		case <-timeout:
			t.Fatalf("%d of %d messages arrived", len(seqs), n)
		}
	}
	return seqs
}

// The receiver drops the connection, then goes away and comes back: the exporter opens a new connection each
// time and the batches accepted meanwhile arrive.
func TestSyslogReconnectsWithoutLosingRecords(t *testing.T) {
	certFile, keyFile := selfSignedCert(t)
	cert, err := tls.LoadX509KeyPair(certFile, keyFile)
	if err != nil {
		t.Fatal(err)
	}
	serverTLS := &tls.Config{Certificates: []tls.Certificate{cert}}
	addr := freeAddr(t)
	peer := startSyslogPeer(t, addr, serverTLS)

	cfg := syslogConfig(addr, formatCEF)
	cfg.Syslog.Get().TLS.CAFile = certFile
	cfg.QueueConfig = configoptional.Some(exporterhelper.NewDefaultQueueConfig())
	cfg.RetryConfig.InitialInterval = 20 * time.Millisecond
	cfg.RetryConfig.MaxInterval = 100 * time.Millisecond
	exp, err := NewFactory().CreateLogs(context.Background(), exportertest.NewNopSettings(metadata.Type), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := exp.Start(context.Background(), componenttest.NewNopHost()); err != nil {
		t.Fatal(err)
	}
	defer exp.Shutdown(context.Background())
	batch := func(from int) plog.Logs {
		ld := securityLogs(t)
		for _, lr := range ld.ResourceLogs().At(0).ScopeLogs().At(0).LogRecords().All() {
			seq, _ := lr.Attributes().Get("security.integrity.seq")
			lr.Attributes().PutInt("security.integrity.seq", seq.Int()+int64(from))
		}
		return ld
	}

	if err := exp.ConsumeLogs(context.Background(), batch(0)); err != nil {
		t.Fatal(err)
	}
	got := peer.receive(t, 4)
	(<-peer.conns).Close() // the receiver drops the connection

	if err := exp.ConsumeLogs(context.Background(), batch(10)); err != nil {
		t.Fatal(err)
	}
	got = append(got, peer.receive(t, 4)...)

	peer.listener.Close() // the receiver goes away ...
	(<-peer.conns).Close()
	if err := exp.ConsumeLogs(context.Background(), batch(20)); err != nil {
		t.Fatalf("the queue must take records while the receiver is away: %v", err)
	}
	peer2 := startSyslogPeer(t, addr, serverTLS) // ... and comes back
	got = append(got, peer2.receive(t, 4)...)

	want := "1 2 3 4 11 12 13 14 21 22 23 24"
	if strings.Join(got, " ") != want {
		t.Errorf("sequence numbers %v, want %s", got, want)
	}
}
