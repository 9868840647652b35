import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import {
  type BridgeError,
  type Outcome,
  type PairingStarted,
  type ProxyStatus,
  sendMessage,
} from '../../lib/messaging.ts';

/** What the pairing card shows; `data-state` on its status line says which. */
export type PairingView =
  | { kind: 'checking' }
  | { kind: 'ready'; url: string; version: string }
  /** A proxy answers at `url`; `refused`: the token this browser had was refused. */
  | { kind: 'found'; url: string; refused: boolean }
  | { kind: 'absent'; url: string }
  | { kind: 'incompatible'; url: string; detail?: string }
  /** The proxy shows a code in its terminal; the person types it. */
  | { kind: 'code'; ticket: PairingStarted };

/** Something that went wrong just now, said as an error (not a state). */
export type PairingProblem =
  | { kind: 'wrong_code'; attemptsLeft: number }
  /** The proxy cancelled the request; it takes a new one in `seconds` (when it said). */
  | { kind: 'too_many'; seconds?: number }
  /** A request ended on wrong codes just now: the proxy takes no new one for `seconds`. */
  | { kind: 'cooldown'; seconds: number }
  | { kind: 'expired' }
  | { kind: 'pending' }
  | { kind: 'unreachable'; url: string }
  | { kind: 'token_refused'; url: string }
  /** The address or pasted token is not usable (checked before anything is sent). */
  | { kind: 'input' }
  | { kind: 'code_missing' }
  | { kind: 'background' }
  | { kind: 'other'; message: string };

export interface Pairing {
  view: PairingView;
  problem: PairingProblem | undefined;
  busy: boolean;
  check(): Promise<void>;
  start(): Promise<void>;
  confirm(code: string): Promise<void>;
  cancel(): Promise<void>;
  /** Pairs with a pasted token (`proxy.pair`). */
  pairByHand(url: string, token: string): Promise<void>;
}

/**
 * The pairing flow against the background (lib/messaging.ts), as state plus actions. It looks
 * where things stand when it starts, unless given `initial` (the host has just looked).
 */
export function usePairing(
  onPaired?: (status: ProxyStatus) => void,
  initial?: PairingView,
): Pairing {
  const [view, setView] = useState<PairingView>(initial ?? { kind: 'checking' });
  const looked = useRef(initial !== undefined);
  const [problem, setProblem] = useState<PairingProblem>();
  const [busy, setBusy] = useState(false);

  const settle = useCallback(
    (status: ProxyStatus) => {
      setView({ kind: 'ready', url: status.url, version: status.version ?? '?' });
      onPaired?.(status);
    },
    [onPaired],
  );

  /** Where things stand: paired, or else whether a proxy answers to be paired with. */
  const look = useCallback(async (): Promise<void> => {
    const status = await sendMessage('proxy.status');
    if (!status.ok) return setProblem({ kind: 'background' });
    if (status.value.state === 'ready') return settle(status.value);
    const { url } = status.value;
    const found = await sendMessage('pairing.discover', { url });
    if (!found.ok) return setProblem({ kind: 'background' });
    if (found.value.found) {
      return setView({ kind: 'found', url, refused: status.value.state === 'unpaired' });
    }
    const incompatible =
      status.value.state === 'incompatible' || found.value.error?.code === 'incompatible';
    if (incompatible) {
      const detail = (status.value.error ?? found.value.error)?.message;
      return setView({ kind: 'incompatible', url, ...(detail ? { detail } : {}) });
    }
    setView({ kind: 'absent', url });
  }, [settle]);

  const run = useCallback(async (work: () => Promise<void>) => {
    setBusy(true);
    try {
      await work();
    } finally {
      setBusy(false);
    }
  }, []);

  useEffect(() => {
    if (looked.current) {
      looked.current = false;
      return;
    }
    void run(look);
  }, [run, look]);

  const url = view.kind === 'code' ? view.ticket.url : 'url' in view ? view.url : undefined;

  return {
    view,
    problem,
    busy,
    check: () =>
      run(async () => {
        setProblem(undefined);
        await look();
      }),
    start: () =>
      run(async () => {
        if (!url) return;
        setProblem(undefined);
        const started = await sendMessage('pairing.start', { url });
        if (started.ok) return setView({ kind: 'code', ticket: started.value });
        setProblem(problemOf(started.error, url));
        await look();
      }),
    confirm: (code) =>
      run(async () => {
        if (view.kind !== 'code') return;
        const { ticket } = view;
        if (!code.trim()) return setProblem({ kind: 'code_missing' });
        const paired = await sendMessage('pairing.confirm', {
          url: ticket.url,
          requestId: ticket.requestId,
          code,
        });
        if (paired.ok && paired.value.state === 'ready') {
          setProblem(undefined);
          return settle(paired.value);
        }
        if (paired.ok) {
          setProblem(problemOfStatus(paired.value));
          return look();
        }
        const next = problemOf(paired.error, ticket.url);
        setProblem(next);
        // Only a wrong code with tries left keeps the code field open.
        if (next.kind !== 'wrong_code') await look();
      }),
    cancel: () =>
      run(async () => {
        if (view.kind !== 'code') return;
        const { url: at, requestId } = view.ticket;
        await sendMessage('pairing.cancel', { url: at, requestId });
        setProblem(undefined);
        await look();
      }),
    pairByHand: (at, token) =>
      run(async () => {
        const paired: Outcome<ProxyStatus> = await sendMessage('proxy.pair', { url: at, token });
        if (!paired.ok) {
          return setProblem(
            paired.error.code === 'bad_request' ? { kind: 'input' } : { kind: 'background' },
          );
        }
        if (paired.value.state === 'ready') {
          setProblem(undefined);
          return settle(paired.value);
        }
        setProblem(problemOfStatus(paired.value));
      }),
  };
}

function problemOf(error: BridgeError, url: string): PairingProblem {
  switch (error.code) {
    case 'pairing_wrong_code':
      if (error.attemptsLeft !== 0) {
        return { kind: 'wrong_code', attemptsLeft: error.attemptsLeft ?? 0 };
      }
      return error.retryAfterSeconds
        ? { kind: 'too_many', seconds: error.retryAfterSeconds }
        : { kind: 'too_many' };
    case 'pairing_cooldown':
      return { kind: 'cooldown', seconds: error.retryAfterSeconds ?? 30 };
    case 'pairing_expired':
      return { kind: 'expired' };
    case 'pairing_pending':
      return { kind: 'pending' };
    case 'unreachable':
    case 'timeout':
      return { kind: 'unreachable', url };
    case 'internal':
      return { kind: 'background' };
    default:
      return { kind: 'other', message: error.message };
  }
}

function problemOfStatus(status: ProxyStatus): PairingProblem {
  switch (status.state) {
    case 'unpaired':
      return { kind: 'token_refused', url: status.url };
    case 'unreachable':
      return { kind: 'unreachable', url: status.url };
    default:
      return { kind: 'other', message: status.error?.message ?? status.state };
  }
}
