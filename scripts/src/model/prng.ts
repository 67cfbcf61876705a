// A seeded PRNG of our own, so the same seed writes byte-identical files on every machine and Node version
// (Math.random cannot be seeded). Each weight tensor has its own stream, keyed by (seed, tensor name): a tensor's
// values do not depend on which other tensors were written before it, so the encoder and the decoder files hold
// the same shared embedding and the fp32 and q8 twins quantize the same numbers.

/** FNV-1a over the UTF-16 code units of `text`, folded with the seed: the 32-bit key of one stream. */
function streamKey(seed: number, text: string): number {
  let hash = (0x811c9dc5 ^ (seed >>> 0)) >>> 0;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** splitmix32: spreads one 32-bit key over the 128-bit state of xoshiro128**. */
function splitmix32(state: number): () => number {
  return () => {
    state = (state + 0x9e3779b9) | 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
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
    const result = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return result;
  }

  /** Uniform in (0, 1), never 0 (Box-Muller takes its logarithm). */
  nextUnit(): number {
    return (this.nextUint32() + 0.5) / 4294967296;
  }

  /** Standard normal by Box-Muller, both values of each pair used. */
  nextNormal(): number {
    const spare = this.spare;
    if (spare !== undefined) {
      this.spare = undefined;
      return spare;
    }
    const radius = Math.sqrt(-2 * Math.log(this.nextUnit()));
    const angle = 2 * Math.PI * this.nextUnit();
    this.spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  }

  /** Fills `out` with N(0, std²) values, in stream order. */
  fillNormal(out: Float32Array, std: number): void {
    for (let index = 0; index < out.length; index++) out[index] = this.nextNormal() * std;
  }
}

function rotl(value: number, shift: number): number {
  return (value << shift) | (value >>> (32 - shift));
}
