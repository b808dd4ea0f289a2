// A modal dialog for the Data screen's wizards: focus moves into it and stays there, Esc closes it (unless
// busy), focus returns where it was (useModalFocus). Wider than the shell's help dialog: wizards hold grids.
import { useRef, type ReactNode } from 'react';
import { useModalFocus } from '../dialog/modal-focus.ts';

export function Modal({ title, onClose, children, testId, busy = false, wide = false }: {
  title: string; onClose: () => void; children: ReactNode; testId: string; busy?: boolean; wide?: boolean;
}) {
  const box = useRef<HTMLDivElement>(null);
  useModalFocus(box, { onEscape: onClose, escapeDisabled: busy });
  return (
    <div className="dialog-backdrop">
      <div ref={box} className={wide ? 'dialog data-dialog wide' : 'dialog data-dialog'} role="dialog" aria-modal="true" aria-label={title} data-testid={testId}>
        <h2>{title}</h2>
        {children}
      </div>
    </div>
  );
}
