import type { ComponentChildren } from 'preact';

export interface BadgeProps {
  tone: 'neutral' | 'info' | 'success' | 'warning' | 'critical';
  children: ComponentChildren;
  testid?: string;
}

export function Badge({ tone, children, testid }: BadgeProps) {
  return (
    <span class={`mp-badge mp-badge-${tone}`} data-testid={testid}>
      {children}
    </span>
  );
}
