import type { CardBrandSpec, ValidatorName } from './rule-types';

/**
 * Decides whether a candidate match really is a secret; see "Validators" in spec/redaction.md. Returns the part of
 * the candidate that replacements are made from (all of it, but for a card followed by more digits: the card, so
 * that a partial marker never shows those digits), or undefined when the candidate is not a secret.
 */
export type Validator = (candidate: string) => string | undefined;

const utf8 = new TextDecoder('utf-8', { fatal: true });
/** Letters-only random tokens are at least this long; camel-case words in prose are shorter. */
const MIXED_CASE_TOKEN_LENGTH = 16;

/**
 * Rejects prose: a credential contains a digit or a character other than an ASCII letter ("hunter2", "s3cr3t!",
 * "mF_9.B5f-4.1JqM"), or is a long run of mixed-case letters (a random token), where a word ("required",
 * "tooShort") is none of these.
 */
function isCredentialLike(candidate: string): boolean {
  let lower = false;
  let upper = false;
  for (let i = 0; i < candidate.length; i++) {
    const code = candidate.charCodeAt(i);
    if (code >= 0x61 && code <= 0x7a) lower = true;
    else if (code >= 0x41 && code <= 0x5a) upper = true;
    else return true;
  }
  return lower && upper && candidate.length >= MIXED_CASE_TOKEN_LENGTH;
}

/** Base64 (standard alphabet, padding optional, URL-encoded + / = accepted) of UTF-8 `user:password`. */
function isBasicCredentials(candidate: string): boolean {
  const base64 = candidate
    .replace(/%2[Bb]/g, '+')
    .replace(/%2[Ff]/g, '/')
    .replace(/%3[Dd]/g, '=')
    .replace(/=+$/, '');
  if (base64.length % 4 === 1) return false;
  let decoded: string;
  try {
    decoded = utf8.decode(Buffer.from(base64, 'base64'));
  } catch {
    return false;
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: credentials are printable, decoded noise is not
  return decoded.includes(':') && !/[\x00-\x1f\x7f]/.test(decoded);
}

function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = digits.charCodeAt(digits.length - 1 - i) - 0x30;
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/**
 * The card in the candidate: the shortest run of its leading digit groups (all of it when written without
 * separators) whose digits (separators and %20 left out) are Luhn-valid and shaped like a card of a known brand
 * (prefix and length). A card written in groups may be followed by more digits (its CVV) in the same match.
 */
function paymentCardValidator(brands: readonly CardBrandSpec[]): Validator {
  const ofBrand = (digits: string) =>
    brands.some(
      (brand) =>
        brand.lengths.includes(digits.length) &&
        brand.prefixes.some(({ length, from, to }) => {
          const prefix = Number(digits.slice(0, length));
          return prefix >= from && prefix <= to;
        }),
    );
  return (candidate) => {
    let digits = '';
    for (let i = 0; i < candidate.length; i++) {
      if (candidate.startsWith('%20', i)) {
        i += 2;
        continue;
      }
      if (!isDigitAt(candidate, i)) continue;
      digits += candidate[i];
      if (!isDigitAt(candidate, i + 1) && ofBrand(digits) && passesLuhn(digits))
        return candidate.slice(0, i + 1);
    }
    return undefined;
  };
}

function isDigitAt(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  return code >= 0x30 && code <= 0x39;
}

function isIpv4(text: string): boolean {
  const octets = text.split('.');
  return octets.length === 4 && octets.every((octet) => /^[0-9]{1,3}$/.test(octet) && Number(octet) <= 255);
}

/** RFC 4291 text form: eight groups, or fewer around one `::`; the last two may be a dotted IPv4 address. */
function isIpv6(candidate: string): boolean {
  const halves = candidate.replace(/%3[Aa]/g, ':').split('::');
  if (halves.length > 2) return false;
  const groups = halves.flatMap((half) => (half === '' ? [] : half.split(':')));
  let count = 0;
  for (const [index, group] of groups.entries()) {
    if (index === groups.length - 1 && group.includes('.')) {
      if (!isIpv4(group)) return false;
      count += 2;
    } else if (/^[0-9A-Fa-f]{1,4}$/.test(group)) {
      count += 1;
    } else {
      return false;
    }
  }
  if (count === 0) return false;
  return halves.length === 2 ? count <= 7 : count === 8;
}

/** A validator that accepts or rejects the candidate as a whole. */
const whole =
  (isSecret: (candidate: string) => boolean): Validator =>
  (candidate) =>
    isSecret(candidate) ? candidate : undefined;

export function createValidator(name: ValidatorName, cardBrands: readonly CardBrandSpec[]): Validator {
  switch (name) {
    case 'credential_like':
      return whole(isCredentialLike);
    case 'basic_credentials':
      return whole(isBasicCredentials);
    case 'payment_card':
      return paymentCardValidator(cardBrands);
    case 'ipv6':
      return whole(isIpv6);
  }
}
