import { describe, expect, it } from 'vitest';
import { restoreSpec, saveSpec, specFile } from '../../../src/lib/persist.ts';
import { defaultSpec, validateSpec } from '../../../src/core/spec/validate.ts';

/** A Storage backed by a Map: Node has no localStorage. */
class MemoryStorage implements Storage {
  #items = new Map<string, string>();
  get length() {
    return this.#items.size;
  }
  clear() {
    this.#items.clear();
  }
  getItem(k: string) {
    return this.#items.get(k) ?? null;
  }
  key(i: number) {
    return [...this.#items.keys()][i] ?? null;
  }
  removeItem(k: string) {
    this.#items.delete(k);
  }
  setItem(k: string, v: string) {
    this.#items.set(k, v);
  }
}

describe('spec persistence', () => {
  it('round-trips a spec through storage', () => {
    const storage = new MemoryStorage();
    const spec = defaultSpec('data/iris.csv', 'species');
    spec.train.epochs = 7;
    spec.split = { ...spec.split, train: 0.8, validation: 0.1, test: 0.1 };
    saveSpec(spec, storage);
    expect(restoreSpec(storage)).toEqual(spec);
  });

  it('ignores a saved spec that is no longer valid, or not JSON', () => {
    const storage = new MemoryStorage();
    storage.setItem('kiln.spec.v1', JSON.stringify({ version: 99 }));
    expect(restoreSpec(storage)).toBeNull();
    storage.setItem('kiln.spec.v1', '{not json');
    expect(restoreSpec(storage)).toBeNull();
    expect(restoreSpec(new MemoryStorage())).toBeNull();
  });

  it('writes a spec file the runner accepts', async () => {
    const spec = defaultSpec('iris.csv', 'species');
    const parsed = JSON.parse(await specFile(spec).text());
    const result = validateSpec(parsed);
    expect(result.ok && result.spec).toEqual(spec);
  });
});
