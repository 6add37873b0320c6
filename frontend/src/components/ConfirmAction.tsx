import { useState, type ReactNode } from 'react';

interface Props {
  /** The button's label, e.g. "Revoke all tokens". */
  label: string;
  /** What is about to happen, and what follows from it. */
  children: ReactNode;
  /** The confirming button's label. */
  confirmLabel: string;
  onConfirm: () => void;
  busy: boolean;
  /** Accessible name of the confirmation (several may be on one page). */
  name?: string;
}

/** A destructive button that asks "are you sure?" inline before it acts. */
export function ConfirmAction({ label, children, confirmLabel, onConfirm, busy, name }: Props) {
  const [asking, setAsking] = useState(false);
  if (!asking)
    return (
      <button type="button" className="button danger" onClick={() => setAsking(true)} disabled={busy}>
        {label}
      </button>
    );
  return (
    <div className="confirm" role="alertdialog" aria-label={name ?? label}>
      <p>{children}</p>
      <button
        type="button"
        className="button danger"
        disabled={busy}
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {confirmLabel}
      </button>
      <button type="button" className="button" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </div>
  );
}
