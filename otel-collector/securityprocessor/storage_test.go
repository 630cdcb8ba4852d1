package securityprocessor

import (
	"context"
	"sync"

	"go.opentelemetry.io/collector/component"
	"go.opentelemetry.io/collector/extension/xextension/storage"
)

// memoryStorage is a storage extension whose data outlives the clients, like file_storage's
// files outlive a collector process.
type memoryStorage struct {
	mu   sync.Mutex
	data map[string][]byte
}

func (m *memoryStorage) Start(context.Context, component.Host) error { return nil }
func (m *memoryStorage) Shutdown(context.Context) error              { return nil }

func (m *memoryStorage) GetClient(context.Context, component.Kind, component.ID, string) (storage.Client, error) {
	return memoryClient{m}, nil
}

type memoryClient struct{ m *memoryStorage }

func (c memoryClient) Get(_ context.Context, key string) ([]byte, error) {
	c.m.mu.Lock()
	defer c.m.mu.Unlock()
	return c.m.data[key], nil
}

func (c memoryClient) Set(_ context.Context, key string, value []byte) error {
	c.m.mu.Lock()
	defer c.m.mu.Unlock()
	c.m.data[key] = value
	return nil
}

func (c memoryClient) Delete(_ context.Context, key string) error {
	c.m.mu.Lock()
	defer c.m.mu.Unlock()
	delete(c.m.data, key)
	return nil
}

func (c memoryClient) Batch(ctx context.Context, ops ...*storage.Operation) error {
	for _, op := range ops {
		switch op.Type {
		case storage.Set:
			_ = c.Set(ctx, op.Key, op.Value)
		case storage.Get:
			op.Value, _ = c.Get(ctx, op.Key)
		case storage.Delete:
			_ = c.Delete(ctx, op.Key)
		}
	}
	return nil
}

func (c memoryClient) Close(context.Context) error { return nil }

// hostWith is a host offering the given extensions.
type hostWith map[component.ID]component.Component

func (h hostWith) GetExtensions() map[component.ID]component.Component { return h }

// notStorage is an extension that offers no storage.
type notStorage struct{}

func (notStorage) Start(context.Context, component.Host) error { return nil }
func (notStorage) Shutdown(context.Context) error              { return nil }
