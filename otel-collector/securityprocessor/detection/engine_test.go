package detection

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.opentelemetry.io/collector/pdata/pcommon"
	"go.opentelemetry.io/collector/pdata/plog"
)

var t0 = time.Date(2026, 11, 3, 10, 0, 0, 0, time.UTC)

type counts struct {
	evicted, truncated, skewed int
	suppressed                 map[string]int
}

func (c *counts) Evicted(string)            { c.evicted++ }
func (c *counts) Truncated(_ string, n int) { c.truncated += n }
func (c *counts) Suppressed(rule string)    { c.suppressed[rule]++ }
func (c *counts) ClockSkewed()              { c.skewed++ }

func newTestEngine(rules []Rule) (*Engine, *counts) {
	c := &counts{suppressed: map[string]int{}}
	return NewEngine(Settings{Rules: rules, SuppressFor: 10 * time.Minute, MaxKeys: 1000, MaxEventsPerKey: 1024, MaxEvidence: 3}, c), c
}

// rec builds a record; attrs alternate key, value.
func rec(name string, at time.Time, attrs ...any) plog.LogRecord {
	lr := plog.NewLogRecord()
	lr.SetEventName(name)
	lr.SetTimestamp(pcommon.NewTimestampFromTime(at))
	lr.Body().SetStr(fmt.Sprintf("%s %v", name, attrs))
	for i := 0; i < len(attrs); i += 2 {
		_ = lr.Attributes().PutEmpty(attrs[i].(string)).FromRaw(attrs[i+1])
	}
	return lr
}

var noResource = pcommon.NewResource()

func ruleNamed(name string) Rule {
	for _, r := range DefaultRules() {
		if r.Name == name {
			return r
		}
	}
	panic(name)
}

func alertNames(alerts []Alert) []string {
	var names []string
	for _, a := range alerts {
		names = append(names, a.Rule.Name)
	}
	return names
}

func TestDefaultRulesAreValid(t *testing.T) {
	for _, r := range DefaultRules() {
		assert.NoError(t, r.Validate(), r.Name)
	}
}

func TestBruteForceFiresAtThresholdOnce(t *testing.T) {
	e, c := newTestEngine([]Rule{ruleNamed("brute_force")})
	var fired []Alert
	for i := range 15 {
		lr := rec(loginFail, t0.Add(time.Duration(i)*time.Second), "client.address", "203.0.113.9", "user.name", "alice")
		alerts := e.Observe(lr, noResource)
		if i < 9 {
			require.Empty(t, alerts, "record %d", i)
		}
		fired = append(fired, alerts...)
	}
	require.Len(t, fired, 1, "suppression keeps a continuing attack to one alert")
	a := fired[0]
	assert.Equal(t, "client.address=203.0.113.9", a.KeyString())
	assert.Equal(t, 10, a.Count)
	assert.Equal(t, t0.UnixNano(), a.FirstSeen)
	assert.Equal(t, t0.Add(9*time.Second).UnixNano(), a.LastSeen)
	assert.Equal(t, 5*time.Minute, a.Window)
	assert.Len(t, a.Evidence, 3)
	assert.Contains(t, a.Evidence[2], "203.0.113.9")
	assert.Equal(t, 5, c.suppressed["brute_force"])
	assert.Len(t, a.RuleUUID, 36)
}

func TestBruteForceSlowerThanWindowDoesNotFire(t *testing.T) {
	e, _ := newTestEngine([]Rule{ruleNamed("brute_force")})
	for i := range 30 {
		lr := rec(loginFail, t0.Add(time.Duration(i)*time.Minute), "client.address", "203.0.113.9")
		require.Empty(t, e.Observe(lr, noResource), "record %d: only 5 failures fit in any 5m window", i)
	}
}

func TestSuppressionEndsAfterSuppressFor(t *testing.T) {
	e, _ := newTestEngine([]Rule{ruleNamed("brute_force")})
	var fired []Alert
	for i := range 120 { // one failure every 10s for 20 minutes
		lr := rec(loginFail, t0.Add(time.Duration(i)*10*time.Second), "client.address", "203.0.113.9")
		fired = append(fired, e.Observe(lr, noResource)...)
	}
	require.Len(t, fired, 2, "a 20-minute attack alerts at 1m30s and again once the 10m suppression ends")
	assert.Equal(t, t0.Add(90*time.Second).UnixNano(), fired[0].LastSeen)
	assert.Equal(t, t0.Add(11*time.Minute+30*time.Second).UnixNano(), fired[1].LastSeen)
}

