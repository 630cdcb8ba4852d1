package mapping

import (
	"regexp"
	"sort"
	"strings"

	"go.opentelemetry.io/collector/pdata/pcommon"
)

// pair is one key=value of a CEF extension or a LEEF attribute list, before escaping.
type pair struct{ key, value string }

var unsafeKeyChars = regexp.MustCompile(`[^A-Za-z0-9._-]`)

// linePairs returns the mapped attributes in the spec's order, then the kept ones sorted by key. A kept key
// loses characters a key cannot hold and, without a dot, takes the "attributes." prefix so that it cannot stand
// in for one of the format's own keys. taken holds the keys the encoder writes itself; a mapped attribute never
// replaces them.
func linePairs(attrs []attribute, taken map[string]bool) (mapped, kept []pair) {
	ordered := append([]attribute(nil), attrs...)
	sort.SliceStable(ordered, func(i, j int) bool { return ordered[i].rank < ordered[j].rank })
	for _, a := range ordered {
		if a.mapped != "" && !taken[a.mapped] {
			taken[a.mapped] = true
			mapped = append(mapped, pair{a.mapped, a.value.AsString()})
		}
	}
	seen := map[string]bool{}
	for _, a := range attrs {
		if a.mapped != "" {
			continue
		}
		key := keptKey(unsafeKeyChars.ReplaceAllString(a.key, "_"), dotlessReserved)
		if !seen[key] {
			seen[key] = true
			kept = append(kept, pair{key, a.value.AsString()})
		}
	}
	sort.SliceStable(kept, func(i, j int) bool { return kept[i].key < kept[j].key })
	return mapped, kept
}

// headerEscaper escapes a CEF or LEEF header field: backslash and pipe get a backslash; a line break, which a
// header cannot hold, becomes a space.
var headerEscaper = strings.NewReplacer(`\`, `\\`, `|`, `\|`, "\r\n", " ", "\n", " ", "\r", " ")

func bodyText(body pcommon.Value) string {
	if body.Type() == pcommon.ValueTypeEmpty {
		return ""
	}
	return body.AsString()
}
