// Tests of the shipped Google Cloud Logging and Azure Monitor configs (../config/siem/google.yaml, azure.yaml):
// the built otelcol-secotel sends to a fake of each service on loopback, which decodes the requests.
module github.com/secotel/secotel/otel-collector/siemcloudtest

go 1.26.0

require (
	cloud.google.com/go/logging v1.18.0
	google.golang.org/grpc v1.83.2
)

require (
	cloud.google.com/go/longrunning v0.9.0 // indirect
	golang.org/x/net v0.58.0 // indirect
	golang.org/x/sys v0.47.0 // indirect
	golang.org/x/text v0.41.0 // indirect
	google.golang.org/genproto v0.0.0-20260319201613-d00831a3d3e7 // indirect
	google.golang.org/genproto/googleapis/api v0.0.0-20260526163538-3dc84a4a5aaa // indirect
	google.golang.org/genproto/googleapis/rpc v0.0.0-20260526163538-3dc84a4a5aaa // indirect
	google.golang.org/protobuf v1.36.11 // indirect
)
