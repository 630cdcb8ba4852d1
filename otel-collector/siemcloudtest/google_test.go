package siemcloudtest

import (
	"context"
	"net"
	"strings"
	"testing"
	"time"

	"cloud.google.com/go/logging/apiv2/loggingpb"
	"google.golang.org/grpc"
)

// fakeLogging is Cloud Logging's LoggingServiceV2 as far as the exporter uses it: it takes WriteLogEntries and
// hands over each entry, with the request's log name and resource applied as the service applies them.
type fakeLogging struct {
	loggingpb.UnimplementedLoggingServiceV2Server
	entries chan *loggingpb.LogEntry
}

func (f *fakeLogging) WriteLogEntries(_ context.Context, req *loggingpb.WriteLogEntriesRequest) (*loggingpb.WriteLogEntriesResponse, error) {
	for _, entry := range req.GetEntries() {
		if entry.GetLogName() == "" {
			entry.LogName = req.GetLogName()
		}
		for key, value := range req.GetLabels() {
			if _, ok := entry.GetLabels()[key]; !ok {
				if entry.Labels == nil {
					entry.Labels = map[string]string{}
				}
				entry.Labels[key] = value
			}
		}
		f.entries <- entry
	}
	return &loggingpb.WriteLogEntriesResponse{}, nil
}

// The shipped google.yaml, pointed at a fake Logging service on loopback: the brute force arrives as one
// LogEntry per record in the log secotel-security, with the attributes (chain included) as labels.
func TestGoogleCloudLoggingReceivesTheRecords(t *testing.T) {
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	fake := &fakeLogging{entries: make(chan *loggingpb.LogEntry, 1000)}
	server := grpc.NewServer()
	loggingpb.RegisterLoggingServiceV2Server(server, fake)
	go server.Serve(listener)
	t.Cleanup(server.Stop)

	c := startCollector(t, "google.yaml", "google-loopback.yaml", map[string]string{
		"FAKE_LOGGING_ADDRESS": listener.Addr().String(),
		"SECOTEL_GCP_PROJECT":  "secotel-test",
	})
	c.sendBruteForce(t)

	var failed, alerts []*loggingpb.LogEntry
	timeout := time.After(60 * time.Second)
	for len(failed) < 12 || len(alerts) < 1 {
		select {
		case entry := <-fake.entries:
			if entry.GetLogName() != "projects/secotel-test/logs/secotel-security" {
				t.Errorf("log name %q", entry.GetLogName())
			}
			switch {
			case strings.Contains(entry.GetLabels()["security.reason"], "bad_password"):
				failed = append(failed, entry)
			case entry.GetLabels()["security_rule.name"] != "":
				alerts = append(alerts, entry)
			}
		case <-timeout:
			t.Fatalf("%d failed logins and %d alerts arrived", len(failed), len(alerts))
		}
	}

	hashes := c.archivedHashes(t)
	for _, entry := range failed {
		labels := entry.GetLabels()
		if labels["client.address"] != attacker || labels["user.name"] != "alice" || entry.GetSeverity().String() != "WARNING" ||
			!strings.HasPrefix(entry.GetTextPayload(), "login failed for alice") {
			t.Errorf("failed login as received: %v", entry)
		}
		if seq := labels["security.integrity.seq"]; seq == "" || labels["security.integrity.hash"] != hashes[seq] {
			t.Errorf("chain attributes %q / %q, archive has %q", seq, labels["security.integrity.hash"], hashes[seq])
		}
	}
	if labels := alerts[0].GetLabels(); labels["security_rule.name"] != "brute_force" || labels["security.alert.key"] != "client.address="+attacker ||
		labels["security.integrity.hash"] != hashes[labels["security.integrity.seq"]] {
		t.Errorf("alert as received: %v", alerts[0])
	}
}
