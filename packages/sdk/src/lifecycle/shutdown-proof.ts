import { createHash, randomBytes } from 'node:crypto';

/**
 * A commit-reveal pair that lets only this process end the collector's watch over it: start-up and heartbeats
 * announce the commitment, sys_shutdown (and sys_crash) reveal the proof. Whoever can send records as this
 * instance sees at most the commitment before the process ends, and cannot find a proof that hashes to it.
 */
export interface ShutdownProof {
  readonly proof: string;
  readonly commitment: string;
}

export function createShutdownProof(): ShutdownProof {
  const proof = randomBytes(16).toString('hex');
  return { proof, commitment: createHash('sha256').update(proof).digest('hex') };
}
