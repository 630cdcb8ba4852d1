/** Where a ProtobufWriter takes its buffer from, and gives back the ones it outgrew. */
export interface BufferSource {
  take(size: number): Buffer;
  give(buffer: Uint8Array): void;
  /** The request's bytes as handed out: `written`, a view of the first bytes of a buffer of `capacity` bytes. */
  result(written: Buffer, capacity: number): Uint8Array;
}

/** A fresh buffer every time, for one-off requests (the exit flush's). */
export const FRESH_BUFFERS: BufferSource = {
  take: (size) => Buffer.allocUnsafe(size),
  give: () => {},
  // A copy when the buffer is more than twice the bytes, so that no large buffer lingers with the request.
  result: (written, capacity) =>
    capacity > 2 * written.length ? Uint8Array.prototype.slice.call(written) : written,
};

/** Free buffers kept: an export in flight holds one while the next batch is encoded into another. */
const KEPT = 2;

/**
 * The exporter's request bodies, kept from one export to the next, in memory shared with the poster thread
 * (SharedArrayBuffer). A fresh buffer of half a megabyte per export paid a page fault per 4 KiB page when first
 * written, and handing it to the thread a copy more: about 0.3 ms of CPU an export on the benchmark's VM
 * (bench/http/PROFILE.md). A shared body goes to the thread without a copy; the exporter gives it back once its
 * post was answered, so that nothing writes into a body the thread is sending.
 */
export class BodyBuffers implements BufferSource {
  private readonly free: SharedArrayBuffer[] = [];

  take(size: number): Buffer {
    const index = this.free.findIndex((memory) => memory.byteLength >= size);
    const memory = index === -1 ? new SharedArrayBuffer(size) : this.free.splice(index, 1)[0];
    return Buffer.from(memory as SharedArrayBuffer);
  }

  /** Takes back a buffer of take's (the largest are kept); any other is left to the garbage collector. */
  give(buffer: Uint8Array): void {
    const memory = buffer.buffer;
    if (!(memory instanceof SharedArrayBuffer) || this.free.includes(memory)) return;
    if (this.free.length < KEPT) {
      this.free.push(memory);
      return;
    }
    const smallest = this.free.reduce((a, b) => (b.byteLength < a.byteLength ? b : a));
    if (smallest.byteLength < memory.byteLength) this.free[this.free.indexOf(smallest)] = memory;
  }

  result(written: Buffer): Uint8Array {
    return written;
  }
}
