// Command otlpsink is a minimal OTLP/HTTP logs and traces receiver for secotel's tests. It decodes requests
// with the collector's own pdata codecs (protobuf and JSON, as a real collector would), answers like an OTLP
// server, and writes every request it accepted to stdout as one line of OTLP JSON, so tests can read exactly
// what arrived on the wire.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"sync"

	"go.opentelemetry.io/collector/pdata/plog/plogotlp"
	"go.opentelemetry.io/collector/pdata/ptrace/ptraceotlp"
)

const maxBody = 64 << 20

type sink struct {
	mu  sync.Mutex
	out *bufio.Writer
}

// received is one accepted request as written to stdout.
type received struct {
	Signal   string          `json:"signal"`
	Encoding string          `json:"encoding"`
	Request  json.RawMessage `json:"request"`
}

// codec is what the sink needs of one signal's export request.
type codec interface {
	UnmarshalProto([]byte) error
	UnmarshalJSON([]byte) error
	MarshalJSON() ([]byte, error)
}

// response is the export response the sink answers with.
type response interface {
	MarshalProto() ([]byte, error)
	MarshalJSON() ([]byte, error)
}

// signals are the OTLP paths served: a fresh request to decode into, and the response to answer with.
var signals = map[string]struct {
	name     string
	request  func() codec
	response func() response
}{
	"/v1/logs": {"logs", func() codec { r := plogotlp.NewExportRequest(); return &r }, func() response {
		return plogotlp.NewExportResponse()
	}},
	"/v1/traces": {"traces", func() codec { r := ptraceotlp.NewExportRequest(); return &r }, func() response {
		return ptraceotlp.NewExportResponse()
	}},
}

func (s *sink) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	signal, served := signals[r.URL.Path]
	if r.Method != http.MethodPost || !served {
		http.Error(w, "only POST /v1/logs and /v1/traces are served", http.StatusNotFound)
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBody))
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	req := signal.request()
	encoding := "json"
	switch r.Header.Get("Content-Type") {
	case "application/x-protobuf":
		encoding = "protobuf"
		err = req.UnmarshalProto(body)
	case "application/json":
		err = req.UnmarshalJSON(body)
	default:
		http.Error(w, "unsupported content type", http.StatusUnsupportedMediaType)
		return
	}
	if err != nil {
		http.Error(w, "undecodable OTLP request: "+err.Error(), http.StatusBadRequest)
		return
	}
	asJSON, err := req.MarshalJSON()
	if err == nil {
		err = s.write(received{Signal: signal.name, Encoding: encoding, Request: asJSON})
	}
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	respond(w, encoding, signal.response())
}

func (s *sink) write(line received) error {
	encoded, err := json.Marshal(line)
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, err := s.out.Write(append(encoded, '\n')); err != nil {
		return err
	}
	return s.out.Flush()
}

func respond(w http.ResponseWriter, encoding string, resp response) {
	var payload []byte
	var err error
	if encoding == "protobuf" {
		w.Header().Set("Content-Type", "application/x-protobuf")
		payload, err = resp.MarshalProto()
	} else {
		w.Header().Set("Content-Type", "application/json")
		payload, err = resp.MarshalJSON()
	}
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	_, _ = w.Write(payload)
}

func main() {
	addr := flag.String("listen", "127.0.0.1:0", "address to listen on (loopback only in tests)")
	flag.Parse()
	listener, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	// The first line tells the test where to send records.
	fmt.Printf("listening http://%s\n", listener.Addr())
	log.Fatal(http.Serve(listener, &sink{out: bufio.NewWriter(os.Stdout)}))
}
