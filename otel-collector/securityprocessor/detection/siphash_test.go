package detection

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// The reference vectors of the SipHash paper: key 00..0f, messages 00, 00 01, ... (first bytes).
func TestSipHashMatchesTheReference(t *testing.T) {
	k := hashKey{0x0706050403020100, 0x0f0e0d0c0b0a0908}
	msg := make([]byte, 15)
	for i := range msg {
		msg[i] = byte(i)
	}
	assert.Equal(t, uint64(0x726fdb47dd0e0e31), k.sum(nil))
	assert.Equal(t, uint64(0xa129ca6149be45e5), k.sum(msg))
}
