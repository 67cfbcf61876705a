import { LRUCache } from 'lru-cache';

/** Bytes of remembered answers by default (their JSON size): a top-100 page is about 75 KB. */
const DEFAULT_MAX_BYTES = 16 * 1024 * 1024;

/**
 * Answers of the local sources (the snapshot, the store) by normalised query, each valid for one version of
 * their data: the snapshot never changes within a catalog and the store's index object is replaced when a
 * rescan of the folder comes back, so that object is the version. A repeated query then costs a lookup
 * instead of a merge plus a serialisation and hash of the whole page for its entity tag. Bounded in bytes.
 */
export class AnswerMemo {
  private readonly lru: LRUCache<string, { version: object | null; answer: object; bytes: number }> | null;

  /** `max` answers at most, `maxBytes` of them in all; `max` 0 remembers none. */
  constructor(max = 1000, maxBytes = DEFAULT_MAX_BYTES) {
    this.lru = max > 0 ? new LRUCache({ max, maxSize: maxBytes, sizeCalculation: (e) => Math.max(1, e.bytes) }) : null;
  }

  /**
   * The answer remembered for `key` at `version`, else `compute()`'s, remembered frozen (callers share it).
   * A failed computation is not remembered.
   */
  async answer<T extends object>(key: string, version: object | null, compute: () => Promise<T>): Promise<T> {
    const hit = this.lru?.get(key);
    if (hit && hit.version === version) return hit.answer as T;
    const answer = Object.freeze(await compute());
    this.lru?.set(key, { version, answer, bytes: Buffer.byteLength(JSON.stringify(answer)) });
    return answer;
  }

  /** Bytes held, never over `maxBytes`. */
  get bytes(): number {
    return this.lru?.calculatedSize ?? 0;
  }

  clear(): void {
    this.lru?.clear();
  }
}
