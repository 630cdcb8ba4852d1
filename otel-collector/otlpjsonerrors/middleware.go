package otlpjsonerrors

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"mime"
	"net/http"
	"path"
	"strings"

	"go.opentelemetry.io/collector/component"
	"go.opentelemetry.io/collector/extension/extensionmiddleware"
	"go.opentelemetry.io/collector/pdata/plog"
	"go.opentelemetry.io/collector/pdata/pmetric"
	"go.opentelemetry.io/collector/pdata/ptrace"
)

// receiverFallback is what the OTLP/HTTP receiver (v0.161) answers, with status 500, when it cannot
// encode its error status: protobuf refuses a message that is not valid UTF-8, and pdata's JSON
// decoder puts the byte 0xff into its message for a negative number where an unsigned one belongs
// (e.g. "timeUnixNano": -5), and quotes raw request bytes around any error.
var receiverFallback = []byte(`{"code": 13, "message": "failed to marshal error message"}`)

// decoders are the receiver's JSON decoders, by the last element of the request path (/v1/logs, ...).
var decoders = map[string]func([]byte) error{
	"logs":    func(b []byte) error { _, err := (&plog.JSONUnmarshaler{}).UnmarshalLogs(b); return err },
	"metrics": func(b []byte) error { _, err := (&pmetric.JSONUnmarshaler{}).UnmarshalMetrics(b); return err },
	"traces":  func(b []byte) error { _, err := (&ptrace.JSONUnmarshaler{}).UnmarshalTraces(b); return err },
}

type middleware struct{}

var _ extensionmiddleware.HTTPServer = middleware{}

func (middleware) Start(context.Context, component.Host) error { return nil }
func (middleware) Shutdown(context.Context) error              { return nil }

// GetHTTPHandler wraps the receiver's handler. A JSON request's body is kept so that, when the
// receiver answers with its fallback 500, the body can be decoded again: if it does not decode, the
// client sent a bad request, and gets 400 with the decoder's message made valid UTF-8. Any other
// answer, a 500 from the pipeline included, passes unchanged.
func (middleware) GetHTTPHandler(context.Context) (extensionmiddleware.WrapHTTPHandlerFunc, error) {
	return func(_ context.Context, next http.Handler) (http.Handler, error) {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			decode := decoderFor(r)
			if decode == nil {
				next.ServeHTTP(w, r)
				return
			}
			body, err := io.ReadAll(r.Body)
			_ = r.Body.Close()
			// A read error (e.g. over max_request_body_size) reaches the receiver as it would have.
			r.Body = io.NopCloser(io.MultiReader(bytes.NewReader(body), errorReader{err}))
			held := &holdInternalError{ResponseWriter: w}
			next.ServeHTTP(held, r)
			if !held.held {
				return
			}
			if bytes.Equal(held.body.Bytes(), receiverFallback) && err == nil {
				if decodeErr := decode(body); decodeErr != nil {
					writeBadRequest(w, decodeErr)
					return
				}
			}
			w.WriteHeader(http.StatusInternalServerError)
			_, _ = w.Write(held.body.Bytes())
		}), nil
	}, nil
}

func decoderFor(r *http.Request) func([]byte) error {
	if r.Method != http.MethodPost {
		return nil
	}
	if media, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || media != "application/json" {
		return nil
	}
	return decoders[path.Base(r.URL.Path)]
}

// writeBadRequest answers as the receiver does for a request it can decode the error of: a
// google.rpc.Status in JSON with code 3 (InvalidArgument).
func writeBadRequest(w http.ResponseWriter, err error) {
	msg, _ := json.Marshal(struct {
		Code    int    `json:"code"`
		Message string `json:"message"`
	}{3, strings.ToValidUTF8(err.Error(), "\uFFFD")})
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusBadRequest)
	_, _ = w.Write(msg)
}

// holdInternalError passes every answer through except a 500, which it keeps until the handler has
// returned.
type holdInternalError struct {
	http.ResponseWriter
	held bool
	body bytes.Buffer
}

func (h *holdInternalError) WriteHeader(code int) {
	if code == http.StatusInternalServerError {
		h.held = true
		return
	}
	h.ResponseWriter.WriteHeader(code)
}

func (h *holdInternalError) Write(b []byte) (int, error) {
	if h.held {
		return h.body.Write(b)
	}
	return h.ResponseWriter.Write(b)
}

// errorReader returns err once the body's bytes are read (nil: a plain end of body).
type errorReader struct{ err error }

func (e errorReader) Read([]byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	return 0, io.EOF
}
