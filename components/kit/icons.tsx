// Inline SVG icons (ODS icons need its icon font, which the shadow root would load from the page).
import type { SVGAttributes } from 'preact';
import { ICON_PATHS, type IconName } from './icon-paths.ts';

export type { IconName };

export interface IconProps extends SVGAttributes<SVGSVGElement> {
  name: IconName;
  size?: number;
}

/** Decorative: the text next to it says the same thing. */
export function Icon({ name, size = 18, ...rest }: IconProps) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 20 20"
      fill="currentColor"
      aria-hidden="true"
      focusable="false"
      {...rest}
    >
      <path d={ICON_PATHS[name]} />
    </svg>
  );
}
