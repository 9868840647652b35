/**
 * The control panels that have e-mail pages (reference: control-panel.md): the EU and CA ones,
 * new hosts and legacy `/manager/` paths. The US control panel has no e-mail apps: left out.
 */
export const CONTROL_PANEL_MATCHES = [
  'https://manager.eu.ovhcloud.com/*',
  'https://manager.ca.ovhcloud.com/*',
  'https://www.ovh.com/manager/*',
  'https://ca.ovh.com/manager/*',
] as const;
