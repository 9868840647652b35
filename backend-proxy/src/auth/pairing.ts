import { randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import {
  normalizePairingCode,
  PAIRING_ATTEMPTS,
  PAIRING_CODE_LENGTH,
  PAIRING_COOLDOWN_MS,
  type PairingGrant,
  type PairingTicket,
} from '../../../lib/proxy-contract/index.ts';
import { ProxyFailure } from '../errors.ts';

/** What the proxy's terminal is told, so the person sees the code and what became of it. */
export type PairingEvent =
  | { kind: 'requested'; origin: string; code: string; expiresAt: Date }
  | { kind: 'wrong_code'; origin: string; attemptsLeft: number }
  | { kind: 'paired'; origin: string }
  | {
      kind: 'ended';
      origin: string;
      reason: 'cancelled' | 'expired' | 'too_many_attempts';
      /** Set when wrong codes were typed: no new request is taken for that long. */
      cooldownMs?: number;
    };

export interface PairingDeskOptions {
  /** The token handed over once the right code is typed. */
  token: string;
  /** Shows an event in the proxy's terminal (the only place the code appears). */
  announce(event: PairingEvent): void;
  /**
   * How long a request waits for its code.
   * @default 300_000
   */
  ttlMs?: number;
  /**
   * Wrong codes allowed before the request is cancelled.
   * @default PAIRING_ATTEMPTS
   */
  attempts?: number;
  /**
   * After a request that took a wrong code ends without pairing (too many wrong codes, or
   * cancelled or expired after one), how long new requests are refused: without it, asking
   * again and again would give three fresh tries each time (issue 11).
   * @default PAIRING_COOLDOWN_MS
   */
  cooldownMs?: number;
  /** @default Date.now */
  now?: () => number;
}

/** One pairing request at a time, its code, and the wrong codes it may still take. */
export interface PairingDesk {
  state(): 'idle' | 'pending';
  /**
   * Opens a request for `origin` and announces its code; `pairing_pending` if one is open,
   * `pairing_cooldown` (with `retryAfterSeconds`) just after one ended on wrong codes.
   */
  request(origin: string): PairingTicket;
  /** The token, when `code` is the one shown; `pairing_wrong_code` or `pairing_expired` else. */
  confirm(id: string, origin: string, code: string): PairingGrant;
  cancel(id: string, origin: string): void;
  /** Stops the expiry timer (the proxy is stopping). */
  close(): void;
}

interface Pending {
  id: string;
  origin: string;
  code: string;
  expiresAt: Date;
  attemptsLeft: number;
  timer: NodeJS.Timeout;
}

export function createPairingDesk(options: PairingDeskOptions): PairingDesk {
  const ttlMs = options.ttlMs ?? 300_000;
  const attempts = options.attempts ?? PAIRING_ATTEMPTS;
  const cooldownMs = options.cooldownMs ?? PAIRING_COOLDOWN_MS;
  const now = options.now ?? Date.now;
  let pending: Pending | undefined;
  /** Until when (ms since the epoch) new requests are refused. */
  let coolUntil = 0;

  const end = (reason: 'cancelled' | 'expired' | 'too_many_attempts') => {
    if (!pending) return;
    clearTimeout(pending.timer);
    // A wrong code was typed for it: its end starts the cooldown.
    const guessed = pending.attemptsLeft < attempts;
    if (guessed) coolUntil = now() + cooldownMs;
    options.announce({
      kind: 'ended',
      origin: pending.origin,
      reason,
      ...(guessed ? { cooldownMs } : {}),
    });
    pending = undefined;
  };

  /** Whole seconds left in the cooldown (at least 1 while it lasts), 0 once it is over. */
  const coolingSeconds = () => Math.max(0, Math.ceil((coolUntil - now()) / 1000));

  /** The open request named `id` for `origin`, or the failure that says why there is none. */
  const find = (id: string, origin: string): Pending => {
    if (!pending || pending.id !== id) throw new ProxyFailure('pairing_expired');
    if (pending.origin !== origin) {
      throw new ProxyFailure(
        'forbidden_origin',
        'This pairing request was opened by another extension.',
      );
    }
    return pending;
  };

  return {
    state: () => (pending ? 'pending' : 'idle'),
    request(origin) {
      if (pending) throw new ProxyFailure('pairing_pending');
      const wait = coolingSeconds();
      if (wait > 0) {
        throw new ProxyFailure(
          'pairing_cooldown',
          `Too many wrong pairing codes were typed just now: start pairing again in ${wait} seconds.`,
          { details: { retryAfterSeconds: wait } },
        );
      }
      const code = String(randomInt(10 ** PAIRING_CODE_LENGTH)).padStart(PAIRING_CODE_LENGTH, '0');
      const expiresAt = new Date(Date.now() + ttlMs);
      const timer = setTimeout(() => end('expired'), ttlMs).unref();
      pending = {
        id: randomBytes(16).toString('base64url'),
        origin,
        code,
        expiresAt,
        attemptsLeft: attempts,
        timer,
      };
      options.announce({ kind: 'requested', origin, code, expiresAt });
      return {
        id: pending.id,
        expiresAt: expiresAt.toISOString(),
        codeLength: PAIRING_CODE_LENGTH,
        attemptsLeft: attempts,
      };
    },
    confirm(id, origin, typed) {
      const open = find(id, origin);
      if (!sameCode(normalizePairingCode(typed), open.code)) {
        open.attemptsLeft -= 1;
        const { attemptsLeft } = open;
        if (attemptsLeft === 0) end('too_many_attempts');
        else options.announce({ kind: 'wrong_code', origin, attemptsLeft });
        throw new ProxyFailure(
          'pairing_wrong_code',
          attemptsLeft === 0
            ? `That is not the code the proxy shows, and it was the last try: start pairing again in ${coolingSeconds()} seconds.`
            : undefined,
          {
            details:
              attemptsLeft === 0
                ? { attemptsLeft, retryAfterSeconds: coolingSeconds() }
                : { attemptsLeft },
          },
        );
      }
      clearTimeout(open.timer);
      pending = undefined;
      options.announce({ kind: 'paired', origin });
      return { token: options.token };
    },
    cancel(id, origin) {
      find(id, origin);
      end('cancelled');
    },
    close() {
      if (pending) clearTimeout(pending.timer);
      pending = undefined;
    },
  };
}

function sameCode(typed: string, code: string): boolean {
  const a = Buffer.from(typed);
  const b = Buffer.from(code);
  return a.length === b.length && timingSafeEqual(a, b);
}
