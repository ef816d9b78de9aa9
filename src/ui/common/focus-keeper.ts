const focusable = 'button:not(:disabled), a[href], input:not(:disabled), select:not(:disabled), textarea:not(:disabled), summary, [tabindex]:not([tabindex="-1"])';

// Where keepFocus last put focus for want of better, until the user moves it: a result that
// arrives later (a finished load) may take focus from it.
let stopgap: HTMLElement | null = null;

/** True when focus is nowhere useful (the body, a disabled control) or only where keepFocus parked it. */
export function focusWasDropped(): boolean {
  const active = document.activeElement;
  return active === null || active === document.body || (active as HTMLButtonElement).disabled === true || active === stopgap;
}

/** True when a person could see and reach `el`. */
function reachable(el: Element): el is HTMLElement {
  return el instanceof HTMLElement && el.getClientRects().length > 0 && !el.closest('[inert], [hidden]');
}

/** The first reachable control after `lost` in `box` (document order), else the first before it. */
function nearest(box: HTMLElement, lost: HTMLElement): HTMLElement | null {
  const all = [...box.querySelectorAll(focusable)].filter(reachable);
  const after = all.find((el) => lost.isConnected && lost.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
  return after ?? all.at(-1) ?? null;
}

/**
 * Keeps keyboard focus inside `root` when the focused control is disabled (Train while training)
 * or removed (a Next button whose stage closes): the browser would drop focus to the page body,
 * sending keyboard and screen-reader users back to the top. Focus goes to the nearest control in
 * the same container, or to `fallback()` (the stage heading) when the whole container went.
 * Returns the cleanup.
 */
export function keepFocus(root: HTMLElement, fallback: () => HTMLElement | null): () => void {
  let last: HTMLElement | null = null;
  let chain: HTMLElement[] = [];
  let pending = false;

  const onFocusIn = (e: FocusEvent) => {
    last = e.target as HTMLElement;
    if (last !== stopgap) stopgap = null;
    chain = [];
    for (let el = last.parentElement; el && el !== root; el = el.parentElement) chain.push(el);
  };

  const rescue = () => {
    pending = false;
    if (!last) return;
    const active = document.activeElement;
    const dropped = active === null || active === document.body || (active === last && last.matches(':disabled'));
    if (last.isConnected && !last.matches(':disabled')) return;
    const lost = last;
    last = null;
    if (!dropped) return; // focus already went somewhere on purpose
    // The innermost container still on the page that has something else to focus.
    for (const box of chain) {
      if (!box.isConnected || !root.contains(box)) continue;
      const next = nearest(box, lost);
      if (next) return park(next);
    }
    const target = fallback();
    if (!target) return;
    if (!target.hasAttribute('tabindex')) target.tabIndex = -1;
    park(target);
  };

  const park = (el: HTMLElement) => {
    el.focus({ preventScroll: true });
    stopgap = el;
  };

  // A disabled or removed element sends no reliable event, so watch the DOM; the check is O(1).
  const observer = new MutationObserver(() => {
    if (pending || !last) return;
    if (last.isConnected && !last.matches(':disabled')) return;
    pending = true;
    queueMicrotask(rescue);
  });
  root.addEventListener('focusin', onFocusIn);
  observer.observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ['disabled'] });
  return () => {
    observer.disconnect();
    root.removeEventListener('focusin', onFocusIn);
  };
}
