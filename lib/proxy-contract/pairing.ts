/**
 * Pairing in one step (issue 11): the extension asks the proxy on this computer for its token,
 * the proxy shows a short code in its terminal, the person types that code in the extension, and
 * the proxy hands the token over loopback to the extension origin that asked.
 *
 * These routes are the only ones that need no token (the extension has none yet). What guards
 * them instead:
 * - the Host header must be a loopback name (as for every route: DNS rebinding);
 * - a browser request's Origin must be an allowed extension origin, and on the pairing POSTs it
 *   must equal `extensionOrigin`. Chromium sends `Origin: chrome-extension://<id>` on the
 *   background's POSTs to 127.0.0.1 and none on its GETs (tests/e2e/pairing.spec.ts checks it);
 *   a web page's POST always carries its own origin, so it is refused;
 * - the code, shown only in the proxy's terminal: three wrong codes cancel the request, only
 *   one request may be pending at a time, and once a request ended on wrong codes (three, or
 *   cancelled or expired after one) no new one is taken for PAIRING_COOLDOWN_MS, so codes
 *   cannot be guessed by asking again and again (three tries per 30 s: a million codes).
 */
import { z } from 'zod';
import type { ProxyRoute } from './routes.ts';

/** Digits in a code: shown as `123 456`, typed with or without the space. */
export const PAIRING_CODE_LENGTH = 6;
/** Wrong codes allowed for one request; the request is cancelled after the last. */
export const PAIRING_ATTEMPTS = 3;
/** How long new requests are refused (`pairing_cooldown`) after one ended on wrong codes. */
export const PAIRING_COOLDOWN_MS = 30_000;

/** `GET /v1/pairing`: what lets the extension find a proxy on the default port by itself. */
export const PairingInfoSchema = z.object({
  name: z.literal('ovh-migrate-proxy'),
  version: z.string(),
  apiVersion: z.number().int(),
  /** `pending` while a pairing request waits for its code. */
  pairing: z.enum(['idle', 'pending']),
});
export type PairingInfo = z.infer<typeof PairingInfoSchema>;

/** `POST /v1/pairing/requests`: the proxy shows a code in its terminal. */
export const PairingRequestSchema = z.strictObject({
  /** `chrome-extension://<id>` or `moz-extension://<uuid>`: who will get the token. */
  extensionOrigin: z
    .string()
    .max(200)
    .regex(/^[a-z][a-z0-9+.-]*-extension:\/\/[a-z0-9-]+$/, 'Not an extension origin.'),
});
export type PairingRequest = z.infer<typeof PairingRequestSchema>;

export const PairingTicketSchema = z.object({
  /** Names this request in the confirm call; only its requester learns it. */
  id: z.string(),
  expiresAt: z.string(),
  codeLength: z.number().int(),
  attemptsLeft: z.number().int(),
});
export type PairingTicket = z.infer<typeof PairingTicketSchema>;

/** `POST /v1/pairing/requests/:id/confirm`. */
export const PairingConfirmSchema = z.strictObject({
  extensionOrigin: PairingRequestSchema.shape.extensionOrigin,
  /** As typed: spaces and dashes are ignored. */
  code: z.string().max(40),
});
export type PairingConfirm = z.infer<typeof PairingConfirmSchema>;

export const PairingGrantSchema = z.object({
  /** The pairing token, as `Authorization: Bearer <token>` wants it. */
  token: z.string(),
});
export type PairingGrant = z.infer<typeof PairingGrantSchema>;

/** The pairing routes, part of the contract's route table (routes.ts); none needs the token. */
export const PAIRING_ROUTES = {
  /** Lets the extension find a proxy on the default port by itself. */
  pairingInfo: {
    method: 'GET',
    path: '/pairing',
    status: 200,
    response: PairingInfoSchema,
    public: true,
  },
  /** Opens a request: the proxy shows its code in the terminal. */
  requestPairing: {
    method: 'POST',
    path: '/pairing/requests',
    status: 201,
    body: PairingRequestSchema,
    response: PairingTicketSchema,
    public: true,
  },
  /** The code the person typed; the token, when it is the one shown. */
  confirmPairing: {
    method: 'POST',
    path: '/pairing/requests/:id/confirm',
    status: 200,
    body: PairingConfirmSchema,
    response: PairingGrantSchema,
    public: true,
  },
  cancelPairing: {
    method: 'POST',
    path: '/pairing/requests/:id/cancel',
    status: 200,
    body: PairingRequestSchema,
    response: PairingInfoSchema,
    public: true,
  },
} as const satisfies Record<string, ProxyRoute>;

/** `123456` → `123 456`: how the terminal shows a code. */
export function formatPairingCode(code: string): string {
  const half = Math.ceil(code.length / 2);
  return `${code.slice(0, half)} ${code.slice(half)}`;
}

/** What a person typed, reduced to its digits (`123 456`, `123-456`). */
export function normalizePairingCode(typed: string): string {
  return typed.replace(/[\s-]/g, '');
}
