/**
 * How the launcher (the content script, on every control-panel page) and the drawer (the panel
 * itself, loaded on first open) meet. The drawer is a separate file of the extension
 * (`ovh-panel-drawer.js`, web-accessible on the control-panel hosts only) that the launcher
 * loads with a dynamic `import()`: it runs in the content script's own world and registers its
 * `mount` here, under a global of that world (the page cannot see it).
 *
 * Why two files: the launcher alone is all a control-panel page pays for on every load; the
 * drawer (the runner, the API schemas, both dictionaries) only when a person opens the panel.
 */
import type { ResolvedLanguage } from '../i18n/language.ts';
import type { PageService } from './page-detect.ts';

/** The drawer's file in the built extension (wxt.config.ts lists it as web-accessible). */
export const DRAWER_FILE = '/ovh-panel-drawer.js';

export interface DrawerHost {
  /** The service the page shows (re-detected on every navigation: see `setPage`). */
  page: PageService | undefined;
  language: ResolvedLanguage;
  /** The drawer closed itself (close button, Escape): show the launcher and focus it. */
  onClose(): void;
}

export interface DrawerHandle {
  open(): void;
  setPage(page: PageService | undefined): void;
  setLanguage(language: ResolvedLanguage): void;
  /** The content script goes away (page hidden, extension reloaded): stop every runner. */
  unmount(): void;
}

/** Renders the panel into `container` (inside the launcher's shadow root), closed. */
export type MountDrawer = (container: HTMLElement, host: DrawerHost) => DrawerHandle;

const KEY = '__ovhMigratePlatformDrawer';

type DrawerGlobal = typeof globalThis & { [KEY]?: MountDrawer };

/** Called once by the drawer's file when it runs. */
export function registerDrawer(mount: MountDrawer): void {
  (globalThis as DrawerGlobal)[KEY] = mount;
}

/** The drawer's `mount`, once its file has run in this world. */
export function registeredDrawer(): MountDrawer | undefined {
  return (globalThis as DrawerGlobal)[KEY];
}
