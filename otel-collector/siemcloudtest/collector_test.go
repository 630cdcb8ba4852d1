package siemcloudtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// collectorBinary builds otelcol-secotel (or finds it up to date) with the repository's build script.
func collectorBinary(t *testing.T) string {
	t.Helper()
	out, err := exec.Command("bash", "../scripts/build-collector.sh").Output()
	if err != nil {
		t.Fatalf("building otelcol-secotel: %v", err)
	}
	return strings.TrimSpace(string(out))
}

func freePort(t *testing.T) string {
	t.Helper()
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer listener.Close()
	_, port, _ := net.SplitHostPort(listener.Addr().String())
	return port
}

// collector is otelcol-secotel running config/local.yaml with one SIEM overlay and a test overlay.
type collector struct {
	otlpHTTP string
	output   string
}

func startCollector(t *testing.T, siemConfig, testOverlay string, env map[string]string) collector {
	t.Helper()
	binary := collectorBinary(t)
	dir := t.TempDir()
	ports := map[string]string{}
	for _, name := range []string{"SECOTEL_OTLP_HTTP_PORT", "SECOTEL_OTLP_GRPC_PORT", "SECOTEL_HEALTH_PORT", "SECOTEL_METRICS_PORT"} {
		ports[name] = freePort(t)
	}
	c := collector{otlpHTTP: "http://127.0.0.1:" + ports["SECOTEL_OTLP_HTTP_PORT"], output: filepath.Join(dir, "output.json")}
	cmd := exec.Command(binary, "--config", "../config/local.yaml", "--config", "../config/siem/"+siemConfig, "--config", "testdata/"+testOverlay)
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + os.Getenv("HOME"), "SECOTEL_OUTPUT=" + c.output, "SECOTEL_STATE_DIR=" + filepath.Join(dir, "state")}
	for name, value := range ports {
		cmd.Env = append(cmd.Env, name+"="+value)
	}
	for name, value := range env {
		cmd.Env = append(cmd.Env, name+"="+value)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Signal(os.Interrupt)
		_ = cmd.Wait()
		if t.Failed() {
			t.Logf("otelcol-secotel stderr:\n%s", stderr.String())
		}
	})
	health := "http://127.0.0.1:" + ports["SECOTEL_HEALTH_PORT"] + "/"
	for deadline := time.Now().Add(60 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		if resp, err := http.Get(health); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return c
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("otelcol-secotel did not become healthy:\n%s", stderr.String())
		}
	}
}

const attacker = "203.0.113.9"

// sendBruteForce sends 12 failed logins for alice from one source over OTLP/HTTP JSON: the security processor
// chains them and raises a brute_force alert.
func (c collector) sendBruteForce(t *testing.T) {
	t.Helper()
	str := func(key, value string) map[string]any {
		return map[string]any{"key": key, "value": map[string]any{"stringValue": value}}
	}
	var records []map[string]any
	now := time.Now()
	for i := range 12 {
		records = append(records, map[string]any{
			"timeUnixNano":   fmt.Sprint(now.Add(time.Duration(i) * time.Millisecond).UnixNano()),
			"eventName":      "security.authn_login_fail",
			"severityNumber": 13,
			"severityText":   "WARN",
			"body":           map[string]any{"stringValue": fmt.Sprintf("login failed for alice from %s (%d)", attacker, i)},
			"attributes": []any{
				str("client.address", attacker), str("user.name", "alice"), str("security.outcome", "failure"),
				str("security.reason", "bad_password"),
			},
		})
	}
	payload, _ := json.Marshal(map[string]any{"resourceLogs": []any{map[string]any{
		"resource":  map[string]any{"attributes": []any{str("service.name", "shop")}},
		"scopeLogs": []any{map[string]any{"scope": map[string]any{"name": "shop"}, "logRecords": records}},
	}}})
	resp, err := http.Post(c.otlpHTTP+"/v1/logs", "application/json", bytes.NewReader(payload))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("OTLP/HTTP answered %s", resp.Status)
	}
}

// archivedHashes returns the security.integrity.hash of each record in the collector's file output, by seq.
func (c collector) archivedHashes(t *testing.T) map[string]string {
	t.Helper()
	data, err := os.ReadFile(c.output)
	if err != nil {
		t.Fatal(err)
	}
	type kv struct {
		Key   string         `json:"key"`
		Value map[string]any `json:"value"`
	}
	hashes := map[string]string{}
	for _, line := range bytes.Split(bytes.TrimSpace(data), []byte("\n")) {
		var payload struct {
			ResourceLogs []struct {
				ScopeLogs []struct {
					LogRecords []struct {
						Attributes []kv `json:"attributes"`
					} `json:"logRecords"`
				} `json:"scopeLogs"`
			} `json:"resourceLogs"`
		}
		if err := json.Unmarshal(line, &payload); err != nil {
			t.Fatal(err)
		}
		for _, rl := range payload.ResourceLogs {
			for _, sl := range rl.ScopeLogs {
				for _, lr := range sl.LogRecords {
					attrs := map[string]string{}
					for _, a := range lr.Attributes {
						for _, v := range a.Value {
							attrs[a.Key] = fmt.Sprint(v)
						}
					}
					hashes[attrs["security.integrity.seq"]] = attrs["security.integrity.hash"]
				}
			}
		}
	}
	return hashes
}
