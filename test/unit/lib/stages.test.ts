import { describe, expect, it } from 'vitest';
import { markWords, stageMarks, stages, type StageFacts, type StageId } from '../../../src/lib/stages.ts';

const facts = (over: Partial<StageFacts> = {}): StageFacts => ({ goalSet: false, data: 'none', trained: false, seen: new Set<StageId>(), ...over });
const all = new Set<StageId>(stages.map((s) => s.id));

describe('stageMarks', () => {
  it('marks every stage todo on an empty page', () => {
    const marks = stageMarks(facts());
    expect(Object.keys(marks)).toEqual(stages.map((s) => s.id));
    expect(Object.values(marks).every((m) => m === 'todo')).toBe(true);
  });

  it('skips Augment for a table and marks the looking stages done only once opened', () => {
    expect(stageMarks(facts({ data: 'table', seen: new Set(['prepare']) }))).toEqual({
      goal: 'todo', collect: 'done', prepare: 'done', augment: 'skipped', split: 'todo',
      train: 'todo', evaluate: 'todo', deploy: 'todo', monitor: 'todo',
    });
  });

  it('does not skip Augment for images; it is done once opened', () => {
    expect(stageMarks(facts({ data: 'images' })).augment).toBe('todo');
    expect(stageMarks(facts({ data: 'images', seen: new Set(['augment']) })).augment).toBe('done');
  });

  it('counts Split done after training even if never opened, but not without data', () => {
    expect(stageMarks(facts({ data: 'table', trained: true })).split).toBe('done');
    expect(stageMarks(facts({ data: 'none', seen: new Set(['split']) })).split).toBe('todo');
  });

  it('needs a trained model before Evaluate, Deploy and Monitor count as done, even when opened', () => {
    const opened = stageMarks(facts({ data: 'table', goalSet: true, seen: all }));
    expect([opened.evaluate, opened.deploy, opened.monitor, opened.train]).toEqual(['todo', 'todo', 'todo', 'todo']);
    const trained = stageMarks(facts({ data: 'table', goalSet: true, trained: true, seen: all }));
    expect(trained).toEqual({
      goal: 'done', collect: 'done', prepare: 'done', augment: 'skipped', split: 'done',
      train: 'done', evaluate: 'done', deploy: 'done', monitor: 'done',
    });
  });
});

describe('markWords', () => {
  it('says every non-todo mark in words and adds nothing for todo', () => {
    expect(markWords).toEqual({ done: 'done', skipped: 'not needed for tables', todo: '' });
  });
});
