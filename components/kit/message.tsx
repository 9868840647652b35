import type { ComponentChildren } from 'preact';
import { Icon } from './icons.tsx';

export type Tone = 'info' | 'success' | 'warning' | 'critical';

export interface MessageProps {
  tone: Tone;
  title?: ComponentChildren;
  children?: ComponentChildren;
  /** `alert` for errors (read at once by screen readers); none for static notes. */
  role?: 'alert';
  testid?: string;
}

export function Message({ tone, title, children, role, testid }: MessageProps) {
  return (
    <div class={`mp-message mp-message-${tone}`} role={role} data-testid={testid} data-tone={tone}>
      <Icon name={tone} />
      <div class="mp-message-body">
        {title && <p class="mp-message-title">{title}</p>}
        {children}
      </div>
    </div>
  );
}
