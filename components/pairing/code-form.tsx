import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { PairingStarted } from '../../lib/messaging.ts';
import { text } from './text.ts';

export interface CodeFormProps {
  ticket: PairingStarted;
  busy: boolean;
  onConfirm(code: string): void;
  onCancel(): void;
}

/** The code the proxy shows in its terminal, typed by the person. */
export function CodeForm({ ticket, busy, onConfirm, onCancel }: CodeFormProps) {
  const [code, setCode] = useState('');
  // In the language of the words around it, not the page's default (`10:21 PM` in French).
  const until = new Date(ticket.expiresAt).toLocaleTimeString(browser.i18n.getUILanguage(), {
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
      <p id="pairing-code-prompt">{text('pairing_code_prompt', ticket.codeLength, until)}</p>
      <label for="pairing-code">{text('pairing_code_label')}</label>
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
          {text('pairing_confirm')}
        </button>
        <button type="button" data-testid="pairing-cancel" disabled={busy} onClick={onCancel}>
          {text('pairing_cancel')}
        </button>
      </div>
    </form>
  );
}
