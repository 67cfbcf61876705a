// A seeded PRNG of our own, so the same seed writes byte-identical files on every machine and Node version
// (Math.random cannot be seeded). Each weight tensor has its own stream, keyed by (seed, tensor name): a tensor's
// values do not depend on which other tensors were written before it, so the encoder and the decoder files hold
// the same shared embedding and the fp32 and q8 twins quantize the same numbers.

// Math's functions bound once: under Jest (a vm context) every global lookup in a hot loop costs ~100x.
const { imul, log, sqrt } = Math;

/** FNV-1a over the UTF-16 code units of `text`, folded with the seed: the 32-bit key of one stream. */
function streamKey(seed: number, text: string): number {
  let hash = (0x811c9dc5 ^ (seed >>> 0)) >>> 0;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** splitmix32: spreads one 32-bit key over the 128-bit state of xoshiro128**. */
function splitmix32(state: number): () => number {
  return () => {
    state = (state + 0x9e3779b9) | 0;
    let z = state;
    z = imul(z ^ (z >>> 16), 0x85ebca6b);
    z = imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** xoshiro128** (Blackman and Vigna), uniform 32-bit integers. */
export class Xoshiro128 {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spare: number | undefined;

  constructor(seed: number, stream: string) {
    const mix = splitmix32(streamKey(seed, stream));
    this.a = mix();
    this.b = mix();
    this.c = mix();
    this.d = mix();
  }

  nextUint32(): number {
    const result = imul(rotl(imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return result;
  }

  /**
   * Fills `out` with N(0, std²) values in stream order (Marsaglia's polar method: no trigonometry, 2.4x faster
   * than Box-Muller here). A pair's second value carries over to the next call, so filling a tensor in chunks
   * gives the same values as filling it at once.
   */
  fillNormal(out: Float32Array, std: number): void {
    let index = 0;
    if (this.spare !== undefined && out.length > 0) {
      out[index++] = this.spare * std;
      this.spare = undefined;
    }
    while (index < out.length) {
      let u: number;
      let v: number;
      let s: number;
      do {
        u = this.nextUint32() / 2147483648 - 1;
        v = this.nextUint32() / 2147483648 - 1;
        s = u * u + v * v;
      } while (s >= 1 || s === 0);
      const scale = sqrt((-2 * log(s)) / s);
      out[index++] = u * scale * std;
      if (index < out.length) out[index++] = v * scale * std;
      else this.spare = v * scale;
    }
  }
}

function rotl(value: number, shift: number): number {
  return (value << shift) | (value >>> (32 - shift));
}
