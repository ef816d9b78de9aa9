import type { Rng } from '../split/random.ts';
import type { Bracket } from './hyperband-plan.ts';
import type { Direction, Point, SearchSpace } from './schema.ts';
import { samplePoint } from './space.ts';
import { isUsable, type Proposal, type TrialRecord } from './tuner.ts';

/** A configuration waiting for a slot in a rung; `resumeFrom` is its trial in the rung below. */
interface Entrant {
  hyperparameters: Point;
  resumeFrom?: number;
}

/** Where one bracket stands: its current rung, who is queued for it and which trials ran in it. */
interface BracketState {
  rung: number;
  queue: Entrant[] | null;
  ids: number[];
  finished: boolean;
}

/**
 * A proposer for Hyperband: runs the planned brackets in order, each as successive halving.
 * Rung 0 draws random configurations; once every trial of a rung has reported, its best
 * ⌊count/η⌋ (exactly the next rung's planned count; fewer if trials failed) move up with more
 * epochs. While a bracket waits on running trials the next bracket may start, so parallel
 * runners stay busy; a sequential runner sees the brackets strictly one after another.
 */
export function hyperbandProposer(
  space: SearchSpace,
  direction: Direction,
  plan: readonly Bracket[],
  rng: Rng,
): (history: readonly TrialRecord[]) => Proposal {
  const states: BracketState[] = plan.map(() => ({ rung: 0, queue: null, ids: [], finished: false }));
  const sign = direction === 'maximize' ? 1 : -1;

  return (history) => {
    for (let b = 0; b < plan.length; b++) {
      const state = states[b];
      if (state.finished) continue;
      const rungs = plan[b].rungs;
      const planned = rungs[state.rung].count;
      if (state.ids.length === planned || (state.queue && state.queue.length === 0)) {
        // Every slot of this rung is issued: promote once all have reported, else look further.
        const records = state.ids.map((id) => history[id - 1]);
        if (records.some((r) => !r.result)) continue;
        const last = state.rung === rungs.length - 1;
        const survivors = last ? [] : records.filter(isUsable).sort((x, y) => sign * (y.result.objective - x.result.objective));
        const promoted = survivors.slice(0, last ? 0 : rungs[state.rung + 1].count);
        if (promoted.length === 0) {
          state.finished = true;
          continue;
        }
        state.rung++;
        state.ids = [];
        state.queue = promoted.map((r) => ({ hyperparameters: r.trial.hyperparameters, resumeFrom: r.trial.id }));
      }
      const entrant = state.queue ? state.queue.shift()! : { hyperparameters: samplePoint(space, rng) };
      state.ids.push(history.length + 1);
      return {
        hyperparameters: entrant.hyperparameters,
        epochs: rungs[state.rung].epochs,
        ...(entrant.resumeFrom !== undefined ? { resumeFrom: entrant.resumeFrom } : {}),
        bracket: b,
        rung: state.rung,
      };
    }
    return states.every((s) => s.finished) ? 'exhausted' : 'wait';
  };
}
