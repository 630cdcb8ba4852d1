package siemexporter

import (
	"context"
	"testing"

	"github.com/open-telemetry/opentelemetry-collector-contrib/extension/storage/filestorage"
	"go.opentelemetry.io/collector/component"
	"go.opentelemetry.io/collector/config/configoptional"
	"go.opentelemetry.io/collector/exporter/exportertest"
	"go.opentelemetry.io/collector/extension/extensiontest"

	"github.com/secotel/secotel/otel-collector/siemexporter/internal/metadata"
)

// hostWith is a collector host that offers the given extensions to the exporter.
type hostWith map[component.ID]component.Component

func (h hostWith) GetExtensions() map[component.ID]component.Component { return h }

// Records accepted while the SIEM is unreachable wait in the file_storage queue across a collector restart and
// arrive once it is back.
func TestPersistentQueueDeliversAfterRestart(t *testing.T) {
	storageDir := t.TempDir()
	vlAddr := freeAddr(t)
	storageID := component.MustNewID("file_storage")

	run := func(consume bool) {
		storageFactory := filestorage.NewFactory()
		storageCfg := storageFactory.CreateDefaultConfig().(*filestorage.Config)
		storageCfg.Directory = storageDir
		storage, err := storageFactory.Create(context.Background(), extensiontest.NewNopSettings(storageFactory.Type()), storageCfg)
		if err != nil {
			t.Fatal(err)
		}
		host := hostWith{storageID: storage}
		if err := storage.Start(context.Background(), host); err != nil {
			t.Fatal(err)
		}
		defer func() {
			if err := storage.Shutdown(context.Background()); err != nil {
				t.Error(err)
			}
		}()

		cfg := createDefaultConfig().(*Config)
		cfg.Elasticsearch.GetOrInsertDefault().ClientConfig.Endpoint = "http://" + vlAddr + "/insert/elasticsearch"
		cfg.Elasticsearch.GetOrInsertDefault().ClientConfig.TLS.Insecure = true
		queue := cfg.QueueConfig.Get()
		queue.StorageID = &storageID
		cfg.QueueConfig = configoptional.Some(*queue)
		settings := exportertest.NewNopSettings(metadata.Type)
		settings.ID = component.NewIDWithName(metadata.Type, "elastic")
		exp, err := NewFactory().CreateLogs(context.Background(), settings, cfg)
		if err != nil {
			t.Fatal(err)
		}
		if err := exp.Start(context.Background(), host); err != nil {
			t.Fatal(err)
		}
		if consume {
			if err := exp.ConsumeLogs(context.Background(), securityLogs(t)); err != nil {
				t.Fatalf("the queue must accept records while the SIEM is down: %v", err)
			}
		} else {
			// Back up: the queue hands its records to the SIEM; query waits until they are searchable.
			query(t, "http://"+vlAddr, `event.action:authn_login_fail`, 2)
		}
		if err := exp.Shutdown(context.Background()); err != nil {
			t.Fatal(err)
		}
	}

	run(true) // nothing listens on vlAddr
	startVictoriaLogsAt(t, vlAddr)
	run(false)
}