func TestCredentialStuffingCountsDistinctUsers(t *testing.T) {
	e, _ := newTestEngine([]Rule{ruleNamed("credential_stuffing")})
	// 30 failures for the same 9 users: not enough distinct names.
	for i := range 30 {
		lr := rec(loginFail, t0.Add(time.Duration(i)*time.Second), "client.address", "198.51.100.7", "user.name", fmt.Sprintf("user%d", i%9))
		require.Empty(t, e.Observe(lr, noResource))
	}
	lr := rec(loginFail, t0.Add(31*time.Second), "client.address", "198.51.100.7", "user.name", "user9")
	alerts := e.Observe(lr, noResource)
	require.Len(t, alerts, 1)
	assert.Equal(t, 10, alerts[0].DistinctCount)
	assert.Equal(t, 31, alerts[0].Count)
}

func TestPasswordSprayingNeedsFewAttemptsPerUser(t *testing.T) {
	spray := ruleNamed("password_spraying")
	// One round over 12 users (one attempt each) is stuffing-shaped: no spraying alert.
	e, _ := newTestEngine([]Rule{spray})
	at := t0
	for u := range 12 {
		at = at.Add(time.Minute)
		require.Empty(t, e.Observe(rec(loginFail, at, "client.address", "192.0.2.1", "user.name", fmt.Sprintf("u%d", u)), noResource))
	}
	// A second password over the same users: the 10th user tried twice fires.
	var fired []Alert
	for u := range 12 {
		at = at.Add(time.Minute)
		fired = append(fired, e.Observe(rec(loginFail, at, "client.address", "192.0.2.1", "user.name", fmt.Sprintf("u%d", u)), noResource)...)
		if u < 9 {
			require.Empty(t, fired, "after %d users tried twice", u+1)
		}
	}
	require.Len(t, fired, 1)
	assert.Equal(t, 10, fired[0].DistinctCount)

	// Hammering one user (brute force shape) never counts as spraying.
	e2, _ := newTestEngine([]Rule{spray})
	for i := range 100 {
		require.Empty(t, e2.Observe(rec(loginFail, t0.Add(time.Duration(i)*time.Second), "client.address", "192.0.2.2", "user.name", "root"), noResource))
	}
}

func TestLoginRulesShareOneTracker(t *testing.T) {
	e, _ := newTestEngine(DefaultRules())
	var shared *tracker
	for _, tr := range e.trackers {
		if tr.name == "brute_force+credential_stuffing+password_spraying" {
			shared = tr
		}
	}
	require.NotNil(t, shared, "trackers: %v", e.Keys())
	e.Observe(rec(loginFail, t0, "client.address", "192.0.2.3", "user.name", "bob"), noResource)
	assert.Equal(t, 1, shared.table.count)
	assert.Equal(t, "user.name", shared.field)
}

func TestSuccessAfterFailuresNeedsOrder(t *testing.T) {
	rule := ruleNamed("success_after_failures")
	e, _ := newTestEngine([]Rule{rule})
	// Success first, then failures: no alert.
	require.Empty(t, e.Observe(rec(loginSuccess, t0, "user.name", "carol"), noResource))
	for i := range 5 {
		require.Empty(t, e.Observe(rec(loginFail, t0.Add(time.Duration(i+1)*time.Second), "user.name", "carol"), noResource))
	}
	alerts := e.Observe(rec(loginSuccess, t0.Add(10*time.Second), "user.name", "carol"), noResource)
	require.Len(t, alerts, 1)
	assert.Equal(t, "user.name=carol", alerts[0].KeyString())
	assert.Equal(t, 6, alerts[0].Count)
	assert.Equal(t, t0.Add(time.Second).UnixNano(), alerts[0].FirstSeen)

	// Four failures then success for another user: below min_count.
	for i := range 4 {
		e.Observe(rec(loginFail, t0.Add(time.Duration(i)*time.Second), "user.name", "dave"), noResource)
	}
	require.Empty(t, e.Observe(rec(loginSuccess, t0.Add(5*time.Second), "user.name", "dave"), noResource))
}

