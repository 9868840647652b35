import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { Icon } from './icons.tsx';

export interface DrawerProps {
  /** Closed, it stays mounted (hidden): what runs inside it goes on. @default true */
  open?: boolean;
  title: string;
  closeLabel: string;
  onClose(): void;
  children: ComponentChildren;
  /** Extra header content (language switch). */
  header?: ComponentChildren;
}

/**
 * The side panel. Non-modal (the control panel stays usable beside it), a labelled region;
 * Escape closes it, and the launcher gets the focus back (see app.tsx). Opened again, the focus
 * goes to the heading of the view it shows.
 */
export function Drawer({ open = true, title, closeLabel, onClose, children, header }: DrawerProps) {
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    if (open) ref.current?.querySelector<HTMLElement>('.mp-drawer-body [tabindex="-1"]')?.focus();
  }, [open]);
  return (
    <section
      ref={ref}
      hidden={!open}
      class="mp-drawer"
      role="dialog"
      aria-modal="false"
      aria-labelledby="mp-drawer-title"
      data-testid="panel-drawer"
      onKeyDown={(event) => {
        // A confirmation dialog inside handles its own Escape.
        const inDialog = (event.target as Element | null)?.closest?.('dialog');
        if (event.key === 'Escape' && !event.defaultPrevented && !inDialog) {
          event.stopPropagation();
          onClose();
        }
      }}
    >
      <div class="mp-drawer-header">
        <h1 id="mp-drawer-title">{title}</h1>
        {header}
        <button
          type="button"
          class="mp-icon-button"
          aria-label={closeLabel}
          title={closeLabel}
          data-testid="panel-close"
          onClick={onClose}
        >
          <Icon name="close" />
        </button>
      </div>
      <div class="mp-drawer-body">{children}</div>
    </section>
  );
}
