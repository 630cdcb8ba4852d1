package mapping

import (
	"bytes"
	"go/format"
	"os"
	"testing"
)

// The generator writes gofmt's layout itself (scripts/siem-mapping/render-go.mjs); this holds it to that, since
// the drift test only compares the file with the generator's output.
func TestGeneratedTablesAreGofmtFormatted(t *testing.T) {
	src, err := os.ReadFile("spec_generated.go")
	if err != nil {
		t.Fatal(err)
	}
	formatted, err := format.Source(src)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(src, formatted) {
		t.Error("spec_generated.go is not gofmt-formatted: fix scripts/siem-mapping/render-go.mjs and regenerate")
	}
}
