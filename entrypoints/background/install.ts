/**
 * On first install, the options page opens: the extension needs its companion proxy paired
 * before the panel can copy anything, and that page says how. Not on updates or browser
 * updates (the person has seen it), and once per profile: Chrome reports an extension loaded
 * with `--load-extension` as installed again at every browser start.
 */
import type { InstallWelcome } from '../../lib/storage.ts';

export interface InstallOptions {
  /** `browser.runtime.onInstalled`, or a fake. */
  onInstalled: { addListener(listener: (details: { reason: string }) => void): void };
  openOptionsPage(): Promise<void>;
  /** The `installWelcome` item; a plain object in tests. */
  welcome: {
    getValue(): Promise<InstallWelcome | null>;
    setValue(value: InstallWelcome): Promise<void>;
  };
  /** @default () => new Date() */
  now?: () => Date;
}

export function openOptionsOnInstall(options: InstallOptions): void {
  const { onInstalled, openOptionsPage, welcome, now = () => new Date() } = options;
  onInstalled.addListener(({ reason }) => {
    if (reason !== 'install') return;
    void (async () => {
      if (await welcome.getValue()) return;
      await welcome.setValue({ shownAt: now().toISOString() });
      await openOptionsPage();
    })();
  });
}
