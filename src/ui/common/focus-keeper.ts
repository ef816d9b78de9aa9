const focusable = 'button:not(:disabled), a[href], input:not(:disabled), select:not(:disabled), textarea:not(:disabled), summary, [tabindex]:not([tabindex="-1"])';

// Where keepFocus last put focus for want of better, until the user moves it: a result that
// arrives later (a finished load) may take focus from it.
let stopgap: HTMLElement | null = null;

/** True when focus is nowhere useful (the body, a disabled control) or only where keepFocus parked it. */
export function focusWasDropped(): boolean {
  const active = document.activeElement;
  return active === null || active === document.body || (active as HTMLButtonElement).disabled === true || active === stopgap;
}

/** True when `el` is rendered: a closed <details> keeps its content's boxes, so rects alone do not tell. */
function shown(el: Element): boolean {
  return typeof el.checkVisibility === 'function' ? el.checkVisibility() : el.getClientRects().length > 0;
}

/** True when a person could see and reach `el`. */
function reachable(el: Element): el is HTMLElement {
  return el instanceof HTMLElement && shown(el) && !el.closest('[inert], [hidden]');
}

/** The first reachable control after `lost` in `box` (document order), else the first before it. */
function nearest(box: HTMLElement, lost: HTMLElement): HTMLElement | null {
  const all = [...box.querySelectorAll(focusable)].filter(reachable);
  const after = all.find((el) => lost.isConnected && lost.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
  return after ?? all.at(-1) ?? null;
}

/**
 * Keeps keyboard focus inside `root` when the focused control is disabled (Train while training),
 * removed (a Next button whose stage closes) or folded away (a button in a closing <details>):
 * the browser would drop focus to the page body, sending keyboard and screen-reader users back to
 * the top. Focus goes to the nearest control in
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
    const dropped = active === null || active === document.body || (active === last && (last.matches(':disabled') || !shown(last)));
    if (last.isConnected && !last.matches(':disabled') && shown(last)) return;
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

  // A disabled, removed or folded-away element sends no reliable event, so watch the DOM. The check
  // is O(1); layout is read only when a <details> folds or something is hidden, which is rare.
  const observer = new MutationObserver((records) => {
    if (pending || !last) return;
    const folded = records.some((r) => r.attributeName === 'open' || r.attributeName === 'hidden');
    if (last.isConnected && !last.matches(':disabled') && !(folded && !shown(last))) return;
    pending = true;
    queueMicrotask(rescue);
  });
  root.addEventListener('focusin', onFocusIn);
  observer.observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ['disabled', 'open', 'hidden'] });
  return () => {
    observer.disconnect();
    root.removeEventListener('focusin', onFocusIn);
  };
}
