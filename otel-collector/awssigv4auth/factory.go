// Package awssigv4auth is an HTTP client authenticator that signs requests with AWS Signature Version 4. See
// README.md.
package awssigv4auth

import (
	"context"

	"go.opentelemetry.io/collector/component"
	"go.opentelemetry.io/collector/extension"

	"github.com/secotel/secotel/otel-collector/awssigv4auth/internal/metadata"
)

// NewFactory returns the factory of the awssigv4 extension.
func NewFactory() extension.Factory {
	return extension.NewFactory(metadata.Type, createDefaultConfig, create, metadata.ExtensionStability)
}

func createDefaultConfig() component.Config {
	return &Config{Service: "logs"}
}

func create(_ context.Context, _ extension.Settings, cfg component.Config) (extension.Extension, error) {
	return &signer{cfg: cfg.(*Config)}, nil
}
