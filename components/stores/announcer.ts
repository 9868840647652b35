/**
 * The one `role="status"` live region (mounted once in app.tsx): step changes, every 10 % of the
 * copy and the outcome. Saying the same text twice is made audible by a zero-width toggle.
 */
import { signal } from '@preact/signals';

export interface Announcer {
  text: { readonly value: string };
  say(text: string): void;
}

export function createAnnouncer(): Announcer {
  const text = signal('');
  let flip = false;
  return {
    text,
    say(next) {
      flip = !flip;
      text.value = flip ? next : `${next}\u200b`;
    },
  };
}
