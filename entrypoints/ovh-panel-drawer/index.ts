/**
 * The panel itself, loaded by the launcher (entrypoints/ovh-panel.content) on first open: it runs
 * in the content script's world and registers its `mount` (lib/host-page/drawer-contract.ts).
 * Built as its own file so that a control-panel page only pays for the launcher until then.
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { mountPanel } from '../../components/panel/mount-panel.tsx';
import { makeXrayIteratorsIterable } from '../../lib/browser/xray-iterators.ts';
import { registerDrawer } from '../../lib/host-page/drawer-contract.ts';
import { createExtensionDeps } from './deps.ts';

export default defineUnlistedScript(() => {
  // Firefox: ky cannot iterate Headers through the content script's Xray wrappers; before any
  // API call (the fix holds for this content script's world, where the drawer runs).
  makeXrayIteratorsIterable();
  registerDrawer((container, host) => mountPanel(container, host, createExtensionDeps()));
});
