// Command gen writes rules_generated.go from spec/redaction-rules.yaml. Run it through `go generate ./redaction/`
// (the working directory is then the redaction package).
package main

import (
	"fmt"
	"os"

	"github.com/secotel/secotel/otel-collector/securityprocessor/redaction/internal/rulegen"
)

func main() {
	in, out := "../../../spec/redaction-rules.yaml", "rules_generated.go"
	if len(os.Args) == 3 {
		in, out = os.Args[1], os.Args[2]
	}
	text, err := os.ReadFile(in)
	if err == nil {
		var src []byte
		if src, err = rulegen.Render(text); err == nil {
			err = os.WriteFile(out, src, 0o644)
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}
