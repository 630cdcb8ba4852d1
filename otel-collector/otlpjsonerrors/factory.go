// Package otlpjsonerrors is an HTTP server middleware extension for the OTLP receiver: a JSON request
// that does not decode is answered 400 Bad Request, never 500. See README.md.
package otlpjsonerrors

import (
	"context"

	"go.opentelemetry.io/collector/component"
	"go.opentelemetry.io/collector/extension"

	"github.com/secotel/secotel/otel-collector/otlpjsonerrors/internal/metadata"
)

// NewFactory returns the factory of the otlp_json_errors extension.
func NewFactory() extension.Factory {
	return extension.NewFactory(metadata.Type, func() component.Config { return &Config{} }, create, metadata.ExtensionStability)
}

func create(context.Context, extension.Settings, component.Config) (extension.Extension, error) {
	return middleware{}, nil
}
