import { focusWasDropped } from './focus-keeper.ts';

/**
 * Scrolls `element()` into view each time `key()` changes after the component mounts: a load
 * started by a button far up the page shows its result instead of finishing out of sight. When
 * the button that started it dropped focus (it is disabled while loading), focus moves there too,
 * so keyboard and screen-reader users land on the result instead of the top of the page.
 * Call it during component initialisation (it creates an effect).
 *
 * revealOnChange(() => data.profile, () => card);
 */
export function revealOnChange(key: () => unknown, element: () => HTMLElement | undefined): void {
  let first = true;
  $effect(() => {
    key();
    if (first) {
      first = false;
      return;
    }
    const el = element();
    if (!el) return;
    el.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    if (focusWasDropped()) {
      if (!el.hasAttribute('tabindex')) el.tabIndex = -1;
      el.focus({ preventScroll: true });
    }
  });
}
