/**
 * Scrolls `element()` into view each time `key()` changes after the component mounts: a load
 * started by a button far up the page shows its result instead of finishing out of sight.
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
    element()?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  });
}
