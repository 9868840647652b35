import { useEffect, useRef } from 'preact/hooks';

/** Moves the focus to a view's or step's heading when it appears (issue 9, accessibility). */
export function useHeadingFocus<T extends HTMLElement>(key: unknown) {
  const ref = useRef<T>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [key]);
  return ref;
}
