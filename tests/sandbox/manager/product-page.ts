// The product page inside the container's iframe (/manager/app/#/web/...): simple but real, it
// lists the service's accounts through /engine/apiv6 with the session cookie, using batch GETs
// (X-Ovh-Batch) like the real panel, and sends the top window to the login when the session is
// gone.

export const PRODUCT_PAGE = `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<title>Produit</title>
<style>
  body { margin: 1em 1.5em; font: 14px system-ui, sans-serif; color: #00185e; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: .35em .6em; border-bottom: 1px solid #e0e3f0; }
  .muted { color: #6b74a8; }
  .error { color: #b00020; }
</style>
</head>
<body>
<h1 data-testid="service-title" id="title">Web Cloud</h1>
<p class="muted" id="subtitle" data-testid="service-subtitle"></p>
<div id="content" data-testid="product-content"></div>
<script>
(() => {
  const $ = (id) => document.getElementById(id);
  const sessionLost = (status, body) =>
    status === 401 || (status === 403 && /This session is (invalid|forbidden)/.test(body.message || ''));
  const call = async (path, headers = {}) => {
    const response = await fetch('/engine/apiv6' + path, { headers: { Accept: 'application/json', ...headers } });
    const body = await response.json();
    if (sessionLost(response.status, body)) {
      top.location.href = '/auth/?action=disconnect&onsuccess=' + encodeURIComponent(top.location.href);
      throw new Error('session lost');
    }
    if (!response.ok) throw new Error(body.message);
    return body;
  };
  const batch = async (base, ids) => {
    const out = [];
    for (let i = 0; i < ids.length; i += 50) {
      const chunk = ids.slice(i, i + 50).map(encodeURIComponent).join(',');
      out.push(...(await call(base + '/' + chunk, { 'X-Ovh-Batch': ',' })));
    }
    return out.map((item) => item.value).filter(Boolean);
  };
  const table = (columns, rows) => {
    const t = document.createElement('table');
    t.dataset.testid = 'account-table';
    const head = t.createTHead().insertRow();
    for (const [label] of columns) head.insertCell().outerHTML = '<th>' + label + '</th>';
    const body = t.createTBody();
    for (const row of rows) {
      const tr = body.insertRow();
      tr.dataset.testid = 'account-row';
      for (const [, cell, testid] of columns) {
        const td = tr.insertCell();
        td.textContent = String(cell(row));
        if (testid) td.dataset.testid = testid;
      }
    }
    return t;
  };
  const link = (label, hash) => {
    const a = document.createElement('a');
    a.href = '#';
    a.textContent = label;
    a.addEventListener('click', (e) => { e.preventDefault(); parent.sandboxNavigate(hash); });
    const li = document.createElement('li');
    li.append(a);
    return li;
  };
  async function platform(base, title) {
    const svc = await call(base);
    $('title').textContent = title + ' — ' + (svc.displayName || svc.domain);
    $('subtitle').textContent = 'Serveur : ' + svc.hostname;
    const accounts = await batch(base + '/account', await call(base + '/account'));
    $('content').replaceChildren(table([
      ['Adresse', (a) => a.primaryEmailAddress, 'account-address'],
      ['Nom', (a) => a.displayName || ''],
      ['Configuré', (a) => (a.configured ? 'oui' : 'non')],
      ['État', (a) => a.state + (a.taskPendingId ? ' (tâche ' + a.taskPendingId + ')' : '')],
      ['Utilisé (Mo)', (a) => a.currentUsage],
    ], accounts));
  }
  async function legacy(domain) {
    const base = '/email/domain/' + encodeURIComponent(domain);
    $('title').textContent = 'E-mails — ' + domain;
    $('subtitle').textContent = 'MX Plan';
    const accounts = await batch(base + '/account', await call(base + '/account'));
    $('content').replaceChildren(table([
      ['Adresse', (a) => a.email, 'account-address'],
      ['Description', (a) => a.description],
      ['Taille', (a) => a.size],
    ], accounts));
  }
  async function home() {
    $('title').textContent = 'Web Cloud';
    $('subtitle').textContent = 'Vos services e-mail';
    const list = document.createElement('ul');
    for (const org of await call('/email/exchange')) {
      for (const s of await call('/email/exchange/' + org + '/service')) list.append(link('Exchange ' + s, '#/web/exchange/' + org + '/' + s + '/account'));
    }
    for (const s of await call('/email/pro')) list.append(link('E-mail Pro ' + s, '#/web/email_pro/' + s));
    for (const s of await call('/email/mxplan')) list.append(link('MX Plan ' + s, '#/web/email_mxplan/' + s));
    for (const d of await call('/email/domain')) list.append(link('E-mails ' + d, '#/web/email_domain/' + d));
    $('content').replaceChildren(list);
  }
  async function render() {
    const parts = location.hash.replace(/^#\\/?/, '').split('/').map(decodeURIComponent);
    $('content').textContent = 'Chargement…';
    try {
      if (parts[1] === 'exchange' && parts[3]) {
        await platform('/email/exchange/' + encodeURIComponent(parts[2]) + '/service/' + encodeURIComponent(parts[3]), 'Exchange');
      } else if (parts[1] === 'email_pro' && parts[2]) {
        await platform('/email/pro/' + encodeURIComponent(parts[2]), 'E-mail Pro');
      } else if (parts[1] === 'email_mxplan' && parts[2]) {
        await platform('/email/mxplan/' + encodeURIComponent(parts[2]), 'MX Plan');
      } else if (parts[1] === 'email_domain' && parts[2]) {
        await legacy(parts[2]);
      } else {
        await home();
      }
    } catch (error) {
      $('content').innerHTML = '<p class="error" data-testid="product-error"></p>';
      $('content').firstChild.textContent = String(error.message || error);
    }
  }
  window.addEventListener('hashchange', render);
  render();
})();
</script>
</body>
</html>
`;
