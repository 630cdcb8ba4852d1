// Password hashing with node:crypto's scrypt (no native addon). Stored form: scrypt$N$r$p$salt$hash (base64url).
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

// N = 2^14 keeps the demo quick on a shared machine; a production service should use N = 2^17 (OWASP's
// recommendation for scrypt) and set maxmem accordingly.
const COST = { N: 16384, r: 8, p: 1 };
const KEY_LENGTH = 32;

function derive(password, salt, { N, r, p }) {
  return new Promise((resolve, reject) => {
    scrypt(password, salt, KEY_LENGTH, { N, r, p, maxmem: 256 * N * r }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

export async function hashPassword(password) {
  const salt = randomBytes(16);
  const key = await derive(password, salt, COST);
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password, stored) {
  const [scheme, N, r, p, salt, hash] = String(stored).split('$');
  if (scheme !== 'scrypt' || hash === undefined) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await derive(password, Buffer.from(salt, 'base64url'), { N: +N, r: +r, p: +p });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** Spends the same work as a real check, so an unknown user name answers as slowly as a wrong password. */
let dummyHash;
export async function verifyAgainstNothing(password) {
  dummyHash ??= await hashPassword('no user has this password');
  await verifyPassword(password, dummyHash);
  return false;
}
