import { describe, expect, it } from 'vitest';
import { Redactor } from '../src/redaction';

// A card written in groups and followed by more digits in the same run of groups (its CVV, an expiry, an order
// line) is still a card: the whole run is redacted, and the partial marker ends with the card's own digits.
describe('payment cards followed by more digits', () => {
  const redactor = new Redactor({ hashKey: 'cards-test-hash-key-0001' });
  const redact = (text: string) => redactor.redactString(text);

  it.each([' ', '-', '.', '%20', '+'])(
    'redacts a card and its CVV grouped with %j, showing the card digits',
    (sep) => {
      const text = ['4111', '1111', '1111', '1111', '123'].join(sep);
      expect(redact(`paid with ${text} ok`)).toBe('paid with [REDACTED:card:****1111] ok');
    },
  );

  it.each([
    ['4000 0000 0000 0002 000', '0002'],
    ['3782 822463 10005 1234', '0005'],
    ['6011-1111-1111-1117-9876', '1117'],
    // Both the 16 leading digits and all 19 are Luhn-valid Visa numbers: the shortest card gives the marker.
    ['4111 1111 1111 1111 102', '1111'],
    // Only all 19 digits are a card (a 19-digit Visa written 4-4-4-4-3): its last four digits are its own.
    ['4111 1111 1111 1112 100', '2100'],
  ])('redacts %s whole, marked with the card digits ****%s', (text, last) => {
    expect(redact(` ${text} `)).toBe(` [REDACTED:card:****${last}] `);
  });

  it.each([
    // No run of leading groups is a card: 4111 1111 1111 1112 fails Luhn, and so do all 19 digits.
    'order 4111 1111 1111 1112 345 shipped',
    'order 4111-1111-1111-1112-345 shipped',
    // Without separators a number is a card only as a whole: 19 digits whose first 16 are a card are left alone.
    'id 4111111111111111123 done',
  ])('leaves %j untouched', (text) => {
    expect(redact(text)).toBe(text);
  });
});
