package securityprocessor

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.opentelemetry.io/collector/component"
	"go.opentelemetry.io/collector/component/componenttest"
	"go.opentelemetry.io/collector/consumer/consumertest"
	"go.opentelemetry.io/collector/pipeline"
	"go.opentelemetry.io/collector/processor/processortest"

	"github.com/secotel/secotel/otel-collector/securityprocessor/internal/metadata"
)

func TestFactoryIdentity(t *testing.T) {
	f := NewFactory()
	assert.Equal(t, component.MustNewType("security"), f.Type())
	assert.Equal(t, component.StabilityLevelAlpha, f.LogsStability())
	require.NoError(t, componenttest.CheckConfigStruct(f.CreateDefaultConfig()))
}

func TestOnlyLogsAreSupported(t *testing.T) {
	f := NewFactory()
	set := processortest.NewNopSettings(metadata.Type)
	_, err := f.CreateTraces(context.Background(), set, f.CreateDefaultConfig(), consumertest.NewNop())
	assert.ErrorIs(t, err, pipeline.ErrSignalNotSupported)
	_, err = f.CreateMetrics(context.Background(), set, f.CreateDefaultConfig(), consumertest.NewNop())
	assert.ErrorIs(t, err, pipeline.ErrSignalNotSupported)
}

func TestIdleLifecycleEmitsNothing(t *testing.T) {
	sink := new(consumertest.LogsSink)
	f := NewFactory()
	proc, err := f.CreateLogs(context.Background(), processortest.NewNopSettings(metadata.Type), f.CreateDefaultConfig(), sink)
	require.NoError(t, err)
	assert.True(t, proc.Capabilities().MutatesData)
	require.NoError(t, proc.Start(context.Background(), componenttest.NewNopHost()))
	require.NoError(t, proc.Shutdown(context.Background()))
	assert.Zero(t, sink.LogRecordCount(), "no stream saw a record, so there is no checkpoint to write")
}
