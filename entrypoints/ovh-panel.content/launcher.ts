/**
 * The "Migrate platform" button, in plain DOM (no Preact: it is on every control-panel page), and
 * the drawer behind it, loaded on first use: `import()` of the drawer's file (started as soon as
 * the pointer or the focus reaches the button, so the click rarely waits).
 */
import { browser } from 'wxt/browser';
import { ICON_PATHS } from '../../components/kit/icon-paths.ts';
import {
  DRAWER_FILE,
  type DrawerHandle,
  type MountDrawer,
  registeredDrawer,
} from '../../lib/host-page/drawer-contract.ts';
import type { PageService } from '../../lib/host-page/page-detect.ts';
import type { ResolvedLanguage } from '../../lib/i18n/language.ts';
import { LAUNCHER_TEXT } from '../../lib/i18n/launcher.ts';

export interface Launcher {
  open(): Promise<void>;
  setPage(page: PageService | undefined): void;
  setLanguage(language: ResolvedLanguage): void;
  remove(): void;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

function icon(): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, 'svg');
  for (const [name, value] of Object.entries({
    width: '18',
    height: '18',
    viewBox: '0 0 20 20',
    fill: 'currentColor',
    'aria-hidden': 'true',
    focusable: 'false',
  }))
    svg.setAttribute(name, value);
  const path = document.createElementNS(SVG_NS, 'path');
  path.setAttribute('d', ICON_PATHS.migrate);
  svg.append(path);
  return svg;
}

/** Loads the drawer's file once (a failed load may be tried again). */
function drawerLoader(load: () => Promise<unknown>) {
  let loading: Promise<MountDrawer> | undefined;
  return () => {
    loading ??= load().then(() => {
      const mount = registeredDrawer();
      if (!mount) throw new Error(`${DRAWER_FILE} ran but registered no drawer`);
      return mount;
    });
    loading.catch(() => {
      loading = undefined;
    });
    return loading;
  };
}

export function createLauncher(
  root: HTMLElement,
  initial: { page: PageService | undefined; language: ResolvedLanguage },
  /** @default import() of the drawer's file in the extension */
  load: () => Promise<unknown> = () =>
    import(/* @vite-ignore */ browser.runtime.getURL(DRAWER_FILE)),
): Launcher {
  let page = initial.page;
  let language = initial.language;
  let drawer: DrawerHandle | undefined;
  const loadDrawer = drawerLoader(load);

  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'mp-button mp-button-primary mp-launcher';
  button.dataset.testid = 'panel-launcher';
  button.setAttribute('aria-expanded', 'false');
  const label = document.createElement('span');
  button.append(icon(), label);
  const failure = document.createElement('p');
  failure.className = 'mp-launcher-error';
  failure.setAttribute('role', 'alert');
  failure.dataset.testid = 'panel-load-error';
  failure.hidden = true;
  const host = document.createElement('div');
  // The kit's type and colours (components/kit/kit.css) for the button too.
  root.classList.add('mp-root');
  root.append(host, button, failure);

  const sayLanguage = () => {
    const text = LAUNCHER_TEXT[language.lang];
    label.textContent = text.label;
    failure.textContent = text.failed;
    root.lang = language.locale;
  };
  sayLanguage();

  const onClose = () => {
    button.hidden = false;
    button.setAttribute('aria-expanded', 'false');
    button.focus();
  };

  async function open() {
    if (drawer) {
      button.hidden = true;
      button.setAttribute('aria-expanded', 'true');
      drawer.open();
      return;
    }
    button.setAttribute('aria-busy', 'true');
    try {
      const mount = await loadDrawer();
      drawer ??= mount(host, { page, language, onClose });
      failure.hidden = true;
    } catch (error) {
      // An extension updated or reloaded under an open page can no longer load its files.
      console.error('[ovh-migrate-platform] the panel could not load', error);
      failure.hidden = false;
      return;
    } finally {
      button.removeAttribute('aria-busy');
    }
    await open();
  }

  const prefetch = () => void loadDrawer().catch(() => undefined);
  button.addEventListener('pointerenter', prefetch, { once: true });
  button.addEventListener('focus', prefetch, { once: true });
  button.addEventListener('click', () => void open());

  return {
    open,
    setPage(next) {
      page = next;
      drawer?.setPage(next);
    },
    setLanguage(next) {
      language = next;
      sayLanguage();
      drawer?.setLanguage(next);
    },
    remove() {
      drawer?.unmount();
      drawer = undefined;
      root.replaceChildren();
    },
  };
}
