import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';

export interface ProgressProps {
  label: ComponentChildren;
  /** 0…max; undefined: indeterminate. */
  value?: number;
  max: number;
  /** What the bar says in words ("120 of 300 messages, 40 %"), shown and given to assistive tech. */
  text: string;
  testid?: string;
}

/** A native <progress> with its value in words beside it (and as its accessible value). */
export function Progress({ label, value, max, text, testid }: ProgressProps) {
  const id = useId();
  return (
    <div class="mp-progress" data-testid={testid}>
      <div class="mp-progress-label">
        <span id={`${id}-label`}>{label}</span>
        <span id={`${id}-text`}>{text}</span>
      </div>
      <progress
        max={max}
        value={value}
        aria-labelledby={`${id}-label`}
        aria-valuetext={text}
        aria-describedby={`${id}-text`}
      />
    </div>
  );
}
