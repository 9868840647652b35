/**
 * What a person reads in the proxy's window: the start text and the pairing codes. Plain
 * sentences; the log (proxy.log, and stderr) keeps the technical lines.
 */
import { formatPairingCode } from '../../lib/proxy-contract/index.ts';
import type { PairingEvent } from './auth/pairing.ts';

export interface StartTextOptions {
  name: string;
  version: string;
  url: string;
  dataDir: string;
  token: string;
  /** Whether one-step pairing is on (it is, unless the proxy listens off loopback). */
  pairing: boolean;
}

/**
 * The start text. Tests and scripts read two of its lines: `Pairing token: <token>` and the last,
 * `READY <url>`; keep both as they are.
 */
export function startText(options: StartTextOptions): string {
  const { name, version, url, dataDir, token } = options;
  const next = options.pairing
    ? [
        'Next, in your browser (once; a browser already paired with this proxy stays paired):',
        'open the OVHcloud control panel (the "Migrate platform" panel) or the extension\'s options,',
        'and press "Pair with the proxy on this computer". A code then appears here: type it in',
        'the extension. To pair by hand instead, paste this token there:',
      ]
    : [
        "Next, in your browser: paste this token in the extension's options, with the address above:",
      ];
  return [
    `${name} ${version}: the companion proxy of the OVHcloud "Migrate platform" extension.`,
    'It copies your mailboxes from one server to the other, from this computer. It keeps no',
    'password: they stay in its memory while a copy runs.',
    '',
    `Address:     ${url}`,
    `Data folder: ${dataDir}`,
    '',
    ...next,
    `Pairing token: ${token}`,
    '',
    'Leave this window open while mail is being copied. To stop the proxy, press Ctrl+C: a copy',
    'that was running continues where it stopped when you start the proxy again.',
    `READY ${url}`,
    '',
  ].join('\n');
}

/** One pairing event, as the proxy's window shows it. */
export function pairingText(event: PairingEvent): string {
  const who = `the extension ${event.origin}`;
  switch (event.kind) {
    case 'requested': {
      const until = event.expiresAt.toTimeString().slice(0, 5);
      return [
        '',
        `Pairing requested by ${who}.`,
        `    Code:  ${formatPairingCode(event.code)}`,
        `Type this code in the extension (until ${until}). If you did not ask to pair, ignore it.`,
        '',
      ].join('\n');
    }
    case 'wrong_code':
      return `A wrong pairing code was typed (${event.attemptsLeft} ${event.attemptsLeft === 1 ? 'try' : 'tries'} left).\n`;
    case 'paired':
      return `Paired with ${who}. You can now start the migration in the control panel.\n`;
    case 'ended':
      return `${
        event.reason === 'expired'
          ? 'The pairing request expired'
          : event.reason === 'cancelled'
            ? 'The pairing request was cancelled'
            : 'Too many wrong codes: the pairing request was cancelled'
      }. ${
        event.cooldownMs
          ? `Because a wrong code was typed, new requests wait ${Math.round(event.cooldownMs / 1000)} seconds: then start again from the extension to get a new code.`
          : 'Start again from the extension to get a new code.'
      }\n`;
  }
}
