import type { ComponentChildren } from 'preact';
import { Icon } from './icons.tsx';

export interface DrawerProps {
  title: string;
  closeLabel: string;
  onClose(): void;
  children: ComponentChildren;
  /** Extra header content (language switch). */
  header?: ComponentChildren;
}

/**
 * The side panel. Non-modal (the control panel stays usable beside it), a labelled region;
 * Escape closes it, and the launcher gets the focus back (see app.tsx).
 */
export function Drawer({ title, closeLabel, onClose, children, header }: DrawerProps) {
  return (
    <section
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
