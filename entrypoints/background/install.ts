/**
 * On first install, the options page opens: the extension needs its companion proxy paired
 * before the panel can copy anything, and that page says how. Not on updates or browser
 * updates (the person has seen it).
 */
export interface InstallOptions {
  /** `browser.runtime.onInstalled`, or a fake. */
  onInstalled: { addListener(listener: (details: { reason: string }) => void): void };
  openOptionsPage(): Promise<void>;
}

export function openOptionsOnInstall({ onInstalled, openOptionsPage }: InstallOptions): void {
  onInstalled.addListener(({ reason }) => {
    if (reason === 'install') void openOptionsPage();
  });
}
