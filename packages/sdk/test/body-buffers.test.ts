import { describe, expect, it } from 'vitest';
import { BodyBuffers, FRESH_BUFFERS } from '../src/pipeline/body-buffers';
import { ProtobufWriter } from '../src/pipeline/protobuf-writer';

describe('BodyBuffers', () => {
  it('hands out shared memory and takes it back for the next request of its size or smaller', () => {
    const buffers = new BodyBuffers();
    const first = buffers.take(1_000);
    expect(first.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(first.length).toBe(1_000);
    buffers.give(first.subarray(0, 10));
    expect(buffers.take(800).buffer).toBe(first.buffer);
    // Taken again: not free until it is given back.
    expect(buffers.take(800).buffer).not.toBe(first.buffer);
  });

  it('makes a new buffer when the free ones are too small', () => {
    const buffers = new BodyBuffers();
    const small = buffers.take(100);
    buffers.give(small);
    const large = buffers.take(200);
    expect(large.buffer).not.toBe(small.buffer);
    expect(large.length).toBe(200);
  });

  it('keeps two free buffers, the largest, once each, and leaves other memory to the collector', () => {
    const buffers = new BodyBuffers();
    const [a, b, c] = [buffers.take(100), buffers.take(300), buffers.take(200)];
    buffers.give(a);
    buffers.give(a);
    buffers.give(new Uint8Array(5_000));
    buffers.give(b);
    buffers.give(c);
    const kept = [buffers.take(1), buffers.take(1)].map((buffer) => buffer.buffer);
    expect(kept).toContain(b.buffer);
    expect(kept).toContain(c.buffer);
    expect([b.buffer, c.buffer]).not.toContain(buffers.take(1).buffer);
  });
});

describe('ProtobufWriter on kept buffers', () => {
  /** Some bytes, enough to outgrow a 64-byte start. */
  function write(writer: ProtobufWriter, text: string): Uint8Array {
    for (let i = 0; i < 20; i++) {
      writer.tag(1, 2);
      writer.string(`${text} ${i}`);
    }
    return writer.finish();
  }

  it('writes the same bytes into reused memory as into fresh memory, and gives back what it outgrew', () => {
    const buffers = new BodyBuffers();
    const expected = write(new ProtobufWriter(64, FRESH_BUFFERS), 'second');
    const dirty = write(new ProtobufWriter(64, buffers), 'a longer first request, different bytes');
    // What the writer outgrew (64 bytes and up) came back: a new buffer for one byte would be one byte long.
    const outgrown = buffers.take(1);
    expect(outgrown.length).toBeGreaterThanOrEqual(64);
    expect(outgrown.length).toBeLessThan(dirty.buffer.byteLength);
    buffers.give(outgrown);
    buffers.give(dirty);
    const again = write(new ProtobufWriter(64, buffers), 'second');
    expect(Buffer.from(again)).toEqual(Buffer.from(expected));
    expect(again.buffer).toBeInstanceOf(SharedArrayBuffer);
  });

  it('hands out fresh requests trimmed when their buffer is more than twice their size', () => {
    const writer = new ProtobufWriter(4_096);
    writer.tag(1, 2);
    writer.string('short');
    const bytes = writer.finish();
    expect(bytes.buffer.byteLength).toBe(bytes.length);
  });
});
