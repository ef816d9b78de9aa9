import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseBackend } from '../../../src/core/train/backend-choice.ts';
import { activate, availableBackends } from '../../../workers/train/backends.ts';
import { pickBackend } from '../../../workers/train/pick-backend.ts';

// WASM among the backends: in Node (the runner) it starts from node_modules, `auto` times it with
// the CPU backend on the real model and keeps the fastest; forced, it is used as asked.

beforeAll(() => void tf.env().set('PROD', true));
afterAll(async () => void (await activate('cpu')));

describe('chooseBackend with wasm', () => {
  it('picks wasm when it measured fastest, and names both numbers', () => {
    const choice = chooseBackend('auto', null, ['wasm', 'cpu'], { wasm: 812.4, cpu: 6 });
    expect(choice).toMatchObject({ name: 'wasm', basis: 'measured' });
    expect(choice.reason).toBe('WebGPU is not available; wasm measured fastest (wasm 812, cpu 6 samples/s)');
  });

  it('prefers wasm over plain JavaScript when nothing was measured', () => {
    expect(chooseBackend('auto', null, ['wasm', 'cpu']).name).toBe('wasm');
  });
});

describe('the backends in Node', () => {
  it('finds wasm and cpu (no GPU here), leaving cpu active', async () => {
    const found = await availableBackends();
    expect(found).toContain('wasm');
    expect(found).toContain('cpu');
    expect(found.indexOf('wasm')).toBeLessThan(found.indexOf('cpu'));
    expect(tf.getBackend()).toBe('cpu');
  });

  it('auto times every backend on the real work and leaves the fastest active', async () => {
    // The work: one conv step's worth of arithmetic, timed on whichever backend is active.
    const timed: string[] = [];
    const measure = async () => {
      timed.push(tf.getBackend());
      const start = performance.now();
      const x = tf.tidy(() => tf.conv2d(tf.ones([32, 28, 28, 8]) as tf.Tensor4D, tf.ones([3, 3, 8, 16]) as tf.Tensor4D, 1, 'same'));
      await x.data();
      x.dispose();
      return 32 / ((performance.now() - start) / 1000);
    };
    const choice = await pickBackend('auto', measure);
    expect(timed).toEqual(expect.arrayContaining(['wasm', 'cpu']));
    expect(choice.name).toBe('wasm');
    expect(choice.measured.wasm).toBeGreaterThan(choice.measured.cpu!);
    expect(tf.getBackend()).toBe('wasm');
  });

  it('activates wasm when forced', async () => {
    expect(await pickBackend('wasm', async () => 0)).toMatchObject({ name: 'wasm', basis: 'forced' });
    expect(tf.getBackend()).toBe('wasm');
  });
});
