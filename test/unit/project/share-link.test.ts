import fc from 'fast-check';
import { deflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { isKilnError } from '../../../src/core/errors.ts';
import { shareHash, specFromHash } from '../../../src/core/project/share-link.ts';
import { defaultSpec, validateSpec } from '../../../src/core/spec/validate.ts';

describe('share links', () => {
  it('carries a spec through the URL hash, and only the spec', () => {
    const r = validateSpec({ version: 1, data: { source: 'data/penguins.csv', label: 'species' }, model: { hidden: [32, 16] }, train: { learningRate: 0.01 } });
    if (!r.ok) throw new Error('bad spec');
    const hash = shareHash(r.spec);
    expect(hash).toMatch(/^#spec=[A-Za-z0-9_-]+$/);
    expect(hash.length).toBeLessThan(900);
    expect(specFromHash(hash)).toEqual(r.spec);
    expect(specFromHash('#other=1')).toBeNull();
    expect(specFromHash('')).toBeNull();
  });

  it('refuses damaged, hostile and invalid hashes with a message (property)', () => {
    const hash = shareHash(defaultSpec('data/iris.csv', 'species'));
    fc.assert(
      fc.property(fc.integer({ min: 6, max: hash.length - 1 }), fc.constantFrom('A', '_', '-', '!', ''), (at, c) => {
        const bad = hash.slice(0, at) + c + hash.slice(at + 1);
        try {
          expect(specFromHash(bad)).toEqual(expect.objectContaining({ version: 1 }));
        } catch (e) {
          if (!isKilnError(e)) throw e;
          expect(e.message).toMatch(/^the shared link: /);
        }
      }),
      { numRuns: 200 },
    );
    const bomb = btoa(String.fromCharCode(...deflateSync(new Uint8Array(4 * 1024 * 1024)))).replaceAll('/', '_').replaceAll('+', '-');
    expect(() => specFromHash(`#spec=${bomb}`)).toThrow('the shared link: is damaged (it unpacks to more than 1048576 bytes); ask for the link again');
    const wrong = btoa(String.fromCharCode(...deflateSync(new TextEncoder().encode('{"version":2}'))));
    expect(() => specFromHash(`#spec=${wrong.replaceAll('/', '_').replaceAll('+', '-').replace(/=+$/, '')}`)).toThrow(/^the shared link: holds a configuration this Kiln cannot use: version: must be 1/);
  });
});
