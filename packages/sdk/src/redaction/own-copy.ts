/** V8 copies substrings shorter than this; longer ones may be slices that keep their whole parent alive. */
const SLICE_MIN_LENGTH = 13;

/**
 * A string with characters of its own. A value cut from a large string (a 256-character payload out of a 95 KB
 * request body) is a slice that keeps the whole body alive for as long as a cache or the export queue holds it.
 * Prepending a character makes V8 flatten a fresh copy, of which `slice(1)` is a view of the right length.
 */
export function ownCopy(text: string): string {
  return text.length < SLICE_MIN_LENGTH ? text : ` ${text}`.slice(1);
}

/**
 * The canonical (internalized) string equal to `text`, for cache keys: it owns its characters like ownCopy's,
 * and a lookup with a literal or a property name (internalized too) is a pointer comparison.
 */
export function internedCopy(text: string): string {
  for (const key in { [text]: true }) return key;
  return text;
}
