package integrity

import (
	"crypto/ed25519"
	"crypto/hmac"
	"crypto/sha256"
	"fmt"
	"strconv"
)

// Signature algorithms for checkpoints.
const (
	AlgorithmEd25519 = "ed25519"
	AlgorithmHMAC    = "hmac-sha256"
	AlgorithmNone    = "none" // written when no signing key is configured
)

// Signer signs checkpoint statements. A nil *Signer leaves checkpoints unsigned.
type Signer struct {
	Algorithm string
	KeyID     string
	sign      func(msg []byte) []byte
}

// NewSigner builds a signer. For ed25519 the key is a 32-byte seed or a 64-byte private key;
// for hmac-sha256 it is the secret itself (at least 32 bytes).
func NewSigner(algorithm, keyID string, key []byte) (*Signer, error) {
	s := &Signer{Algorithm: algorithm, KeyID: keyID}
	switch algorithm {
	case AlgorithmEd25519:
		var priv ed25519.PrivateKey
		switch len(key) {
		case ed25519.SeedSize:
			priv = ed25519.NewKeyFromSeed(key)
		case ed25519.PrivateKeySize:
			priv = ed25519.PrivateKey(key)
		default:
			return nil, fmt.Errorf("an ed25519 key is a %d-byte seed or a %d-byte private key, got %d bytes", ed25519.SeedSize, ed25519.PrivateKeySize, len(key))
		}
		s.sign = func(msg []byte) []byte { return ed25519.Sign(priv, msg) }
	case AlgorithmHMAC:
		if len(key) < 32 {
			return nil, fmt.Errorf("an hmac-sha256 key needs at least 32 bytes, got %d", len(key))
		}
		s.sign = func(msg []byte) []byte { return hmacSHA256(key, msg) }
	default:
		return nil, fmt.Errorf("unknown algorithm %q (ed25519 or hmac-sha256)", algorithm)
	}
	return s, nil
}

func hmacSHA256(key, msg []byte) []byte {
	mac := hmac.New(sha256.New, key)
	mac.Write(msg)
	return mac.Sum(nil)
}

// Statement is what a checkpoint attests: the chain's head before the checkpoint record.
type Statement struct {
	Stream, Chain, Reason string
	Seq                   uint64
	Head                  [sha256.Size]byte
	TimeUnixNano          int64
}

// Message is the signed byte string: newline-separated fields in a fixed order.
func (st Statement) Message() []byte {
	return fmt.Appendf(nil, "secotel.checkpoint.v1\n%s\n%s\n%s\n%s\n%x\n%s",
		st.Stream, st.Chain, st.Reason, strconv.FormatUint(st.Seq, 10), st.Head, strconv.FormatInt(st.TimeUnixNano, 10))
}

// KeyRing verifies checkpoint signatures by key id.
type KeyRing struct {
	Ed25519 map[string]ed25519.PublicKey
	HMAC    map[string][]byte
}

// Empty is true when no key was given: verification then checks consistency only.
func (k KeyRing) Empty() bool { return len(k.Ed25519)+len(k.HMAC) == 0 }

// Check reports whether sig is a valid signature of st under the named key; known is false when
// the ring has no key with that id and algorithm.
func (k KeyRing) Check(algorithm, keyID string, st Statement, sig []byte) (valid, known bool) {
	return k.CheckMessage(algorithm, keyID, st.Message(), sig)
}

// CheckMessage is Check for any signed byte string (checkpoint statements and digests).
func (k KeyRing) CheckMessage(algorithm, keyID string, msg, sig []byte) (valid, known bool) {
	switch algorithm {
	case AlgorithmEd25519:
		pub, ok := k.Ed25519[keyID]
		return ok && len(pub) == ed25519.PublicKeySize && ed25519.Verify(pub, msg, sig), ok
	case AlgorithmHMAC:
		key, ok := k.HMAC[keyID]
		return ok && hmac.Equal(hmacSHA256(key, msg), sig), ok
	}
	return false, false
}
