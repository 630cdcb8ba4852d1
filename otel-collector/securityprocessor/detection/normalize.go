package detection

import (
	"errors"
	"fmt"
	"net/netip"
	"strings"
	"unicode"

	"go.opentelemetry.io/collector/pdata/pcommon"
	"golang.org/x/text/unicode/norm"

	"github.com/secotel/secotel/otel-collector/securityprocessor/internal/securityevents"
)

// Normalization says which attributes are addresses and which are accounts, so that spellings of
// one source or one account count as one key. It applies to group-by keys and value_count fields
// only; records keep their attributes as they came.
type Normalization struct {
	// Addresses are compared as IP addresses: port, brackets and zone dropped, IPv4-mapped IPv6
	// as IPv4, IPv6 grouped by IPv6Prefix.
	Addresses []string `mapstructure:"addresses"`
	// Accounts are compared after NFKC, lower-casing, removing invisible format characters and
	// trimming white space.
	Accounts []string `mapstructure:"accounts"`
	// IPv6Prefix is the prefix length that groups IPv6 sources: one host usually owns a /64.
	IPv6Prefix int `mapstructure:"ipv6_prefix"`
}

// DefaultNormalization is used when the configuration does not set normalize.
func DefaultNormalization() Normalization {
	return Normalization{
		Addresses:  []string{securityevents.AttrClientAddress, "source.address"},
		Accounts:   []string{securityevents.AttrUserName, "user.email"},
		IPv6Prefix: 64,
	}
}

// Validate reports the first problem as "field: problem, e.g. valid example".
func (n *Normalization) Validate() error {
	if n.IPv6Prefix < 1 || n.IPv6Prefix > 128 {
		return fmt.Errorf("ipv6_prefix: %d must be between 1 and 128, e.g. ipv6_prefix: 64", n.IPv6Prefix)
	}
	for i, a := range n.Addresses {
		if a == "" {
			return fmt.Errorf("addresses[%d]: must not be empty, e.g. addresses: [client.address]", i)
		}
	}
	for i, a := range n.Accounts {
		if a == "" {
			return fmt.Errorf("accounts[%d]: must not be empty, e.g. accounts: [user.name]", i)
		}
		if contains(n.Addresses, a) {
			return errors.New("accounts: " + a + " is also listed in addresses; an attribute is one or the other, e.g. accounts: [user.name]")
		}
	}
	return nil
}

// keyKind is how one attribute's values are compared.
type keyKind uint8

const (
	asIs keyKind = iota
	asAddress
	asAccount
)

func (n *Normalization) kindOf(attr string) keyKind {
	switch {
	case contains(n.Addresses, attr):
		return asAddress
	case contains(n.Accounts, attr):
		return asAccount
	default:
		return asIs
	}
}

// normalized is the value as rules compare it.
func normalized(v pcommon.Value, kind keyKind, ipv6Prefix int) string {
	s := stringOf(v)
	switch kind {
	case asAddress:
		return normalizeAddress(s, ipv6Prefix)
	case asAccount:
		return normalizeAccount(s)
	default:
		return s
	}
}

// stringOf avoids AsString's copy for the usual string value.
func stringOf(v pcommon.Value) string {
	if v.Type() == pcommon.ValueTypeStr {
		return v.Str()
	}
	return v.AsString()
}

// normalizeAddress maps every spelling of one IP address to one string: 203.0.113.6,
// ::ffff:203.0.113.6, 203.0.113.6:5555 and [::ffff:203.0.113.6]:443 give 203.0.113.6;
// [2001:db8::1]:443 and fe80::1%eth0 lose port and zone, and IPv6 addresses become their prefix
// (2001:db8::/64). Anything else (a host name) is trimmed and lower-cased, less a :port.
func normalizeAddress(s string, ipv6Prefix int) string {
	if plainIPv4(s) {
		return s
	}
	s = strings.TrimSpace(unescapeControls(s))
	addr, ok := parseHost(s)
	if !ok {
		return strings.ToLower(stripPort(s))
	}
	addr = addr.WithZone("").Unmap()
	if addr.Is4() || ipv6Prefix >= 128 {
		return addr.String()
	}
	p, _ := addr.Prefix(ipv6Prefix)
	return p.String()
}

// plainIPv4 is the common case, checked by hand because it is: four decimal parts of 0-255
// without leading zeros, already the canonical form.
func plainIPv4(s string) bool {
	parts, value, digits := 0, 0, 0
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == '.' {
			if digits == 0 || value > 255 || digits > 1 && s[i-digits] == '0' {
				return false
			}
			parts, value, digits = parts+1, 0, 0
			continue
		}
		c := s[i]
		if c < '0' || c > '9' || digits == 3 {
			return false
		}
		value, digits = value*10+int(c-'0'), digits+1
	}
	return parts == 4
}

// parseHost reads an address with or without brackets, port and zone.
func parseHost(s string) (netip.Addr, bool) {
	if a, err := netip.ParseAddr(s); err == nil {
		return a, true
	}
	if ap, err := netip.ParseAddrPort(s); err == nil {
		return ap.Addr(), true
	}
	if strings.HasPrefix(s, "[") { // [addr] or [addr%zone] without a port
		if end := strings.IndexByte(s, ']'); end > 0 {
			if a, err := netip.ParseAddr(s[1:end]); err == nil {
				return a, true
			}
		}
	}
	return netip.Addr{}, false
}

// stripPort drops a trailing :digits from a host name (one colon only: not an IPv6 address).
func stripPort(s string) string {
	i := strings.LastIndexByte(s, ':')
	if i < 0 || strings.IndexByte(s, ':') != i || i == len(s)-1 {
		return s
	}
	for _, c := range s[i+1:] {
		if c < '0' || c > '9' {
			return s
		}
	}
	return s[:i]
}

// normalizeAccount maps spellings of one account name to one string: compatibility forms
// (full-width letters, ligatures, non-breaking and ideographic spaces) to their plain form
// (NFKC), upper to lower case, invisible format characters (zero-width space and joiners,
// soft hyphen, byte order mark) removed, white space trimmed.
func normalizeAccount(s string) string {
	if plainAccount(s) {
		return s
	}
	s = norm.NFKC.String(unescapeControls(s))
	s = strings.Map(func(r rune) rune {
		if unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Cc, r) && !unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
	return strings.ToLower(strings.TrimSpace(s))
}

// unescapeControls undoes the redactor's neutralisation of control characters (spec/redaction.md:
// TAB becomes the two characters \t, other controls \n, \r or \u and four hex digits), which runs
// before detection: "alice\t" is then "alice" followed by a TAB, trimmed like any white space.
func unescapeControls(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 == len(s) {
			b.WriteByte(s[i])
			continue
		}
		switch s[i+1] {
		case 't':
			b.WriteByte('\t')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 'u':
			if r, ok := hex4(s[i+2:]); ok {
				b.WriteRune(r)
				i += 4
			} else {
				b.WriteByte(s[i])
				continue
			}
		default:
			b.WriteByte(s[i])
			continue
		}
		i++
	}
	return b.String()
}

func hex4(s string) (rune, bool) {
	if len(s) < 4 {
		return 0, false
	}
	var r rune
	for _, c := range s[:4] {
		switch {
		case '0' <= c && c <= '9':
			r = r<<4 | (c - '0')
		case 'a' <= c && c <= 'f':
			r = r<<4 | (c - 'a' + 10)
		default:
			return 0, false
		}
	}
	return r, true
}

// plainAccount is the common case that normalisation leaves unchanged.
func plainAccount(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '.' || c == '_' || c == '-' || c == '@' || c == '+') {
			return false
		}
	}
	return true
}
