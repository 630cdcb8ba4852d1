package detection

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAddressSpellingsNormalizeToOne(t *testing.T) {
	for in, want := range map[string]string{
		"203.0.113.6":                 "203.0.113.6",
		" 203.0.113.6 ":               "203.0.113.6",
		"::ffff:203.0.113.6":          "203.0.113.6",
		"::FFFF:cb00:7106":            "203.0.113.6",
		"203.0.113.6:5555":            "203.0.113.6",
		"[::ffff:203.0.113.6]:443":    "203.0.113.6",
		"[::ffff:203.0.113.6]":        "203.0.113.6",
		"2001:db8::1":                 "2001:db8::/64",
		"[2001:db8::1]:443":           "2001:db8::/64",
		"[2001:DB8:0:0:ffff::9%eth0]": "2001:db8::/64",
		"2001:db8::7%25eth0":          "2001:db8::/64",
		"2001:db8:0:1::1":             "2001:db8:0:1::/64",
		"fe80::1%eth0":                "fe80::/64",
		"Proxy.Example:8080":          "proxy.example",
		`203.0.113.6\t`:               "203.0.113.6",
		"unknown":                     "unknown",
	} {
		assert.Equal(t, want, normalizeAddress(in, 64), "%q", in)
	}
	assert.Equal(t, "2001:db8::1", normalizeAddress("[2001:db8::1]:443", 128))
	assert.Equal(t, "2001:db8::/48", normalizeAddress("2001:db8:0:ffff::1", 48))
}

func TestPlainIPv4IsExactlyTheCanonicalForm(t *testing.T) {
	for _, s := range []string{"0.0.0.0", "203.0.113.6", "255.255.255.255", "10.0.0.1"} {
		assert.True(t, plainIPv4(s), s)
	}
	for _, s := range []string{"", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1..2.3", "1.2.3.4.", ".1.2.3", "1234.1.1.1", "1.2.3.a"} {
		assert.False(t, plainIPv4(s), s)
	}
}

func TestAccountSpellingsNormalizeToOne(t *testing.T) {
	for _, in := range []string{
		"alice", "Alice", " alice", "ALICE\t", "ＡＬＩＣＥ", "\u3000alice", "alice\u00a0", "al\u200bice", "\ufeffAlice", "a\u00adlice",
		"\u202eAlice", "ali\x00ce", "alice\u2028",
		`alice\t`, `\nALICE\r`, `\u202ealice`, `al\u0000ice`, // as the redactor neutralises controls before detection
	} {
		assert.Equal(t, "alice", normalizeAccount(in), "%q", in)
	}
	assert.Equal(t, "bob@example.com", normalizeAccount("Bob@Example.COM"))
	assert.Equal(t, "al ice", normalizeAccount("al ice"), "inner white space is part of the name")
}

// observeAll feeds one login failure per value of attr and returns the alerts.
func observeAll(e *Engine, attr string, values []string, other ...any) []Alert {
	var fired []Alert
	for i, v := range values {
		attrs := append([]any{attr, v}, other...)
		fired = append(fired, e.Observe(rec(loginFail, t0.Add(time.Duration(i)*time.Second), attrs...), noResource)...)
	}
	return fired
}

func TestSpellingsOfOneSourceAreOneKey(t *testing.T) {
	e, _ := newTestEngine([]Rule{ruleNamed("brute_force")})
	fired := observeAll(e, "client.address", []string{
		"203.0.113.6", "::ffff:203.0.113.6", "203.0.113.6:5555", "[::ffff:203.0.113.6]:443", " 203.0.113.6",
		"203.0.113.6", "::ffff:203.0.113.6", "203.0.113.6:5555", "[::ffff:203.0.113.6]:443", " 203.0.113.6",
	})
	require.Len(t, fired, 1)
	assert.Equal(t, "client.address=203.0.113.6", fired[0].KeyString())
}

func TestIPv6SourcesAreGroupedByPrefix(t *testing.T) {
	var hosts []string
	for i := range 10 {
		hosts = append(hosts, fmt.Sprintf("[2001:db8:0:7::%x]:%d", i+1, 40000+i))
	}
	e, _ := newTestEngine([]Rule{ruleNamed("brute_force")})
	fired := observeAll(e, "client.address", hosts)
	require.Len(t, fired, 1, "ten hosts of one /64 are one source")
	assert.Equal(t, "client.address=2001:db8:0:7::/64", fired[0].KeyString())

	exact := NewEngine(Settings{Rules: []Rule{ruleNamed("brute_force")}, SuppressFor: time.Minute, MaxKeys: 100, MaxEventsPerKey: 100,
		Normalization: Normalization{Addresses: []string{"client.address"}, IPv6Prefix: 128}}, &counts{})
	assert.Empty(t, observeAll(exact, "client.address", hosts), "ipv6_prefix: 128 keeps hosts apart")
}

func TestSpellingsOfOneAccountAreOneKey(t *testing.T) {
	e, _ := newTestEngine([]Rule{ruleNamed("success_after_failures")})
	fired := observeAll(e, "user.name", []string{"Alice", " alice", "ＡＬＩＣＥ", "alice\u200b", "ALICE\u00a0"},
		"client.address", "198.51.100.1")
	require.Empty(t, fired)
	fired = e.Observe(rec(loginSuccess, t0.Add(time.Minute), "user.name", "alice", "client.address", "198.51.100.1"), noResource)
	require.Len(t, fired, 1)
	assert.Equal(t, "user.name=alice", fired[0].KeyString())
}

func TestSpellingsOfOneAccountAreOneDistinctValue(t *testing.T) {
	e, _ := newTestEngine([]Rule{ruleNamed("credential_stuffing")})
	names := []string{"Alice", "alice", " ALICE", "ａｌｉｃｅ", "Bob", "bob", "Carol", "carol", "Dave", "dave", "Eve", "eve"}
	assert.Empty(t, observeAll(e, "user.name", names, "client.address", "198.51.100.2"),
		"five accounts in twelve spellings are five distinct user names")
}
