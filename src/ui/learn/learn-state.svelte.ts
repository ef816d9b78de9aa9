import type { LearnStage } from '../../core/learn/context.ts';

const key = 'kiln.learn.v1';

interface Saved {
  on: boolean;
  collapsed: LearnStage[];
  presenter: boolean;
}

function load(): Saved {
  try {
    const saved = JSON.parse(localStorage.getItem(key) ?? 'null') as Partial<Saved> | null;
    return { on: saved?.on ?? true, collapsed: Array.isArray(saved?.collapsed) ? saved.collapsed : [], presenter: saved?.presenter === true };
  } catch {
    return { on: true, collapsed: [], presenter: false }; // storage blocked or corrupt: the defaults
  }
}

/**
 * Learn mode and presenter mode, remembered in localStorage (they are the person's preference,
 * not part of the pipeline spec). Learn mode starts on: newcomers are who it is for.
 */
class LearnState {
  readonly #saved = load();
  /** Stage intros and inline glossary terms are shown. */
  on = $state(this.#saved.on);
  /** Stages whose intro the user has folded away ("got it"). */
  collapsed = $state<LearnStage[]>(this.#saved.collapsed);
  /** Large, high-contrast, one stage per screen, with keyboard shortcuts. */
  presenter = $state(this.#saved.presenter);

  /** True when the stage's intro is folded. */
  isCollapsed(stage: LearnStage): boolean {
    return this.collapsed.includes(stage);
  }

  /** Folds or unfolds a stage's intro, remembering the choice. */
  setCollapsed(stage: LearnStage, collapsed: boolean): void {
    if (collapsed === this.isCollapsed(stage)) return;
    this.collapsed = collapsed ? [...this.collapsed, stage] : this.collapsed.filter((s) => s !== stage);
    this.save();
  }

  /** Writes the current choices to localStorage. */
  save(): void {
    try {
      localStorage.setItem(key, JSON.stringify({ on: this.on, collapsed: this.collapsed, presenter: this.presenter }));
    } catch {
      // Quota or privacy mode: a preference, not data.
    }
  }
}

/** The page's Learn and presenter preferences. */
export const learn = new LearnState();
