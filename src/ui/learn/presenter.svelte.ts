import { tick } from 'svelte';
import { project } from '../../lib/project.svelte.ts';
import { run } from '../../lib/run.svelte.ts';
import { stages } from '../../lib/stages.ts';
import { learn } from './learn-state.svelte.ts';

/** The keys presenter mode answers, as the help overlay lists them. */
export const shortcuts = [
  { keys: ['→', 'PageDown', 'N'], does: 'Next stage' },
  { keys: ['←', 'PageUp', 'P'], does: 'Previous stage' },
  { keys: ['T'], does: 'Start training, or stop it while it runs' },
  { keys: ['L'], does: 'Learn mode on or off' },
  { keys: ['?'], does: 'Show or hide these shortcuts' },
  { keys: ['Esc'], does: 'Close this help' },
] as const;

/** Turns presenter mode on or off: a class on <html> that presenter.css styles, remembered. */
export function setPresenter(on: boolean): void {
  learn.presenter = on;
  learn.save();
  document.documentElement.classList.toggle('presenter', on);
}

/** Opens the stage `delta` steps from the current one (clamped to the first and last). */
export function moveStage(delta: number): void {
  const i = stages.findIndex((s) => s.id === project.stage);
  project.stage = stages[Math.max(0, Math.min(stages.length - 1, i + delta))].id;
}

/**
 * Stops a running training, or opens Train and presses its button, so the panel's own checks
 * (data loaded, a buildable model, no tuning job) decide whether training may start.
 */
export async function toggleTraining(): Promise<void> {
  if (run.busy) return run.stop();
  project.stage = 'train';
  await tick();
  const button = document.querySelector<HTMLButtonElement>('[data-testid="train-button"]');
  if (button && !button.disabled) button.click();
}

/** True when a key press belongs to a field or a modified shortcut, not to presenter mode. */
function ownedElsewhere(e: KeyboardEvent): boolean {
  if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return true;
  const t = e.target as HTMLElement | null;
  // A dialog that is open (this help, or another) owns the keys until it closes; Esc closes it natively.
  return !!t && (t.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA'].includes(t.tagName) || (e.key !== '?' && t.closest('dialog') !== null));
}

/**
 * Presenter mode's keyboard handler; returns 'help' when the help overlay should toggle. Keys
 * act only in presenter mode (except '?'), and never while typing in a field.
 */
export function presenterKey(e: KeyboardEvent): 'help' | null {
  if (ownedElsewhere(e)) return null;
  if (e.key === '?') return (e.preventDefault(), 'help');
  if (!learn.presenter) return null;
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  const act: Record<string, () => void> = {
    ArrowRight: () => moveStage(1),
    PageDown: () => moveStage(1),
    n: () => moveStage(1),
    ArrowLeft: () => moveStage(-1),
    PageUp: () => moveStage(-1),
    p: () => moveStage(-1),
    t: () => void toggleTraining(),
    l: () => ((learn.on = !learn.on), learn.save()),
  };
  if (!act[key]) return null;
  e.preventDefault();
  act[key]();
  return null;
}