func TestSequenceFactsAreConsumed(t *testing.T) {
	rule := ruleNamed("success_after_failures")
	e, _ := newTestEngine([]Rule{rule})
	e.suppressFor = 0
	for i := range 5 {
		e.Observe(rec(loginFail, t0.Add(time.Duration(i)*time.Second), "user.name", "erin"), noResource)
	}
	require.Len(t, e.Observe(rec(loginSuccess, t0.Add(6*time.Second), "user.name", "erin"), noResource), 1)
	require.Empty(t, e.Observe(rec(loginSuccess, t0.Add(7*time.Second), "user.name", "erin"), noResource),
		"a second success has no failures of its own before it")
}

func TestNotFoundBurstMatchesIntStatusAsString(t *testing.T) {
	e, _ := newTestEngine([]Rule{ruleNamed("not_found_burst")})
	var fired []Alert
	for i := range 20 {
		lr := rec("security.request_rejected", t0.Add(time.Duration(i)*time.Second), "client.address", "192.0.2.9", "http.response.status_code", int64(404))
		fired = append(fired, e.Observe(lr, noResource)...)
		// 403s from the same source do not count.
		e.Observe(rec("security.request_rejected", t0.Add(time.Duration(i)*time.Second), "client.address", "192.0.2.9", "http.response.status_code", int64(403)), noResource)
	}
	require.Len(t, fired, 1)
	assert.Equal(t, 20, fired[0].Count)
}

func TestRecordsWithoutGroupByAttributeAreIgnored(t *testing.T) {
	e, _ := newTestEngine([]Rule{ruleNamed("brute_force")})
	for i := range 20 {
		require.Empty(t, e.Observe(rec(loginFail, t0.Add(time.Duration(i)*time.Second), "user.name", "x"), noResource))
	}
	assert.Equal(t, 0, e.Keys()[0].Keys)
}

func TestGroupByFallsBackToResourceAttributes(t *testing.T) {
	rule := ruleNamed("brute_force")
	rule.GroupBy = []string{"service.name", "client.address"}
	e, _ := newTestEngine([]Rule{rule})
	res := pcommon.NewResource()
	res.Attributes().PutStr("service.name", "shop")
	var fired []Alert
	for i := range 10 {
		fired = append(fired, e.Observe(rec(loginFail, t0.Add(time.Duration(i)*time.Second), "client.address", "192.0.2.4"), res)...)
	}
	require.Len(t, fired, 1)
	assert.Equal(t, "service.name=shop,client.address=192.0.2.4", fired[0].KeyString())
}

func TestOwnRecordsNeverFeedRules(t *testing.T) {
	rule := ruleNamed("not_found_burst") // selects any security.* record
	e, _ := newTestEngine([]Rule{rule})
	for _, name := range []string{"security.alert", "security.malicious_excess_404"} {
		for i := range 30 {
			require.Empty(t, e.Observe(rec(name, t0.Add(time.Duration(i)*time.Second), "client.address", "192.0.2.5", "http.response.status_code", "404"), noResource), name)
		}
	}
}

func TestMaxKeysEvictsAndCounts(t *testing.T) {
	c := &counts{suppressed: map[string]int{}}
	e := NewEngine(Settings{Rules: []Rule{ruleNamed("brute_force")}, SuppressFor: time.Minute, MaxKeys: 10, MaxEventsPerKey: 100, MaxEvidence: 0}, c)
	for i := range 25 {
		e.Observe(rec(loginFail, t0, "client.address", fmt.Sprintf("10.0.0.%d", i)), noResource)
	}
	assert.Equal(t, 15, c.evicted)
	assert.Equal(t, 10, e.Keys()[0].Keys)
}

func TestMaxEventsPerKeyTruncatesAndCounts(t *testing.T) {
	c := &counts{suppressed: map[string]int{}}
	e := NewEngine(Settings{Rules: []Rule{ruleNamed("brute_force")}, SuppressFor: time.Minute, MaxKeys: 10, MaxEventsPerKey: 4, MaxEvidence: 0}, c)
	for i := range 10 {
		e.Observe(rec(loginFail, t0.Add(time.Duration(i)*time.Millisecond), "client.address", "10.0.0.1"), noResource)
	}
	assert.Equal(t, 6, c.truncated)
}

