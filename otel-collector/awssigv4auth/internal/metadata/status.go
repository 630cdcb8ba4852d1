// Package metadata holds the component's identity, in the shape mdatagen generates from
// ../../metadata.yaml (written by hand, as for the security processor: mdatagen v0.161.0 cannot be
// installed through the module proxy).
package metadata

import "go.opentelemetry.io/collector/component"

var Type = component.MustNewType("awssigv4")

const ExtensionStability = component.StabilityLevelDevelopment
