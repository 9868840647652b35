/**
 * Passwords to a platform's policy, checked at plan time so that no password is refused once
 * the source is renamed (issue 7): the length bounds (the service's minimum; E-mail Pro and MX
 * Plan at most 30), the 3-of-4 complexity rule, characters a platform refuses (legacy MX Plan:
 * accents, spaces at the ends), and Active Directory's rule that a password must not contain the
 * account name (SAMAccountName) nor a 3+ character part of the display name. We apply that last
 * one whatever the complexity setting: stricter than OVHcloud costs nothing, laxer is a refusal
 * after the rename.
 */
import type { PasswordPolicy } from '../platforms/index.ts';

/** Who the password is for: what it must not contain. */
export interface PasswordIdentity {
  /** Logins (the SAMAccountName follows the login; a renamed account may keep the old one). */
  logins: readonly string[];
  /** Display name, first and last name. */
  names: readonly (string | undefined)[];
}

/** The parts Active Directory looks for: the logins whole, name parts split on , . - _ # space. */
function forbiddenParts(identity: PasswordIdentity | undefined): string[] {
  if (identity === undefined) return [];
  const logins = identity.logins.map((l) => l.toLowerCase()).filter((l) => l.length >= 3);
  const names = identity.names
    .flatMap((n) => (n ?? '').split(/[,.\-_#\s]+/))
    .map((t) => t.toLowerCase())
    .filter((t) => t.length >= 3);
  return [...new Set([...logins, ...names])];
}

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
  identity?: PasswordIdentity,
): string {
  for (;;) {
    const password = randomPassword(policy, randomInt);
    // A random 16 characters rarely spell a name; when they do, draw again.
    if (passwordProblems(policy, password, identity).length === 0) return password;
  }
}

function randomPassword(policy: PasswordPolicy, randomInt: RandomInt): string {
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
export function passwordProblems(
  policy: PasswordPolicy,
  password: string,
  identity?: PasswordIdentity,
): string[] {
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
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing exactly those
  if (/[\u0000-\u001f\u007f]/.test(password)) {
    problems.push('it contains control characters');
  }
  const lower = password.toLowerCase();
  const inside = forbiddenParts(identity).filter((part) => lower.includes(part));
  if (inside.length > 0) {
    problems.push(`it must not contain the account's name (${inside.join(', ')})`);
  }
  return problems;
}
