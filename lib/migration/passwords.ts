/**
 * Passwords to a platform's policy (reference §3): length, the 3-of-4 complexity rule, and
 * characters a platform refuses (legacy MX Plan: accents, spaces at the ends).
 */
import type { PasswordPolicy } from '../platforms/index.ts';

const LOWER = 'abcdefghijkmnopqrstuvwxyz';
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '23456789';
// No quotes, backslash or space: they break copy-paste and some mail clients.
const SYMBOLS = '!#%+-=_.@';

/** Uniform integer in [0, n), from the Web Crypto API (present in browsers and Node). */
export type RandomInt = (n: number) => number;

export const cryptoRandomInt: RandomInt = (n) => {
  const limit = Math.floor(0x1_0000_0000 / n) * n;
  const buffer = new Uint32Array(1);
  for (;;) {
    crypto.getRandomValues(buffer);
    const value = buffer[0] ?? 0;
    if (value < limit) return value % n;
  }
};

/** A password the policy accepts: every class once, then random, shuffled; 16+ characters. */
export function generatePassword(
  policy: PasswordPolicy,
  randomInt: RandomInt = cryptoRandomInt,
): string {
  const length = Math.min(Math.max(policy.minLength, 16), policy.maxLength);
  const allowed = (set: string) => [...set].filter((c) => !policy.forbidden?.test(c)).join('');
  const classes = [LOWER, UPPER, DIGITS, SYMBOLS].map(allowed).filter((set) => set.length > 0);
  const all = classes.join('');
  const chars = classes.map((set) => set[randomInt(set.length)] ?? '');
  while (chars.length < length) chars.push(all[randomInt(all.length)] ?? '');
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j] ?? '', chars[i] ?? ''];
  }
  return chars.join('');
}

/** What is wrong with a password under a policy, in plain sentences; empty when it fits. */
export function passwordProblems(policy: PasswordPolicy, password: string): string[] {
  const problems: string[] = [];
  if (password.length < policy.minLength) {
    problems.push(`it must have at least ${policy.minLength} characters`);
  }
  if (password.length > policy.maxLength) {
    problems.push(`it must have at most ${policy.maxLength} characters`);
  }
  if (policy.complexity) {
    const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) =>
      re.test(password),
    ).length;
    if (classes < 3) {
      problems.push('it must mix 3 of: lower case, upper case, digits, symbols');
    }
  }
  if (policy.forbidden?.test(password)) {
    problems.push('it contains characters this platform refuses (accents, spaces at the ends)');
  }
  return problems;
}
