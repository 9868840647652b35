import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef } from 'preact/hooks';
import { Button } from './button.tsx';

export interface DialogProps {
  open: boolean;
  title: ComponentChildren;
  children: ComponentChildren;
  confirmLabel: string;
  cancelLabel: string;
  /** @default 'primary' */
  tone?: 'primary' | 'critical';
  onConfirm(): void;
  onCancel(): void;
  testid?: string;
}

/**
 * A confirmation on the native <dialog> (showModal works inside the shadow root: focus trap,
 * Escape, the dialog role), unlike ODS's Modal, which renders into the page body there.
 */
export function Dialog(props: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (props.open && !dialog.open) dialog.showModal();
    if (!props.open && dialog.open) dialog.close();
  }, [props.open]);
  return (
    <dialog
      ref={ref}
      class="mp-dialog"
      aria-labelledby={`${id}-title`}
      data-testid={props.testid}
      onCancel={(event) => {
        event.preventDefault();
        props.onCancel();
      }}
    >
      <h2 id={`${id}-title`}>{props.title}</h2>
      <div>{props.children}</div>
      <div class="mp-actions">
        <Button
          variant={props.tone === 'critical' ? 'critical' : 'primary'}
          onClick={props.onConfirm}
          data-testid={props.testid ? `${props.testid}-confirm` : undefined}
        >
          {props.confirmLabel}
        </Button>
        <Button
          variant="secondary"
          onClick={props.onCancel}
          data-testid={props.testid ? `${props.testid}-cancel` : undefined}
          autofocus
        >
          {props.cancelLabel}
        </Button>
      </div>
    </dialog>
  );
}
