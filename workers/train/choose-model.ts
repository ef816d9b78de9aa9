import type { SplitIndices } from '../../src/core/split/split.ts';
import type { PipelineSpec } from '../../src/core/spec/schema.ts';
import { keptValLoss, pickCandidate } from '../../src/core/train/model-choice.ts';
import type { ModelCandidate, ModelChoice } from '../../src/core/train/protocol.ts';
import { fitAndScore, type FitHooks, type FittedRun, type RunParts } from './fitted-run.ts';
import { disposeModel } from './model.ts';

/** One model a run may keep: its label, the spec that builds it (only `model` differs), and its parts. */
export interface Candidate {
  preset: ModelCandidate['preset'];
  spec: PipelineSpec;
  parts: RunParts;
}

/**
 * Trains each candidate on the same split in turn and keeps one by its validation losses
 * (pickCandidate: the linear model unless the MLP is better by more than one standard error); the
 * others' models are disposed. Only the first reports its epochs (the page's curves and
 * epoch log are one run's); all report progress. A stop ends the run after the current candidate;
 * with one candidate this is `fitAndScore`.
 *
 * const run = await fitAndChoose([mlp, logistic], split, hooks) // → run.modelChoice: { picked: 'linear', candidates: [...] }
 */
export async function fitAndChoose(candidates: readonly Candidate[], split: SplitIndices, hooks: FitHooks, onNext: (next: Candidate) => void = () => {}): Promise<FittedRun> {
  const runs: FittedRun[] = [];
  try {
    for (const [i, candidate] of candidates.entries()) {
      if (i > 0 && hooks.shouldStop()) break;
      if (i > 0) onNext(candidate);
      // Checkpoints are the first (the spec's own) model's: the comparison retrains from scratch.
      runs.push(await fitAndScore(candidate.spec, split, candidate.parts, i === 0 ? hooks : { ...hooks, onEpoch: () => {}, checkpoints: undefined }));
    }
  } catch (e) {
    for (const run of runs) disposeModel(run.model);
    throw e;
  }
  // A stop before the linear model's first epoch leaves nothing worth comparing: the MLP stands.
  const stopped = runs.some((r) => r.stopped);
  if (runs.length === 2 && runs[1].history.length === 0) disposeModel(runs.pop()!.model);
  if (runs.length < 2) return { ...runs[0], stopped };
  const scored: ModelCandidate[] = runs.map((run, i) => ({ preset: candidates[i].preset, valLoss: meanLoss(run), epochs: run.history.length }));
  const rows = runs.every((r) => r.validationLosses) ? runs.map((r) => r.validationLosses!) : undefined;
  const { index, difference } = pickCandidate(scored, rows);
  for (const [i, run] of runs.entries()) if (i !== index) disposeModel(run.model);
  const modelChoice: ModelChoice = { picked: index === 0 ? 'mlp' : 'linear', candidates: scored, ...(difference ? { difference } : {}) };
  // A stop during any candidate makes the whole run a stopped one.
  return { ...runs[index], stopped, modelChoice };
}

/** The kept weights' mean validation loss, row by row when known, else as the loop logged it. */
function meanLoss(run: FittedRun): number | null {
  const rows = run.validationLosses;
  if (rows && rows.length > 0) return rows.reduce((a, b) => a + b, 0) / rows.length;
  return keptValLoss(run.history, run.bestEpoch);
}
