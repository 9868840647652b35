/**
 * Where the "Migrate platform" panel runs: the OVHcloud control panels that have e-mail pages
 * (EU and CA, new and legacy hosts). The US control panel has no e-mail apps, so it is left out.
 * See /work/shared/reference/control-panel.md, "Hosts, frames, routes".
 *
 * The content script's `matches` and the manifest's `host_permissions` both come from here.
 */
export const CONTROL_PANEL_MATCHES = [
  // e.g. https://manager.eu.ovhcloud.com/#/web/exchange/org-1/hosted-1/account
  'https://manager.eu.ovhcloud.com/*',
  // e.g. https://manager.ca.ovhcloud.com/#/web/email_mxplan/mxplan-ca-1/account
  'https://manager.ca.ovhcloud.com/*',
  // e.g. https://www.ovh.com/manager/#/web/email_pro/pro-1
  'https://www.ovh.com/manager/*',
  // e.g. https://ca.ovh.com/manager/#/web/email_domain/example.ca/email
  'https://ca.ovh.com/manager/*',
] as const;

/** Whether `url` is a page the content script runs on (same rules as `CONTROL_PANEL_MATCHES`). */
export function isControlPanelUrl(url: string | undefined): boolean {
  if (!url) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' || parsed.port !== '') return false;
  return CONTROL_PANEL_MATCHES.some((pattern) => {
    const { host, path } = splitPattern(pattern);
    return parsed.hostname === host && parsed.pathname.startsWith(path);
  });
}

function splitPattern(pattern: string): { host: string; path: string } {
  const rest = pattern.slice('https://'.length);
  const slash = rest.indexOf('/');
  return { host: rest.slice(0, slash), path: rest.slice(slash, -1) };
}
