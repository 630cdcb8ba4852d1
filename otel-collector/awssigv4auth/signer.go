package awssigv4auth

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	awsconfig "github.com/aws/aws-sdk-go-v2/config"
	"go.opentelemetry.io/collector/component"
	"go.opentelemetry.io/collector/extension/extensionauth"
)

// signer signs each request of the HTTP clients that name it (confighttp's auth.authenticator). confighttp puts
// the authenticator after compression, so the signature covers the body as sent.
type signer struct {
	cfg         *Config
	credentials aws.CredentialsProvider
}

var _ extensionauth.HTTPClient = (*signer)(nil)

// Start loads the credentials chain once; the provider caches and refreshes what it finds.
func (s *signer) Start(ctx context.Context, _ component.Host) error {
	loaded, err := awsconfig.LoadDefaultConfig(ctx, awsconfig.WithRegion(s.cfg.Region))
	if err != nil {
		return fmt.Errorf("loading AWS credentials: %w", err)
	}
	s.credentials = loaded.Credentials
	return nil
}

func (*signer) Shutdown(context.Context) error { return nil }

func (s *signer) RoundTripper(base http.RoundTripper) (http.RoundTripper, error) {
	return &signingRoundTripper{signer: s, base: base, v4: v4.NewSigner()}, nil
}

type signingRoundTripper struct {
	signer *signer
	base   http.RoundTripper
	v4     *v4.Signer
}

// RoundTrip signs a copy of the request: the body is read once to hash it and given to the copy again.
func (rt *signingRoundTripper) RoundTrip(req *http.Request) (*http.Response, error) {
	var body []byte
	if req.Body != nil {
		read, err := io.ReadAll(req.Body)
		req.Body.Close()
		if err != nil {
			return nil, fmt.Errorf("reading the request body to sign it: %w", err)
		}
		body = read
	}
	signed := req.Clone(req.Context())
	signed.Body = io.NopCloser(bytes.NewReader(body))
	signed.ContentLength = int64(len(body))
	signed.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(body)), nil }

	credentials, err := rt.signer.credentials.Retrieve(req.Context())
	if err != nil {
		return nil, fmt.Errorf("retrieving AWS credentials: %w", err)
	}
	hash := sha256.Sum256(body)
	if err := rt.v4.SignHTTP(req.Context(), credentials, signed, hex.EncodeToString(hash[:]),
		rt.signer.cfg.Service, rt.signer.cfg.Region, time.Now()); err != nil {
		return nil, fmt.Errorf("signing the request: %w", err)
	}
	return rt.base.RoundTrip(signed)
}
