package siemcloudtest

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// envelope is an Application Insights telemetry item as the ingestion endpoint takes it.
type envelope struct {
	Name string `json:"name"`
	IKey string `json:"iKey"`
	Data struct {
		BaseType string `json:"baseType"`
		BaseData struct {
			Message       string            `json:"message"`
			SeverityLevel int               `json:"severityLevel"`
			Properties    map[string]string `json:"properties"`
		} `json:"baseData"`
	} `json:"data"`
}

// fakeIngestion is Application Insights' ingestion endpoint (POST /v2.1/track, gzip'd JSON lines): it decodes
// each item and answers that all were accepted.
func fakeIngestion(t *testing.T, items chan<- envelope) *httptest.Server {
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost || r.URL.Path != "/v2.1/track" {
			t.Errorf("%s %s", r.Method, r.URL.Path)
			w.WriteHeader(http.StatusNotFound)
			return
		}
		var body io.Reader = r.Body
		if r.Header.Get("Content-Encoding") == "gzip" {
			unzipped, err := gzip.NewReader(r.Body)
			if err != nil {
				t.Error(err)
				return
			}
			body = unzipped
		}
		count := 0
		scanner := bufio.NewScanner(body)
		scanner.Buffer(nil, 16<<20)
		for scanner.Scan() {
			var item envelope
			if err := json.Unmarshal(scanner.Bytes(), &item); err != nil {
				t.Errorf("%v: %s", err, scanner.Text())
				continue
			}
			items <- item
			count++
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"itemsReceived":%d,"itemsAccepted":%d,"errors":[]}`, count, count)
	}))
	t.Cleanup(server.Close)
	return server
}

// The shipped azure.yaml with a connection string naming a fake ingestion endpoint on loopback: the brute
// force arrives as message telemetry, the attributes (chain included) as properties.
func TestAzureMonitorReceivesTheRecords(t *testing.T) {
	items := make(chan envelope, 1000)
	server := fakeIngestion(t, items)
	const key = "00000000-0000-0000-0000-00000000a2e1"
	c := startCollector(t, "azure.yaml", "azure-loopback.yaml", map[string]string{
		"SECOTEL_AZURE_CONNECTION_STRING": "InstrumentationKey=" + key + ";IngestionEndpoint=" + server.URL + "/",
	})
	c.sendBruteForce(t)

	var failed, alerts []envelope
	timeout := time.After(60 * time.Second)
	for len(failed) < 12 || len(alerts) < 1 {
		select {
		case item := <-items:
			if item.IKey != key || item.Data.BaseType != "MessageData" {
				t.Errorf("item %+v", item)
			}
			switch properties := item.Data.BaseData.Properties; {
			case properties["security.reason"] == "bad_password":
				failed = append(failed, item)
			case properties["security_rule.name"] != "":
				alerts = append(alerts, item)
			}
		case <-timeout:
			t.Fatalf("%d failed logins and %d alerts arrived", len(failed), len(alerts))
		}
	}

	hashes := c.archivedHashes(t)
	for _, item := range failed {
		data := item.Data.BaseData
		if data.Properties["client.address"] != attacker || data.Properties["user.name"] != "alice" ||
			!strings.HasPrefix(data.Message, "login failed for alice") || data.SeverityLevel != 2 {
			t.Errorf("failed login as received: %+v", data)
		}
		if seq := data.Properties["security.integrity.seq"]; seq == "" || data.Properties["security.integrity.hash"] != hashes[seq] {
			t.Errorf("chain attributes %q / %q, archive has %q", seq, data.Properties["security.integrity.hash"], hashes[seq])
		}
	}
	if p := alerts[0].Data.BaseData.Properties; p["security_rule.name"] != "brute_force" || p["security.integrity.hash"] != hashes[p["security.integrity.seq"]] {
		t.Errorf("alert as received: %+v", alerts[0].Data.BaseData)
	}
}
