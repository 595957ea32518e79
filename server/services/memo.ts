/**
 * A small least-recently-used map for values derived from immutable inputs (published versions,
 * a product at a revision). Keys name those inputs completely, so every instance of the app
 * computes the same value for a key: this is a cache, not state.
 */
export class Lru<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly capacity: number) {}

  getOrCreate(key: string, create: () => V): V {
    const hit = this.map.get(key);
    if (hit !== undefined) {
      this.map.delete(key);
      this.map.set(key, hit);
      return hit;
    }
    const value = create();
    this.map.set(key, value);
    // A failed computation (e.g. the database was briefly unreachable) is not remembered.
    if (value instanceof Promise) value.catch(() => this.map.get(key) === value && this.map.delete(key));
    if (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value!);
    return value;
  }
}
