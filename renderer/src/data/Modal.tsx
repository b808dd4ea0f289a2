// A modal dialog for the Data screen's wizards: focus moves into it, Esc closes it (unless busy), focus
// returns where it was. Wider than the shell's help dialog: wizards hold grids.
import { useEffect, useRef, type ReactNode } from 'react';

export function Modal({ title, onClose, children, testId, busy = false, wide = false }: {
  title: string; onClose: () => void; children: ReactNode; testId: string; busy?: boolean; wide?: boolean;
}) {
  const box = useRef<HTMLDivElement>(null);
  const closeRef = useRef(onClose);
  closeRef.current = onClose;
  const busyRef = useRef(busy);
  busyRef.current = busy;
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    const first = box.current?.querySelector<HTMLElement>('input, select, button, textarea, [tabindex="0"]');
    first?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !busyRef.current) { e.preventDefault(); e.stopPropagation(); closeRef.current(); }
    };
    window.addEventListener('keydown', onKey, true);
    return () => { window.removeEventListener('keydown', onKey, true); before?.focus(); };
  }, []);
  return (
    <div className="dialog-backdrop">
      <div ref={box} className={wide ? 'dialog data-dialog wide' : 'dialog data-dialog'} role="dialog" aria-modal="true" aria-label={title} data-testid={testId}>
        <h2>{title}</h2>
        {children}
      </div>
    </div>
  );
}
