import type { ProxyStatus } from '../../lib/messaging.ts';
import { CodeForm } from './code-form.tsx';
import { ManualPairing } from './manual-pairing.tsx';
import { text } from './text.ts';
import { type PairingProblem, type PairingView, usePairing } from './use-pairing.ts';
import './pairing.css';

export interface PairingCardProps {
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
}

// The EU control panel (most customers); Canada's is manager.ca.ovhcloud.com.
const CONTROL_PANEL_URL = 'https://manager.eu.ovhcloud.com/';

/**
 * "Pair with the proxy on this computer": finds the proxy, asks it for a pairing, takes the code
 * it shows in its terminal. Embedded by the options page and by the control panel's panel.
 */
export function PairingCard({
  showNextStep = true,
  showManual = true,
  onPaired,
}: PairingCardProps) {
  const pairing = usePairing(onPaired);
  const { view, problem, busy } = pairing;
  const tone = toneOf(view);
  const manualUrl = view.kind === 'code' ? view.ticket.url : 'url' in view ? view.url : '';

  return (
    <section class="pairing" aria-busy={busy} data-testid="pairing">
      <p
        class={`pairing-status pairing-${tone}`}
        role={tone === 'error' ? 'alert' : 'status'}
        data-testid="proxy-status"
        data-state={stateOf(view)}
      >
        {sentenceOf(view)}
      </p>
      {view.kind === 'incompatible' && view.detail && (
        <p class="pairing-detail" data-testid="proxy-status-detail">
          {view.detail}
        </p>
      )}
      {problem && (
        <p class="pairing-problem" role="alert" data-testid="pairing-problem">
          {problemText(problem)}
        </p>
      )}
      {view.kind === 'ready' && showNextStep && (
        <p class="pairing-next" data-testid="pairing-next">
          {text('pairing_next')}{' '}
          <a href={CONTROL_PANEL_URL} target="_blank" rel="noreferrer">
            {text('pairing_open_panel')}
          </a>
        </p>
      )}
      {view.kind === 'code' && (
        <CodeForm
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
              {text('pairing_start')}
            </button>
          )}
          <button
            type="button"
            data-testid="proxy-check"
            disabled={busy}
            onClick={() => void pairing.check()}
          >
            {text('options_check')}
          </button>
        </div>
      )}
      {showManual && view.kind !== 'checking' && view.kind !== 'code' && (
        <ManualPairing
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

function sentenceOf(view: PairingView): string {
  switch (view.kind) {
    case 'checking':
      return text('pairing_checking');
    case 'ready':
      return text('pairing_ready', view.version, view.url);
    case 'found':
      return view.refused ? text('pairing_refused', view.url) : text('pairing_found', view.url);
    case 'absent':
      return text('pairing_absent', view.url);
    case 'incompatible':
      return text('pairing_incompatible', view.url);
    case 'code':
      return text('pairing_found', view.ticket.url);
  }
}

function problemText(problem: PairingProblem): string {
  switch (problem.kind) {
    case 'wrong_code':
      return text('pairing_wrong_code', problem.attemptsLeft);
    case 'too_many':
      return text('pairing_too_many');
    case 'expired':
      return text('pairing_expired');
    case 'pending':
      return text('pairing_pending');
    case 'unreachable':
      return text('pairing_unreachable', problem.url);
    case 'token_refused':
      return text('pairing_token_refused', problem.url);
    case 'input':
      return text('error_pair_input');
    case 'code_missing':
      return text('pairing_code_missing');
    case 'background':
      return text('error_background');
    case 'other':
      return text('pairing_failed', problem.message);
  }
}
