package siemexporter

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"

	"go.opentelemetry.io/collector/consumer/consumererror"
	"go.opentelemetry.io/collector/exporter/exporterhelper"
)

// post sends one batch to an HTTP destination and returns the answer with its body (at most limit bytes read). A
// request that cannot be built is a permanent error; one that gets no answer is retried.
func post(ctx context.Context, client *http.Client, url string, body []byte, limit int64, headers map[string]string) (*http.Response, []byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return nil, nil, consumererror.NewPermanent(err)
	}
	for name, value := range headers {
		if value != "" {
			req.Header.Set(name, value)
		}
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, nil, fmt.Errorf("request to %s: %w", url, err)
	}
	defer resp.Body.Close()
	answer, err := io.ReadAll(io.LimitReader(resp.Body, limit))
	if err != nil {
		return nil, nil, fmt.Errorf("reading the answer of %s: %w", url, err)
	}
	return resp, answer, nil
}

// throttleOrRetry returns err for a retry, no sooner than the response's Retry-After (in seconds) when it has one.
func throttleOrRetry(resp *http.Response, err error) error {
	if seconds, convErr := strconv.Atoi(resp.Header.Get("Retry-After")); convErr == nil {
		return exporterhelper.NewThrottleRetry(err, time.Duration(seconds)*time.Second)
	}
	return err
}
