import type { MinHashSignature } from './minhash';
import type { ShingleSet } from './shingles';

/**
 * Byte encodings for `bytea` columns. Always little-endian, written explicitly, so stored
 * data does not depend on the byte order of the machine that wrote it.
 */

function toBuffer(values: Uint32Array): Buffer {
  const buffer = Buffer.allocUnsafe(values.length * 4);
  for (let i = 0; i < values.length; i++) buffer.writeUInt32LE(values[i], i * 4);
  return buffer;
}

function fromBytes(bytes: Uint8Array, what: string): Uint32Array {
  if (bytes.length % 4 !== 0) throw new RangeError(`${what} bytes must be a multiple of 4, got ${bytes.length}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const values = new Uint32Array(bytes.length / 4);
  for (let i = 0; i < values.length; i++) values[i] = view.getUint32(i * 4, true);
  return values;
}

/** 128 slots → 512 bytes. */
export function signatureToBuffer(signature: MinHashSignature): Buffer {
  return toBuffer(signature);
}

export function signatureFromBuffer(bytes: Uint8Array): MinHashSignature {
  return fromBytes(bytes, 'signature');
}

/** Store shingles when the worker wants exact-Jaccard verification without re-reading text. */
export function shinglesToBuffer(shingles: ShingleSet): Buffer {
  return toBuffer(shingles);
}

/** Rejects unsorted or repeated values: jaccard() relies on the sorted-unique invariant. */
export function shinglesFromBuffer(bytes: Uint8Array): ShingleSet {
  const values = fromBytes(bytes, 'shingles');
  for (let i = 1; i < values.length; i++) {
    if (values[i] <= values[i - 1]) throw new RangeError('shingles must be sorted ascending without repeats');
  }
  return values;
}