func TestIdleKeysExpire(t *testing.T) {
	e, _ := newTestEngine([]Rule{ruleNamed("brute_force")})
	for i := range 50 {
		e.Observe(rec(loginFail, t0, "client.address", fmt.Sprintf("10.0.1.%d", i)), noResource)
	}
	require.Equal(t, 50, e.Keys()[0].Keys)
	// Traffic an hour later expires two idle keys per record.
	for i := range 30 {
		e.Observe(rec(loginFail, t0.Add(time.Hour), "client.address", fmt.Sprintf("10.0.2.%d", i)), noResource)
	}
	assert.Equal(t, 30, e.Keys()[0].Keys, "the 50 idle keys are gone, the 30 new ones stay")
}

func TestOutOfOrderRecordsCountInTheirWindow(t *testing.T) {
	e, _ := newTestEngine([]Rule{ruleNamed("brute_force")})
	var fired []Alert
	for i := 9; i >= 0; i-- { // newest first
		fired = append(fired, e.Observe(rec(loginFail, t0.Add(time.Duration(i)*time.Second), "client.address", "10.0.3.1"), noResource)...)
	}
	require.Len(t, fired, 1)
	assert.Equal(t, t0.UnixNano(), fired[0].FirstSeen)
}

func TestObservedTimestampIsTheFallback(t *testing.T) {
	lr := plog.NewLogRecord()
	lr.SetObservedTimestamp(pcommon.NewTimestampFromTime(t0))
	assert.Equal(t, t0.UnixNano(), EventTime(lr))
	lr.SetTimestamp(pcommon.NewTimestampFromTime(t0.Add(time.Second)))
	assert.Equal(t, t0.Add(time.Second).UnixNano(), EventTime(lr))
}

func TestEvidenceIsCutAtCharacterBoundary(t *testing.T) {
	s := truncateUTF8(string(make([]byte, 159))+"é", maxEvidenceBytes)
	assert.Len(t, s, 159)
}

func timestamp(at time.Time) pcommon.Timestamp { return pcommon.NewTimestampFromTime(at) }

func TestIdleKeysExpireByTheCollectorsClock(t *testing.T) {
	now := t0
	e := NewEngine(Settings{Rules: []Rule{ruleNamed("brute_force")}, SuppressFor: 10 * time.Minute, MaxKeys: 1000,
		MaxEventsPerKey: 1024, ClockTolerance: 5 * time.Minute, Now: func() time.Time { return now }}, &counts{})
	for i := range 50 {
		e.Observe(rec(loginFail, now, "client.address", fmt.Sprintf("10.0.1.%d", i)), noResource)
	}
	now = t0.Add(time.Hour)
	for i := range 30 {
		e.Observe(rec(loginFail, now, "client.address", fmt.Sprintf("10.0.2.%d", i)), noResource)
	}
	assert.Equal(t, 30, e.Keys()[0].Keys, "the 50 idle keys are gone, the 30 new ones stay")
}

// A record far from the collector's clock is judged at its arrival and counted; within the
// tolerance its own time stands.
func TestRecordsOutsideTheClockToleranceAreJudgedAtArrival(t *testing.T) {
	c := &counts{}
	e := NewEngine(Settings{Rules: []Rule{ruleNamed("brute_force")}, SuppressFor: 10 * time.Minute, MaxKeys: 1000,
		MaxEventsPerKey: 1024, ClockTolerance: 5 * time.Minute, Now: func() time.Time { return t0 }}, c)
	var fired []Alert
	for _, at := range []time.Time{t0.Add(2 * time.Minute), t0.Add(-2 * time.Minute), t0.Add(2 * time.Hour), t0.Add(-30 * 24 * time.Hour)} {
		fired = append(fired, e.Observe(rec(loginFail, at, "client.address", "10.0.4.1"), noResource)...)
	}
	untimed := rec(loginFail, t0, "client.address", "10.0.4.1")
	untimed.SetTimestamp(0)
	fired = append(fired, e.Observe(untimed, noResource)...)
	assert.Equal(t, 2, c.skewed, "the record without a time is judged at arrival without counting as skewed")
	for range 5 {
		fired = append(fired, e.Observe(rec(loginFail, t0, "client.address", "10.0.4.1"), noResource)...)
	}
	require.Len(t, fired, 1)
	assert.Equal(t, t0.Add(-2*time.Minute).UnixNano(), fired[0].FirstSeen)
	assert.Equal(t, t0.Add(2*time.Minute).UnixNano(), fired[0].LastSeen)
}
