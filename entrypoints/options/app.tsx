import { PairingCard } from '../../components/pairing/pairing-card.tsx';
import type { Translator } from '../../lib/i18n/translate.ts';

export interface AppProps {
  tr: Translator;
}

/** Pairs the extension with the companion proxy, then says what to do next. */
export function App({ tr }: AppProps) {
  return (
    <main>
      <h1>{tr.t('options.title')}</h1>
      <p>{tr.t('options.intro')}</p>
      <PairingCard tr={tr} />
    </main>
  );
}
