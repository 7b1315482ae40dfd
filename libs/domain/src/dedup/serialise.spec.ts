import { minhashSignature } from './minhash';
import { shinglesFromBuffer, shinglesToBuffer, signatureFromBuffer, signatureToBuffer } from './serialise';
import { toShingleSet, wordShingles } from './shingles';

describe('signature serialisation', () => {
  it('round-trips through a little-endian Buffer of 4 bytes per slot', () => {
    const signature = minhashSignature(wordShingles('the ward staff did not call me back'));
    const buffer = signatureToBuffer(signature);
    expect(buffer).toHaveLength(512);
    expect(buffer.readUInt32LE(4)).toBe(signature[1]);
    expect(signatureFromBuffer(buffer)).toEqual(signature);
  });

  it('reads from a Buffer slice with an odd byte offset', () => {
    const signature = new Uint32Array([1, 0xffffffff, 123456789]);
    const padded = Buffer.concat([Buffer.from([9]), signatureToBuffer(signature)]);
    expect(signatureFromBuffer(padded.subarray(1))).toEqual(signature);
  });

  it('rejects a length that is not a multiple of 4', () => {
    expect(() => signatureFromBuffer(Buffer.alloc(5))).toThrow(RangeError);
  });
});

describe('shingle serialisation', () => {
  it('round-trips and keeps the sorted-unique invariant', () => {
    const shingles = toShingleSet([9, 3, 0xfffffffe]);
    expect(shinglesFromBuffer(shinglesToBuffer(shingles))).toEqual(shingles);
  });

  it('rejects unsorted data', () => {
    expect(() => shinglesFromBuffer(shinglesToBuffer(new Uint32Array([5, 1])))).toThrow(RangeError);
  });
});
