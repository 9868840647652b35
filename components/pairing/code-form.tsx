import { useState } from 'preact/hooks';
import type { Translator } from '../../lib/i18n/translate.ts';
import type { PairingStarted } from '../../lib/messaging.ts';

export interface CodeFormProps {
  tr: Translator;
  ticket: PairingStarted;
  busy: boolean;
  onConfirm(code: string): void;
  onCancel(): void;
}

/** The code the proxy shows in its terminal, typed by the person. */
export function CodeForm({ tr, ticket, busy, onConfirm, onCancel }: CodeFormProps) {
  const [code, setCode] = useState('');
  // In the language of the words around it, not the page's default (`10:21 PM` in French).
  const until = new Date(ticket.expiresAt).toLocaleTimeString(tr.locale, {
    hour: '2-digit',
    minute: '2-digit',
  });
  return (
    <form
      class="pairing-code"
      data-testid="pairing-code-form"
      onSubmit={(event) => {
        event.preventDefault();
        onConfirm(code);
      }}
    >
      <p id="pairing-code-prompt">
        {tr.t('pairing.code_prompt', { length: ticket.codeLength, time: until })}
      </p>
      <label for="pairing-code">{tr.t('pairing.code_label')}</label>
      <input
        id="pairing-code"
        data-testid="pairing-code"
        type="text"
        inputMode="numeric"
        autocomplete="one-time-code"
        spellcheck={false}
        maxLength={ticket.codeLength + 4}
        aria-describedby="pairing-code-prompt"
        // biome-ignore lint/a11y/noAutofocus: the code is the one thing to do next; focus saves a click.
        autoFocus
        value={code}
        onInput={(event) => setCode(event.currentTarget.value)}
      />
      <div class="pairing-actions">
        <button type="submit" class="pairing-primary" data-testid="pairing-confirm" disabled={busy}>
          {tr.t('pairing.confirm')}
        </button>
        <button type="button" data-testid="pairing-cancel" disabled={busy} onClick={onCancel}>
          {tr.t('pairing.cancel')}
        </button>
      </div>
    </form>
  );
}
