/**
 * Where to send the user when the session is dead (`session_expired`, `low_privilege_session`):
 * the control panel itself goes to `<auth>?action=disconnect&onsuccess=<current url>`, with the
 * auth site of the panel's region (EU, Canada, US).
 */
const AUTH_BASES = {
  eu: 'https://www.ovh.com/auth/',
  ca: 'https://ca.ovh.com/auth/',
  us: 'https://us.ovhcloud.com/auth/',
} as const;

function regionOf(url: URL): keyof typeof AUTH_BASES {
  const host = url.hostname.toLowerCase();
  // manager.ca.ovhcloud.com and the legacy ca.ovh.com/manager/.
  if (host === 'ca.ovh.com' || host.endsWith('.ca.ovhcloud.com')) return 'ca';
  // manager.us.ovhcloud.com and the legacy us.ovhcloud.com/manager/.
  if (host === 'us.ovhcloud.com' || host.endsWith('.us.ovhcloud.com')) return 'us';
  return 'eu';
}

export function reloginUrl(currentUrl: string): string {
  let region: keyof typeof AUTH_BASES = 'eu';
  try {
    region = regionOf(new URL(currentUrl));
  } catch {
    // Not a URL: the EU auth site still logs the user in; only the way back is lost.
  }
  return `${AUTH_BASES[region]}?action=disconnect&onsuccess=${encodeURIComponent(currentUrl)}`;
}
