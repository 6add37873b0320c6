import type { ReactNode } from 'react';

interface Props {
  /** What is about to be deleted, and what follows from it. */
  children: ReactNode;
  onConfirm: () => void;
  onCancel: () => void;
  busy: boolean;
}

/** The inline "are you sure?" every delete goes through. */
export function ConfirmDelete({ children, onConfirm, onCancel, busy }: Props) {
  return (
    <div className="confirm" role="alertdialog" aria-labelledby="confirm-delete-title">
      <p id="confirm-delete-title">{children}</p>
      <button type="button" className="button danger" onClick={onConfirm} disabled={busy}>
        Confirm delete
      </button>
      <button type="button" className="button" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
