import type { ComponentChildren } from 'preact';
import { browser } from 'wxt/browser';
import type { ProxyStatus } from '../../lib/messaging.ts';

/** The proxy's state in plain words, in the browser's language. */
export function statusSentence(status: ProxyStatus | undefined): string {
  const t = browser.i18n.getMessage;
  if (!status) return t('status_checking');
  switch (status.state) {
    case 'not_configured':
      return t('status_not_configured');
    case 'unreachable':
      return t('status_unreachable', [status.url]);
    case 'unpaired':
      return t('status_unpaired', [status.url]);
    case 'incompatible':
      return t('status_incompatible', [status.url]);
    case 'ready':
      return t('status_ready', [status.version ?? '?', status.url]);
  }
}

const COMMANDS = /(npm start|ovh-migrate-proxy)/;

/** The text with the commands a person types set apart as code. */
export function withCommands(text: string): ComponentChildren[] {
  return text.split(COMMANDS).map((part, index) => (index % 2 ? <code>{part}</code> : part));
}
