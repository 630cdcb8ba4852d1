package siemexporter

import (
	"net/http"
	"strconv"
	"time"

	"go.opentelemetry.io/collector/exporter/exporterhelper"
)

// throttleOrRetry returns err for a retry, no sooner than the response's Retry-After (in seconds) when it has one.
func throttleOrRetry(resp *http.Response, err error) error {
	if seconds, convErr := strconv.Atoi(resp.Header.Get("Retry-After")); convErr == nil {
		return exporterhelper.NewThrottleRetry(err, time.Duration(seconds)*time.Second)
	}
	return err
}
