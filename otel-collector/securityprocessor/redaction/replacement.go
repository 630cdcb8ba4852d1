package redaction

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"strings"
)

// hashHexDigits of the HMAC are kept in a [HASH:...] marker: 64 bits, enough to correlate, too few to matter.
const hashHexDigits = 16

const partialMask = "****"

func mask(kind string) string { return "[REDACTED:" + kind + "]" }

// replacer renders the text a secret is replaced with (spec/redaction.md, section 5).
type replacer struct{ hashKey []byte }

func (r replacer) render(strategy, kind, secret string, keepLast int) string {
	switch strategy {
	case "hash":
		return "[HASH:" + kind + ":" + r.hash(secret) + "]"
	case "partial":
		return "[REDACTED:" + kind + ":" + partialMask + lastCharacters(secret, keepLast) + "]"
	default:
		return mask(kind)
	}
}

var (
	atDecoder    = strings.NewReplacer("%40", "@")
	plusDecoder  = strings.NewReplacer("%2B", "+", "%2b", "+")
	colonDecode2 = strings.NewReplacer("%3A", ":", "%3a", ":")
)

// hash is keyed on a canonical form so that alice%40example.com and ALICE@example.com correlate.
func (r replacer) hash(secret string) string {
	canonical := lowerASCII(colonDecode2.Replace(plusDecoder.Replace(atDecoder.Replace(secret))))
	mac := hmac.New(sha256.New, r.hashKey)
	mac.Write([]byte(canonical))
	return hex.EncodeToString(mac.Sum(nil))[:hashHexDigits]
}

// lastCharacters is the last count ASCII letters and digits, URL escapes and other characters skipped.
func lastCharacters(secret string, count int) string {
	kept := make([]byte, 0, len(secret))
	for i := 0; i < len(secret); i++ {
		c := secret[i]
		if c == '%' && i+2 < len(secret) && isHexDigit(secret[i+1]) && isHexDigit(secret[i+2]) {
			i += 2
			continue
		}
		if isASCIILetter(c) || isASCIIDigit(c) {
			kept = append(kept, c)
		}
	}
	if len(kept) > count {
		kept = kept[len(kept)-count:]
	}
	return string(kept)
}
