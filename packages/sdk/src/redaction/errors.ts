/** A redaction option that cannot work; the message names the option, the problem and a valid example. */
export class RedactionConfigError extends Error {
  override name = 'RedactionConfigError';
}
