package siemcloudtest

import (
	"bytes"
	"compress/gzip"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"go.opentelemetry.io/collector/pdata/plog"
	"go.opentelemetry.io/collector/pdata/plog/plogotlp"
)

const (
	awsAccessKey = "AKIDSECOTELTEST00001"
	awsSecret    = "secotel-test-secret-key"
	awsRegion    = "eu-west-1"
	awsLogGroup  = "/secotel/security"
)

// verifySigV4 checks a request's AWS Signature Version 4 (Authorization header form) as the service does,
// written from the algorithm's description: canonical request, string to sign, signing key derived from the
// secret, date, region and service. It also requires the log group header and the host to be signed, and the
// signature to be at most 15 minutes old.
func verifySigV4(r *http.Request, body []byte, secret, region, service string) error {
	const algorithm = "AWS4-HMAC-SHA256"
	auth, ok := strings.CutPrefix(r.Header.Get("Authorization"), algorithm+" ")
	if !ok {
		return fmt.Errorf("Authorization %q is not %s", r.Header.Get("Authorization"), algorithm)
	}
	parts := map[string]string{}
	for _, part := range strings.Split(auth, ",") {
		key, value, _ := strings.Cut(strings.TrimSpace(part), "=")
		parts[key] = value
	}
	credential := strings.Split(parts["Credential"], "/")
	if len(credential) != 5 || credential[2] != region || credential[3] != service || credential[4] != "aws4_request" {
		return fmt.Errorf("credential scope %q, want <key>/<date>/%s/%s/aws4_request", parts["Credential"], region, service)
	}
	amzDate := r.Header.Get("X-Amz-Date")
	signedAt, err := time.Parse("20060102T150405Z", amzDate)
	if err != nil || !strings.HasPrefix(amzDate, credential[1]) || time.Since(signedAt).Abs() > 15*time.Minute {
		return fmt.Errorf("X-Amz-Date %q does not match the scope's date %s or is not recent", amzDate, credential[1])
	}
	signedHeaders := strings.Split(parts["SignedHeaders"], ";")
	for _, required := range []string{"host", "x-amz-date", "x-aws-log-group"} {
		if !contains(signedHeaders, required) {
			return fmt.Errorf("header %s is not signed (%s)", required, parts["SignedHeaders"])
		}
	}
	var headers strings.Builder
	for _, name := range signedHeaders {
		var value string
		switch name {
		case "host":
			value = r.Host
		case "content-length":
			value = strconv.FormatInt(r.ContentLength, 10)
		default:
			value = strings.Join(r.Header.Values(name), ",")
		}
		headers.WriteString(name + ":" + strings.Join(strings.Fields(value), " ") + "\n")
	}
	payloadHash := sha256Hex(body)
	canonicalRequest := strings.Join([]string{
		r.Method, r.URL.EscapedPath(), canonicalQuery(r.URL.Query()), headers.String(), parts["SignedHeaders"], payloadHash,
	}, "\n")
	stringToSign := strings.Join([]string{algorithm, amzDate, strings.Join(credential[1:], "/"), sha256Hex([]byte(canonicalRequest))}, "\n")
	key := []byte("AWS4" + secret)
	for _, step := range []string{credential[1], region, service, "aws4_request"} {
		key = hmacSHA256(key, step)
	}
	if want := hex.EncodeToString(hmacSHA256(key, stringToSign)); !hmac.Equal([]byte(want), []byte(parts["Signature"])) {
		return fmt.Errorf("signature does not match the request")
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, item := range list {
		if item == s {
			return true
		}
	}
	return false
}

func canonicalQuery(query url.Values) string {
	var pairs []string
	for key, values := range query {
		for _, value := range values {
			pairs = append(pairs, url.QueryEscape(key)+"="+url.QueryEscape(value))
		}
	}
	sort.Strings(pairs)
	return strings.Join(pairs, "&")
}

func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

func hmacSHA256(key []byte, data string) []byte {
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(data))
	return mac.Sum(nil)
}

// received is one request the fake CloudWatch endpoint took.
type received struct {
	req  *http.Request
	body []byte
	logs plog.Logs
}

