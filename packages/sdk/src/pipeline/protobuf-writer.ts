import { type BufferSource, FRESH_BUFFERS } from './body-buffers';

/** Wire types of the protobuf encoding (https://protobuf.dev/programming-guides/encoding/). */
export const VARINT = 0;
export const FIXED64 = 1;
export const LENGTH_DELIMITED = 2;
export const FIXED32 = 5;

const TWO_TO_32 = 4_294_967_296;
/** Strings shorter than this are copied in JavaScript when ASCII (their length is then one varint byte). */
const SHORT_STRING = 0x80;

/** Bytes of the shortest varint for a length or other unsigned 32-bit number. */
function varintSize(value: number): number {
  if (value < 0x80) return 1;
  if (value < 0x4000) return 2;
  if (value < 0x20_0000) return 3;
  if (value < 0x1000_0000) return 4;
  return 5;
}

/**
 * Protobuf primitives written in one pass into a growing buffer. Strings are written by Node's native UTF-8
 * encoder straight into place (no size pass, no per-byte loop); a message's length is written in front of it
 * once it is known, in the bytes reserved for it, the message moved when it needs more or fewer.
 */
export class ProtobufWriter {
  pos = 0;
  private buffer: Buffer;

  constructor(
    initialSize: number,
    private readonly source: BufferSource = FRESH_BUFFERS,
  ) {
    this.buffer = source.take(Math.max(initialSize, 64));
  }

  /** The bytes written, as the buffer source hands them out. */
  finish(): Uint8Array {
    return this.source.result(this.buffer.subarray(0, this.pos), this.buffer.length);
  }

  tag(field: number, wireType: number): void {
    const key = (field << 3) | wireType;
    if (key > 0x7f) {
      this.uint32(key);
      return;
    }
    // Fields 1 to 15, all that OTLP's logs messages use: one byte.
    this.reserve(1);
    this.buffer[this.pos++] = key;
  }

  /** Unsigned 32-bit varint (tags, lengths, counts that fit). */
  uint32(value: number): void {
    this.reserve(5);
    const { buffer } = this;
    while (value > 0x7f) {
      buffer[this.pos++] = (value & 0x7f) | 0x80;
      value >>>= 7;
    }
    buffer[this.pos++] = value;
  }

  /**
   * A varint for any number, as protobuf's int64: negatives in two's complement (10 bytes), fractions and values
   * past 64 bits cut as the ToUint32 conversions of the low and high halves cut them, NaN as 0.
   */
  int64(value: number): void {
    if (value >= 0 && value <= 0xffff_ffff) {
      this.uint32(value >>> 0);
      return;
    }
    const magnitude = Math.abs(value);
    let low = magnitude >>> 0;
    let high = (magnitude / TWO_TO_32) >>> 0;
    if (!(value >= 0)) {
      // Two's complement of the magnitude; NaN ends as 0 (its halves are 0, and so is their negation).
      low = ~low >>> 0;
      high = ~high >>> 0;
      low = (low + 1) >>> 0;
      if (low === 0) high = (high + 1) >>> 0;
    }
    this.reserve(10);
    const { buffer } = this;
    while (high > 0 || low > 0x7f) {
      buffer[this.pos++] = (low & 0x7f) | 0x80;
      low = ((low >>> 7) | (high << 25)) >>> 0;
      high >>>= 7;
    }
    buffer[this.pos++] = low;
  }

  fixed32(value: number): void {
    this.reserve(4);
    this.littleEndian32(value);
  }

  /** A 64-bit unsigned number given as its low and high 32 bits. */
  fixed64(low: number, high: number): void {
    this.reserve(8);
    this.littleEndian32(low);
    this.littleEndian32(high);
  }

  /** Byte by byte: Buffer#writeUInt32LE checks its arguments on every call, for values that are ours. */
  private littleEndian32(value: number): void {
    const { buffer, pos } = this;
    buffer[pos] = value;
    buffer[pos + 1] = value >>> 8;
    buffer[pos + 2] = value >>> 16;
    buffer[pos + 3] = value >>> 24;
    this.pos = pos + 4;
  }

  double(value: number): void {
    this.reserve(8);
    this.buffer.writeDoubleLE(value, this.pos);
    this.pos += 8;
  }

  /** Length-delimited UTF-8; a lone surrogate becomes U+FFFD, as TextEncoder makes it. */
  string(text: string): void {
    if (text.length < SHORT_STRING && this.shortAscii(text)) return;
    // UTF-8 takes at least one byte and at most three per UTF-16 unit, so the length's first guess is a floor.
    const guess = varintSize(text.length);
    this.reserve(guess + 3 * text.length);
    const start = this.pos;
    const written = this.buffer.write(text, start + guess);
    this.pos = start + guess + written;
    this.finishAt(start, guess, written);
  }

  /**
   * A short ASCII string copied by this loop, which costs less than a call into Node's encoder (most keys and
   * values are short); false, with nothing written, at the first other character.
   */
  private shortAscii(text: string): boolean {
    const length = text.length;
    this.reserve(1 + length);
    const { buffer } = this;
    const start = this.pos + 1;
    for (let i = 0; i < length; i++) {
      const code = text.charCodeAt(i);
      if (code > 0x7f) return false;
      buffer[start + i] = code;
    }
    buffer[this.pos] = length;
    this.pos = start + length;
    return true;
  }

  bytes(bytes: Uint8Array): void {
    this.uint32(bytes.length);
    this.raw(bytes);
  }

  private raw(bytes: Uint8Array): void {
    this.reserve(bytes.length);
    this.buffer.set(bytes, this.pos);
    this.pos += bytes.length;
  }

  /** The `length` bytes written at `start` once more, at pos. */
  again(start: number, length: number): void {
    this.reserve(length);
    this.buffer.copyWithin(this.pos, start, start + length);
    this.pos += length;
  }

  /** Starts a length-delimited field whose length is guessed to take `reserved` bytes; returns its start. */
  begin(reserved: number): number {
    this.reserve(reserved);
    const start = this.pos;
    this.pos += reserved;
    return start;
  }

  /**
   * Ends the field begun at `start` with `reserved` bytes kept for its length; true when its content moved (its
   * length took another number of bytes), so that positions inside it are no longer where they were written.
   */
  end(start: number, reserved: number): boolean {
    return this.finishAt(start, reserved, this.pos - start - reserved);
  }

  /**
   * Writes `length` at `start`, where `reserved` bytes were kept for it and the `length` bytes after them end at
   * pos; the content moves when the varint needs another size.
   */
  private finishAt(start: number, reserved: number, length: number): boolean {
    const size = varintSize(length);
    const moved = size !== reserved;
    if (moved) {
      this.reserve(size - reserved);
      this.buffer.copyWithin(start + size, start + reserved, this.pos);
      this.pos = start + size + length;
    }
    const { buffer } = this;
    let at = start;
    while (length > 0x7f) {
      buffer[at++] = (length & 0x7f) | 0x80;
      length >>>= 7;
    }
    buffer[at] = length;
    return moved;
  }

  /** Room for `size` more bytes after pos. */
  private reserve(size: number): void {
    const needed = this.pos + size;
    if (needed <= this.buffer.length) return;
    const grown = this.source.take(Math.max(needed, 2 * this.buffer.length));
    this.buffer.copy(grown, 0, 0, this.pos);
    this.source.give(this.buffer);
    this.buffer = grown;
  }
}
