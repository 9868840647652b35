import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';

export interface FieldProps {
  label: ComponentChildren;
  /** @default 'text' */
  type?: 'text' | 'password' | 'search';
  value: string;
  onInput(event: { currentTarget: HTMLInputElement }): void;
  autocomplete?: string;
  hint?: ComponentChildren;
  error?: ComponentChildren;
  testid?: string;
  /** Shown under the input (password rules...), and described by it. */
  children?: ComponentChildren;
}

export function Field({
  label,
  type = 'text',
  value,
  onInput,
  autocomplete,
  hint,
  error,
  testid,
  children,
}: FieldProps) {
  const id = useId();
  const described = [
    hint ? `${id}-hint` : '',
    error ? `${id}-error` : '',
    children ? `${id}-more` : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <div class="mp-field">
      <label for={id}>{label}</label>
      <input
        id={id}
        class="mp-input"
        type={type as 'text'}
        value={value}
        onInput={onInput}
        autocomplete={autocomplete}
        spellcheck={false}
        data-testid={testid}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={described || undefined}
      />
      {hint && (
        <span class="mp-field-hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {error && (
        <span class="mp-field-error" id={`${id}-error`}>
          {error}
        </span>
      )}
      {children && <div id={`${id}-more`}>{children}</div>}
    </div>
  );
}
