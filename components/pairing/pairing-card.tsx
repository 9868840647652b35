import { useEffect } from 'preact/hooks';
import type { Translator } from '../../lib/i18n/translate.ts';
import type { ProxyStatus } from '../../lib/messaging.ts';
import { CodeForm } from './code-form.tsx';
import { ManualPairing } from './manual-pairing.tsx';
import { type PairingProblem, type PairingView, usePairing } from './use-pairing.ts';
import './pairing.css';

export interface PairingCardProps {
  /** The words, in the language of the page that embeds the card (lib/i18n). */
  tr: Translator;
  /**
   * Say what to do once paired (open the control panel): the options page does, the panel,
   * already in the control panel, does not.
   * @default true
   */
  showNextStep?: boolean;
  /**
   * Offer pairing by hand with a pasted token (and another address).
   * @default true
   */
  showManual?: boolean;
  /** Called once the extension is paired (now or already). */
  onPaired?(status: ProxyStatus): void;
  /**
   * The live region of the page that embeds the card (the panel has one): the status line is
   * said through it and is no `role="status"` of its own. Without it (the options page), the
   * status line is the live region. Errors stay `role="alert"` either way.
   */
  announce?(text: string): void;
  /**
   * The host has just found a proxy to pair with at `url` (`refused`: it refused this browser's
   * token): the card starts there instead of asking the background again.
   */
  found?: { url: string; refused: boolean };
}

// The EU control panel (most customers); Canada's is manager.ca.ovhcloud.com.
const CONTROL_PANEL_URL = 'https://manager.eu.ovhcloud.com/';

/**
 * "Pair with the proxy on this computer": finds the proxy, asks it for a pairing, takes the code
 * it shows in its terminal. Embedded by the options page and by the control panel's panel.
 */
export function PairingCard({
  tr,
  showNextStep = true,
  showManual = true,
  onPaired,
  announce,
  found,
}: PairingCardProps) {
  const pairing = usePairing(onPaired, found && { kind: 'found', ...found });
  const { view, problem, busy } = pairing;
  const tone = toneOf(view);
  const sentence = sentenceOf(view, tr);
  const manualUrl = view.kind === 'code' ? view.ticket.url : 'url' in view ? view.url : '';
  useEffect(() => {
    if (announce && tone !== 'error') announce(sentence);
  }, [sentence]);

  return (
    <section class="pairing" aria-busy={busy} data-testid="pairing">
      <p
        class={`pairing-status pairing-${tone}`}
        role={tone === 'error' ? 'alert' : announce ? undefined : 'status'}
        data-testid="proxy-status"
        data-state={stateOf(view)}
      >
        {sentence}
      </p>
      {view.kind === 'incompatible' && view.detail && (
        <p class="pairing-detail" data-testid="proxy-status-detail">
          {view.detail}
        </p>
      )}
      {problem && (
        <p class="pairing-problem" role="alert" data-testid="pairing-problem">
          {problemText(problem, tr)}
        </p>
      )}
      {view.kind === 'ready' && showNextStep && (
        <p class="pairing-next" data-testid="pairing-next">
          {tr.t('pairing.next')}{' '}
          <a href={CONTROL_PANEL_URL} target="_blank" rel="noreferrer">
            {tr.t('pairing.open_panel')}
          </a>
        </p>
      )}
      {view.kind === 'code' && (
        <CodeForm
          tr={tr}
          ticket={view.ticket}
          busy={busy}
          onConfirm={(code) => void pairing.confirm(code)}
          onCancel={() => void pairing.cancel()}
        />
      )}
      {view.kind !== 'code' && view.kind !== 'ready' && view.kind !== 'checking' && (
        <div class="pairing-actions">
          {view.kind === 'found' && (
            <button
              type="button"
              class="pairing-primary"
              data-testid="pairing-start"
              disabled={busy}
              onClick={() => void pairing.start()}
            >
              {tr.t('pairing.start')}
            </button>
          )}
          <button
            type="button"
            data-testid="proxy-check"
            disabled={busy}
            onClick={() => void pairing.check()}
          >
            {tr.t('pairing.check')}
          </button>
        </div>
      )}
      {showManual && view.kind !== 'checking' && view.kind !== 'code' && (
        <ManualPairing
          tr={tr}
          // A new, folded section once paired: no token field left open (issue 11).
          key={view.kind === 'ready' ? 'paired' : 'unpaired'}
          url={manualUrl}
          paired={view.kind === 'ready'}
          busy={busy}
          onPair={(url, token) => pairing.pairByHand(url, token)}
        />
      )}
    </section>
  );
}

type Tone = 'neutral' | 'success' | 'warning' | 'error';

function toneOf(view: PairingView): Tone {
  switch (view.kind) {
    case 'ready':
      return 'success';
    case 'absent':
      return 'warning';
    case 'incompatible':
      return 'error';
    case 'found':
      return view.refused ? 'error' : 'neutral';
    default:
      return 'neutral';
  }
}

/** `data-state`, for tests and styles. */
function stateOf(view: PairingView): string {
  return view.kind === 'found' && view.refused ? 'refused' : view.kind;
}

function sentenceOf(view: PairingView, tr: Translator): string {
  switch (view.kind) {
    case 'checking':
      return tr.t('pairing.checking');
    case 'ready':
      return tr.t('pairing.ready', { version: view.version, url: view.url });
    case 'found':
      return view.refused
        ? tr.t('pairing.refused', { url: view.url })
        : tr.t('pairing.found', { url: view.url });
    case 'absent':
      return tr.t('pairing.absent', { url: view.url });
    case 'incompatible':
      return tr.t('pairing.incompatible', { url: view.url });
    case 'code':
      return tr.t('pairing.found', { url: view.ticket.url });
  }
}

function problemText(problem: PairingProblem, tr: Translator): string {
  switch (problem.kind) {
    case 'wrong_code':
      return tr.t('pairing.wrong_code', { left: problem.attemptsLeft });
    case 'too_many':
      return problem.seconds
        ? tr.plural('pairing.too_many_wait', problem.seconds)
        : tr.t('pairing.too_many');
    case 'cooldown':
      return tr.plural('pairing.cooldown', problem.seconds, { start: tr.t('pairing.start') });
    case 'expired':
      return tr.t('pairing.expired');
    case 'pending':
      return tr.t('pairing.pending');
    case 'unreachable':
      return tr.t('pairing.unreachable', { url: problem.url });
    case 'token_refused':
      return tr.t('pairing.token_refused', { url: problem.url });
    case 'input':
      return tr.t('pairing.input');
    case 'code_missing':
      return tr.t('pairing.code_missing');
    case 'background':
      return tr.t('pairing.background');
    case 'other':
      return tr.t('pairing.failed', { message: problem.message });
  }
}
