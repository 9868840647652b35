import type { ButtonHTMLAttributes } from 'preact';

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  /** @default 'primary' */
  variant?: 'primary' | 'secondary' | 'ghost' | 'critical';
}

export function Button({ variant = 'primary', type = 'button', class: cls, ...rest }: ButtonProps) {
  return <button type={type} class={`mp-button mp-button-${variant} ${cls ?? ''}`} {...rest} />;
}
