/**
 * A small least-recently-used map for values derived from immutable inputs (published versions,
 * a product at a revision). Keys name those inputs completely, so every instance of the app
 * computes the same value for a key: this is a cache, not state.
 * With `maxAgeMs`, entries also expire: for values that may change but may be that stale (the
 * same bound as the signed session cookie cache, see server/auth/auth.ts).
 */
export class Lru<V> {
  private readonly map = new Map<string, { value: V; expiresAt: number }>();
  constructor(
    private readonly capacity: number,
    private readonly maxAgeMs = Infinity,
  ) {}

  /** The live value under `key`, without creating one (and without refreshing its place). */
  peek(key: string): V | undefined {
    const hit = this.map.get(key);
    return hit !== undefined && hit.expiresAt > Date.now() ? hit.value : undefined;
  }

  getOrCreate(key: string, create: () => V): V {
    const hit = this.map.get(key);
    this.map.delete(key);
    if (hit !== undefined && hit.expiresAt > Date.now()) {
      this.map.set(key, hit);
      return hit.value;
    }
    const value = create();
    const entry = { value, expiresAt: Date.now() + this.maxAgeMs };
    this.map.set(key, entry);
    // A failed computation (e.g. the database was briefly unreachable) is not remembered.
    if (value instanceof Promise) value.catch(() => this.map.get(key) === entry && this.map.delete(key));
    if (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value!);
    return value;
  }
}
