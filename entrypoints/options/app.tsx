import { PairingCard } from '../../components/pairing/pairing-card.tsx';
import { text } from '../../components/pairing/text.ts';

/** Pairs the extension with the companion proxy, then says what to do next. */
export function App() {
  return (
    <main>
      <h1>{text('options_title')}</h1>
      <p>{text('options_intro')}</p>
      <PairingCard />
    </main>
  );
}
