// Keyboard focus for modal dialogs: focus moves in on open, Tab and Shift+Tab cycle inside (the page behind
// is covered, so focus there would be invisible), Esc closes, and focus returns to the control that opened it.
// When the focused control disappears inside the dialog (a wizard's step changes, a list is re-read), focus
// goes to the dialog's first control instead of falling back to the page body, where the next Tab would
// start from the top of the page behind.
import { useEffect, useRef, type RefObject } from 'react';

const FOCUSABLE = 'a[href], button, input, select, textarea, summary, [tabindex]';

/** The controls Tab reaches inside box, in order. */
function tabbables(box: HTMLElement): HTMLElement[] {
  return [...box.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.tabIndex >= 0
    && !(el as HTMLButtonElement).disabled && el.getClientRects().length > 0);
}

export function useModalFocus(box: RefObject<HTMLElement | null>, { onEscape, initial, escapeDisabled = false }: {
  onEscape: () => void;
  /** Focused on open; the first control otherwise. */
  initial?: RefObject<HTMLElement | null>;
  /** While busy (an import running), Esc does not close. */
  escapeDisabled?: boolean;
}) {
  const escape = useRef(onEscape);
  escape.current = onEscape;
  const disabled = useRef(escapeDisabled);
  disabled.current = escapeDisabled;

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    (initial?.current ?? tabbables(el)[0])?.focus();

    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        if (!disabled.current) { e.preventDefault(); e.stopPropagation(); escape.current(); }
        return;
      }
      if (e.key !== 'Tab') return;
      const list = tabbables(el);
      if (list.length === 0) { e.preventDefault(); return; }
      const active = document.activeElement;
      const first = list[0]!;
      const last = list[list.length - 1]!;
      if (!el.contains(active)) { e.preventDefault(); (e.shiftKey ? last : first).focus(); }
      else if (e.shiftKey && active === first) { e.preventDefault(); last.focus(); }
      else if (!e.shiftKey && active === last) { e.preventDefault(); first.focus(); }
    };
    window.addEventListener('keydown', onKey, true);

    const lost = new MutationObserver(() => {
      if (document.activeElement === document.body || document.activeElement === null) tabbables(el)[0]?.focus();
    });
    lost.observe(el, { childList: true, subtree: true, attributes: true, attributeFilter: ['disabled'] });

    return () => {
      window.removeEventListener('keydown', onKey, true);
      lost.disconnect();
      if (opener?.isConnected) opener.focus();
    };
    // Once per dialog: the handlers read the latest props through refs.
  }, []);
}
