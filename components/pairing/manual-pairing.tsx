import { useEffect, useState } from 'preact/hooks';
import type { Translator } from '../../lib/i18n/translate.ts';

export interface ManualPairingProps {
  tr: Translator;
  /** The address to fill in first (what was found or tried). */
  url: string;
  /** Already paired: the section stays closed and offers another proxy. */
  paired: boolean;
  busy: boolean;
  onPair(url: string, token: string): Promise<void>;
}

/** Pairing by hand: the proxy's address and the token it prints ("Pairing token: …"). */
export function ManualPairing({ tr, url: suggested, paired, busy, onPair }: ManualPairingProps) {
  const [url, setUrl] = useState(suggested);
  const [token, setToken] = useState('');
  // Fill the address in once it is known; leave what the person typed alone.
  useEffect(() => setUrl((typed) => typed || suggested), [suggested]);

  return (
    <details class="pairing-manual" data-testid="pairing-manual">
      <summary>{tr.t(paired ? 'pairing.manual_other' : 'pairing.manual')}</summary>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void onPair(url, token).then(() => setToken(''));
        }}
      >
        <label for="proxy-url">{tr.t('pairing.url_label')}</label>
        <input
          id="proxy-url"
          data-testid="proxy-url"
          type="text"
          inputMode="url"
          autocomplete="off"
          spellcheck={false}
          required
          aria-describedby="proxy-url-hint"
          value={url}
          onInput={(event) => setUrl(event.currentTarget.value)}
        />
        <p class="pairing-hint" id="proxy-url-hint">
          {tr.t('pairing.url_hint')}
        </p>
        <label for="proxy-token">{tr.t('pairing.token_label')}</label>
        <input
          id="proxy-token"
          data-testid="proxy-token"
          type="text"
          autocomplete="off"
          spellcheck={false}
          required
          aria-describedby="proxy-token-hint"
          value={token}
          onInput={(event) => setToken(event.currentTarget.value)}
        />
        <p class="pairing-hint" id="proxy-token-hint">
          {tr.t('pairing.token_hint')}
        </p>
        <div class="pairing-actions">
          <button type="submit" data-testid="proxy-pair" disabled={busy}>
            {tr.t('pairing.pair_by_hand')}
          </button>
        </div>
      </form>
    </details>
  );
}
