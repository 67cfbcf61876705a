import { LRUCache } from 'lru-cache';

/**
 * Answers of the local sources (the snapshot, the store) by normalised query, each valid for one version of
 * their data: the snapshot never changes within a catalog and the store's index object is replaced when a
 * rescan of the folder comes back, so that object is the version. A repeated query then costs a lookup
 * instead of a merge plus a serialisation and hash of the whole page for its entity tag.
 */
export class AnswerMemo {
  private readonly lru: LRUCache<string, { version: object | null; answer: object }> | null;

  /** `max` answers at most; 0 remembers none. */
  constructor(max = 1000) {
    this.lru = max > 0 ? new LRUCache({ max }) : null;
  }

  /**
   * The answer remembered for `key` at `version`, else `compute()`'s, remembered frozen (callers share it).
   * A failed computation is not remembered.
   */
  async answer<T extends object>(key: string, version: object | null, compute: () => Promise<T>): Promise<T> {
    const hit = this.lru?.get(key);
    if (hit && hit.version === version) return hit.answer as T;
    const answer = Object.freeze(await compute());
    this.lru?.set(key, { version, answer });
    return answer;
  }

  clear(): void {
    this.lru?.clear();
  }
}