// fakeCloudWatch takes OTLP/HTTP protobuf logs as CloudWatch's OTLP endpoint does: a request must carry a
// valid SigV4 signature (with the test's secret) and the log group and stream headers, or it gets 403 / 400.
func fakeCloudWatch(t *testing.T, requests chan<- received) *httptest.Server {
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if err := verifySigV4(r, body, awsSecret, awsRegion, "logs"); err != nil {
			t.Errorf("request refused: %v", err)
			http.Error(w, err.Error(), http.StatusForbidden)
			return
		}
		if r.URL.Path != "/v1/logs" || r.Header.Get("x-aws-log-group") != awsLogGroup || r.Header.Get("x-aws-log-stream") == "" {
			http.Error(w, "log group and stream headers are required", http.StatusBadRequest)
			return
		}
		decoded := body
		if r.Header.Get("Content-Encoding") == "gzip" {
			reader, err := gzip.NewReader(bytes.NewReader(body))
			if err == nil {
				decoded, err = io.ReadAll(reader)
			}
			if err != nil {
				http.Error(w, err.Error(), http.StatusBadRequest)
				return
			}
		}
		request := plogotlp.NewExportRequest()
		if err := request.UnmarshalProto(decoded); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		requests <- received{req: r, body: body, logs: request.Logs()}
		w.Header().Set("Content-Type", "application/x-protobuf")
		answer, _ := plogotlp.NewExportResponse().MarshalProto()
		_, _ = w.Write(answer)
	}))
	t.Cleanup(server.Close)
	return server
}

// The shipped aws.yaml, pointed at a fake CloudWatch OTLP endpoint on loopback that checks each request's SigV4
// signature: the brute force arrives signed, gzip'd, with its log group, and with the chain attributes.
func TestCloudWatchOTLPReceivesSignedRecords(t *testing.T) {
	requests := make(chan received, 100)
	server := fakeCloudWatch(t, requests)
	c := startCollector(t, "aws.yaml", "aws-loopback.yaml", map[string]string{
		"FAKE_CLOUDWATCH_URL":         server.URL,
		"SECOTEL_AWS_REGION":          awsRegion,
		"SECOTEL_AWS_LOG_GROUP":       awsLogGroup,
		"AWS_ACCESS_KEY_ID":           awsAccessKey,
		"AWS_SECRET_ACCESS_KEY":       awsSecret,
		"AWS_CONFIG_FILE":             "/nonexistent",
		"AWS_SHARED_CREDENTIALS_FILE": "/nonexistent",
		"AWS_EC2_METADATA_DISABLED":   "true",
	})
	c.sendBruteForce(t)

	var failed, alerts []plog.LogRecord
	var first received
	timeout := time.After(60 * time.Second)
	for len(failed) < 12 || len(alerts) < 1 {
		select {
		case got := <-requests:
			if first.req == nil {
				first = got
			}
			for _, rl := range got.logs.ResourceLogs().All() {
				for _, sl := range rl.ScopeLogs().All() {
					for _, lr := range sl.LogRecords().All() {
						switch lr.EventName() {
						case "security.authn_login_fail":
							failed = append(failed, lr)
						case "security.alert":
							alerts = append(alerts, lr)
						}
					}
				}
			}
		case <-timeout:
			t.Fatalf("%d failed logins and %d alerts arrived", len(failed), len(alerts))
		}
	}
	if first.req.Header.Get("Content-Encoding") != "gzip" || !strings.Contains(first.req.Header.Get("Authorization"), "Credential="+awsAccessKey+"/") {
		t.Errorf("request headers %v", first.req.Header)
	}

	hashes := c.archivedHashes(t)
	for _, lr := range append(failed, alerts...) {
		seq, _ := lr.Attributes().Get("security.integrity.seq")
		hash, _ := lr.Attributes().Get("security.integrity.hash")
		if hash.Str() == "" || hash.Str() != hashes[seq.AsString()] {
			t.Errorf("chain attributes seq %s hash %q, archive has %q", seq.AsString(), hash.Str(), hashes[seq.AsString()])
		}
	}
	if rule, _ := alerts[0].Attributes().Get("security_rule.name"); rule.Str() != "brute_force" {
		t.Errorf("alert rule %q", rule.Str())
	}

	// The verifier is not a formality: the same request with its body, log group or key changed is refused.
	tampered := append(bytes.Clone(first.body), 0)
	if err := verifySigV4(first.req, tampered, awsSecret, awsRegion, "logs"); err == nil {
		t.Error("a changed body passed the signature check")
	}
	moved := first.req.Clone(first.req.Context())
	moved.Header.Set("x-aws-log-group", "/someone/else")
	if err := verifySigV4(moved, first.body, awsSecret, awsRegion, "logs"); err == nil {
		t.Error("a changed log group passed the signature check")
	}
	if err := verifySigV4(first.req, first.body, "another-secret", awsRegion, "logs"); err == nil {
		t.Error("a signature made with another key passed the check")
	}
}
