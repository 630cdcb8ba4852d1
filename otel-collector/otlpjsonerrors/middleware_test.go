package otlpjsonerrors

import (
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.opentelemetry.io/collector/component"
	"go.opentelemetry.io/collector/confmap"
	"go.opentelemetry.io/collector/consumer"
	"go.opentelemetry.io/collector/consumer/consumererror"
	"go.opentelemetry.io/collector/consumer/consumertest"
	"go.opentelemetry.io/collector/extension/extensiontest"
	"go.opentelemetry.io/collector/receiver/otlpreceiver"
	"go.opentelemetry.io/collector/receiver/receivertest"
)

type host map[component.ID]component.Component

func (h host) GetExtensions() map[component.ID]component.Component { return h }

// startReceiver runs the real OTLP receiver on a free loopback port with or without the middleware,
// sending logs to next, and returns its /v1/logs URL.
func startReceiver(t *testing.T, withMiddleware bool, next consumer.Logs) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := l.Addr().String()
	require.NoError(t, l.Close())

	httpConf := map[string]any{"endpoint": addr}
	extensions := host{}
	if withMiddleware {
		id := component.NewID(NewFactory().Type())
		ext, err := NewFactory().Create(context.Background(), extensiontest.NewNopSettings(NewFactory().Type()), NewFactory().CreateDefaultConfig())
		require.NoError(t, err)
		extensions[id] = ext
		httpConf["middlewares"] = []any{map[string]any{"id": id.String()}}
	}
	factory := otlpreceiver.NewFactory()
	cfg := factory.CreateDefaultConfig()
	require.NoError(t, confmap.NewFromStringMap(map[string]any{"protocols": map[string]any{"http": httpConf}}).Unmarshal(cfg))
	rcv, err := factory.CreateLogs(context.Background(), receivertest.NewNopSettings(factory.Type()), cfg, next)
	require.NoError(t, err)
	require.NoError(t, rcv.Start(context.Background(), extensions))
	t.Cleanup(func() { require.NoError(t, rcv.Shutdown(context.Background())) })
	return "http://" + addr + "/v1/logs"
}

func post(t *testing.T, url, body string) (int, string) {
	t.Helper()
	resp, err := http.Post(url, "application/json", strings.NewReader(body))
	require.NoError(t, err)
	defer resp.Body.Close()
	text, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, string(text)
}

const negativeTime = `{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"timeUnixNano":-5,"body":{"stringValue":"x"}}]}]}]}`

func TestReceiverAloneAnswers500ForANegativeTimestamp(t *testing.T) {
	// The behaviour the middleware exists for; if an upgrade fixes it, the middleware can go.
	code, body := post(t, startReceiver(t, false, new(consumertest.LogsSink)), negativeTime)
	assert.Equal(t, http.StatusInternalServerError, code)
	assert.Equal(t, string(receiverFallback), body)
}

func TestUndecodableJSONIsABadRequest(t *testing.T) {
	sink := new(consumertest.LogsSink)
	url := startReceiver(t, true, sink)
	for name, body := range map[string]string{
		"negative time":               negativeTime,
		"negative observed time":      strings.Replace(negativeTime, "timeUnixNano", "observedTimeUnixNano", 1),
		"negative dropped count":      strings.Replace(negativeTime, `"timeUnixNano":-5`, `"droppedAttributesCount":-1`, 1),
		"invalid UTF-8 near an error": `{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"body":{"stringValue":"` + "\xff\xfe" + `"},"timeUnixNano":-1}]}]}]}`,
		"huge time":                   strings.Replace(negativeTime, "-5", "184467440737095516150", 1),
	} {
		code, answer := post(t, url, body)
		assert.Equal(t, http.StatusBadRequest, code, name)
		var status struct {
			Code    int    `json:"code"`
			Message string `json:"message"`
		}
		require.NoError(t, json.Unmarshal([]byte(answer), &status), name)
		assert.Equal(t, 3, status.Code, name)
		assert.True(t, utf8.ValidString(status.Message), name)
		assert.NotEmpty(t, status.Message, name)
	}
	assert.Zero(t, sink.LogRecordCount())

	code, _ := post(t, url, strings.Replace(negativeTime, "-5", "5", 1))
	assert.Equal(t, http.StatusOK, code, "a valid request passes")
	assert.Equal(t, 1, sink.LogRecordCount())
}

func TestPipelineErrorsPassUnchanged(t *testing.T) {
	// A request that decodes keeps the receiver's own answer, also its fallback 500 for a pipeline
	// error it cannot encode: that is not the client's fault.
	valid := strings.Replace(negativeTime, "-5", "5", 1)
	for _, err := range []error{consumererror.NewPermanent(assert.AnError), assert.AnError, errorString("broken \xff")} {
		bare, bareBody := post(t, startReceiver(t, false, consumertest.NewErr(err)), valid)
		code, body := post(t, startReceiver(t, true, consumertest.NewErr(err)), valid)
		assert.Equal(t, bare, code, err.Error())
		assert.Equal(t, bareBody, body, err.Error())
	}
}

type errorString string

func (e errorString) Error() string { return string(e) }
