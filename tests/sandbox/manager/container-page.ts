// The control panel's container page (/manager/): a header, a menu of the customer's e-mail
// services, and the product page in a same-origin iframe. Like the real panel, the route lives
// in the top URL's hash (`#/web/exchange/{org}/{service}/account`), and in-app navigation uses
// history.replaceState plus an `ovh-routing-hash-change` event on the top window, no
// `hashchange` (reference §2).

export const CONTAINER_PAGE = `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<title>Espace client OVHcloud — sandbox</title>
<style>
  body { margin: 0; font: 14px system-ui, sans-serif; color: #00185e; }
  header { display: flex; gap: 1em; align-items: center; padding: .6em 1em; background: #000e9c; color: #fff; }
  header .route { margin-left: auto; font-family: monospace; opacity: .8; }
  .layout { display: flex; height: calc(100vh - 2.6em); }
  nav { width: 18em; overflow: auto; border-right: 1px solid #ccd; padding: .5em; }
  nav h3 { font-size: 12px; text-transform: uppercase; margin: 1em 0 .3em; color: #4d5592; }
  nav a { display: block; padding: .2em .4em; color: inherit; text-decoration: none; border-radius: 4px; }
  nav a.active { background: #e6eaff; font-weight: 600; }
  iframe { flex: 1; border: 0; }
</style>
</head>
<body>
<header data-testid="manager-header">
  <strong>OVHcloud</strong><span>Espace client (sandbox)</span>
  <span class="route" data-testid="current-route" id="route"></span>
</header>
<div class="layout">
  <nav id="nav" data-testid="manager-nav"><a href="#/web" data-testid="nav-home">Web Cloud</a></nav>
  <iframe id="app" name="app" title="Produit" data-testid="product-frame"></iframe>
</div>
<script>
(() => {
  const frame = document.getElementById('app');
  const nav = document.getElementById('nav');
  const sessionLost = (status, body) =>
    status === 401 || (status === 403 && /This session is (invalid|forbidden)/.test(body.message || ''));
  const login = () => {
    location.href = '/auth/?action=disconnect&onsuccess=' + encodeURIComponent(location.href);
  };
  const api = async (path) => {
    const response = await fetch('/engine/apiv6' + path, { headers: { Accept: 'application/json' } });
    const body = await response.json();
    if (sessionLost(response.status, body)) { login(); throw new Error('session lost'); }
    if (!response.ok) throw new Error(body.message);
    return body;
  };
  function render() {
    const hash = location.hash || '#/web';
    document.getElementById('route').textContent = hash;
    for (const a of nav.querySelectorAll('a')) {
      a.classList.toggle('active', hash.startsWith(a.getAttribute('href')) && a.getAttribute('href') !== '#/web');
    }
    const src = '/manager/app/' + hash;
    if (frame.getAttribute('src') !== src) frame.setAttribute('src', src);
  }
  // In-app navigation, as the real container does it: no hashchange event.
  window.sandboxNavigate = (hash) => {
    history.replaceState(history.state, '', hash);
    window.dispatchEvent(new CustomEvent('ovh-routing-hash-change', { detail: { hash } }));
    render();
  };
  nav.addEventListener('click', (event) => {
    const link = event.target.closest('a[href^="#"]');
    if (!link) return;
    event.preventDefault();
    window.sandboxNavigate(link.getAttribute('href'));
  });
  // Someone typing a URL or using back/forward.
  window.addEventListener('hashchange', render);
  const section = (title, links) => {
    const h = document.createElement('h3');
    h.textContent = title;
    nav.append(h);
    for (const [label, hash, id] of links) {
      const a = document.createElement('a');
      a.href = hash;
      a.textContent = label;
      a.dataset.testid = 'nav-' + id;
      nav.append(a);
    }
  };
  (async () => {
    const exchange = [];
    for (const org of await api('/email/exchange')) {
      for (const svc of await api('/email/exchange/' + encodeURIComponent(org) + '/service')) {
        exchange.push([svc, '#/web/exchange/' + org + '/' + svc + '/account', 'exchange-' + svc]);
      }
    }
    section('Hosted Exchange', exchange);
    section('E-mail Pro', (await api('/email/pro')).map((s) => [s, '#/web/email_pro/' + s, 'email-pro-' + s]));
    section('MX Plan', (await api('/email/mxplan')).map((s) => [s, '#/web/email_mxplan/' + s, 'email-mxplan-' + s]));
    section('E-mails (domaine)', (await api('/email/domain')).map((d) => [d, '#/web/email_domain/' + d, 'email-domain-' + d]));
    render();
  })().catch((error) => console.error('sandbox menu:', error));
  render();
})();
</script>
</body>
</html>
`;
