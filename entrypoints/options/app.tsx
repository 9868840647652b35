import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { type ProxyStatus, sendMessage } from '../../lib/messaging.ts';
import { statusSentence, withCommands } from './status-sentence.tsx';

/** Pairs the extension with the companion proxy and shows whether it can be reached. */
export function App() {
  const t = browser.i18n.getMessage;
  const [status, setStatus] = useState<ProxyStatus>();
  const [url, setUrl] = useState('');
  const [token, setToken] = useState('');
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function check() {
    setBusy(true);
    const outcome = await sendMessage('proxy.status');
    setBusy(false);
    if (!outcome.ok) return setProblem(t('error_background'));
    setProblem(undefined);
    setStatus(outcome.value);
    // The first check fills the address in; later ones leave what the person typed alone.
    setUrl((typed) => typed || outcome.value.url);
  }

  async function pair() {
    if (busy) return;
    setBusy(true);
    const outcome = await sendMessage('proxy.pair', { url, token });
    setBusy(false);
    if (!outcome.ok) {
      return setProblem(
        outcome.error.code === 'bad_request' ? t('error_pair_input') : t('error_background'),
      );
    }
    setProblem(undefined);
    setStatus(outcome.value);
    setUrl(outcome.value.url);
    if (outcome.value.state === 'ready') setToken('');
  }

  useEffect(() => {
    void check();
  }, []);

  return (
    <main aria-busy={busy}>
      <h1>{t('options_title')}</h1>
      <p>{withCommands(t('options_intro'))}</p>
      <p
        class={`status status-${status?.state ?? 'checking'}`}
        role="status"
        data-testid="proxy-status"
        data-state={status?.state ?? 'checking'}
      >
        {withCommands(statusSentence(status))}
      </p>
      {status?.state === 'incompatible' && status.error && (
        <p class="detail" data-testid="proxy-status-detail">
          {status.error.message}
        </p>
      )}
      {problem && (
        <p class="problem" role="alert" data-testid="proxy-problem">
          {problem}
        </p>
      )}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void pair();
        }}
      >
        <label for="proxy-url">{t('options_url_label')}</label>
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
        <p class="hint" id="proxy-url-hint">
          {t('options_url_hint')}
        </p>
        <label for="proxy-token">{t('options_token_label')}</label>
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
        <p class="hint" id="proxy-token-hint">
          {t('options_token_hint')}
        </p>
        <div class="actions">
          <button type="submit" data-testid="proxy-pair">
            {t('options_pair')}
          </button>
          <button type="button" data-testid="proxy-check" onClick={() => void check()}>
            {t('options_check')}
          </button>
        </div>
      </form>
    </main>
  );
}
