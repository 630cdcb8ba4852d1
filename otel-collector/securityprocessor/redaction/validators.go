package redaction

import (
	"encoding/base64"
	"strconv"
	"strings"
	"unicode/utf8"
)

// validator decides whether a candidate secret really is one (spec/redaction.md, section 5). It returns the part
// of the candidate that replacements are made from (all of it, but for a card followed by more digits: the card,
// so that a partial marker never shows those digits), and false when the candidate is not a secret.
type validator func(candidate string) (shown string, ok bool)

// mixedCaseTokenLength: letters-only random tokens are at least this long; camel-case words are shorter.
const mixedCaseTokenLength = 16

func newValidator(name string, brands []cardBrandSpec) validator {
	switch name {
	case "credential_like":
		return whole(isCredentialLike)
	case "basic_credentials":
		return whole(isBasicCredentials)
	case "payment_card":
		return func(candidate string) (string, bool) { return cardIn(candidate, brands) }
	case "ipv6":
		return whole(isIPv6)
	}
	return nil
}

// whole is a validator that accepts or rejects the candidate as a whole.
func whole(isSecret func(candidate string) bool) validator {
	return func(candidate string) (string, bool) { return candidate, isSecret(candidate) }
}

// isCredentialLike: a digit or any character other than an ASCII letter, or 16+ ASCII letters of both cases.
func isCredentialLike(candidate string) bool {
	lower, upper := false, false
	for i := 0; i < len(candidate); i++ {
		c := candidate[i]
		switch {
		case c >= 'a' && c <= 'z':
			lower = true
		case c >= 'A' && c <= 'Z':
			upper = true
		default:
			return true
		}
	}
	return lower && upper && len(candidate) >= mixedCaseTokenLength
}

var basicDecoder = strings.NewReplacer("%2B", "+", "%2b", "+", "%2F", "/", "%2f", "/", "%3D", "=", "%3d", "=")

// isBasicCredentials: base64 (URL-encoded + / = accepted, padding optional) of UTF-8 `user:password`.
func isBasicCredentials(candidate string) bool {
	text := strings.TrimRight(basicDecoder.Replace(candidate), "=")
	if len(text)%4 == 1 {
		return false
	}
	decoded, err := base64.RawStdEncoding.DecodeString(text)
	if err != nil || !utf8.Valid(decoded) {
		return false
	}
	hasColon := false
	for _, c := range decoded {
		if c < 0x20 || c == 0x7f {
			return false
		}
		hasColon = hasColon || c == ':'
	}
	return hasColon
}

// cardIn is the card in the candidate: the shortest run of its leading digit groups (all of it when written
// without separators) whose digits (separators and %20 left out) pass Luhn and have a known brand's prefix and
// length. A card written in groups may be followed by more digits (its CVV) in the same match.
func cardIn(candidate string, brands []cardBrandSpec) (string, bool) {
	digits := make([]byte, 0, len(candidate))
	for i := 0; i < len(candidate); i++ {
		if strings.HasPrefix(candidate[i:], "%20") {
			i += 2
			continue
		}
		if !isASCIIDigit(candidate[i]) {
			continue
		}
		digits = append(digits, candidate[i])
		groupEnds := i+1 == len(candidate) || !isASCIIDigit(candidate[i+1])
		if groupEnds && ofCardBrand(string(digits), brands) && passesLuhn(digits) {
			return candidate[:i+1], true
		}
	}
	return "", false
}

func ofCardBrand(digits string, brands []cardBrandSpec) bool {
	for _, brand := range brands {
		lengthOK := false
		for _, n := range brand.lengths {
			lengthOK = lengthOK || n == len(digits)
		}
		if !lengthOK {
			continue
		}
		for _, p := range brand.prefixes {
			if p.length > len(digits) {
				continue
			}
			prefix, _ := strconv.Atoi(digits[:p.length])
			if prefix >= p.from && prefix <= p.to {
				return true
			}
		}
	}
	return false
}

func passesLuhn(digits []byte) bool {
	sum := 0
	for i := 0; i < len(digits); i++ {
		d := int(digits[len(digits)-1-i] - '0')
		if i%2 == 1 {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return sum%10 == 0
}

var colonDecoder = strings.NewReplacer("%3A", ":", "%3a", ":")

// isIPv6: RFC 4291 text form; eight groups, or fewer around one `::`; the last may be a dotted IPv4 address.
func isIPv6(candidate string) bool {
	halves := strings.Split(colonDecoder.Replace(candidate), "::")
	if len(halves) > 2 {
		return false
	}
	var groups []string
	for _, half := range halves {
		if half != "" {
			groups = append(groups, strings.Split(half, ":")...)
		}
	}
	count := 0
	for i, group := range groups {
		switch {
		case i == len(groups)-1 && strings.Contains(group, "."):
			if !isIPv4(group) {
				return false
			}
			count += 2
		case len(group) >= 1 && len(group) <= 4 && isHexString(group):
			count++
		default:
			return false
		}
	}
	if count == 0 {
		return false
	}
	if len(halves) == 2 {
		return count <= 7
	}
	return count == 8
}

func isHexString(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isHexDigit(s[i]) {
			return false
		}
	}
	return true
}

func isIPv4(text string) bool {
	octets := strings.Split(text, ".")
	if len(octets) != 4 {
		return false
	}
	for _, octet := range octets {
		if len(octet) < 1 || len(octet) > 3 {
			return false
		}
		n := 0
		for i := 0; i < len(octet); i++ {
			if !isASCIIDigit(octet[i]) {
				return false
			}
			n = n*10 + int(octet[i]-'0')
		}
		if n > 255 {
			return false
		}
	}
	return true
}
