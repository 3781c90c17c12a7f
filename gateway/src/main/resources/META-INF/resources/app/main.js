import { completeLogin, logout, roles, session, startLogin } from './auth.js';
import { counterView } from './counter.js';
import { gridView } from './grid.js';
import { language, setLanguage, t, translateStatic } from './i18n.js';
import { flush } from './queue.js';
import { residentView } from './resident.js';
import { operatorView, staffView } from './staff.js';
import { field, h } from './ui.js';

// One page per kind of person; the menu shows only the pages the token's roles can use.
const PAGES = [
  { hash: '#/grid', role: 'grid-worker', label: 'navGrid', render: gridView },
  { hash: '#/counter', role: 'partner', label: 'navCounter', render: counterView },
  { hash: '#/staff', role: 'staff', label: 'navStaff', render: staffView },
  { hash: '#/ops', role: 'operator', label: 'navOps', render: operatorView },
  { hash: '#/me', role: 'resident', label: 'navMe', render: residentView },
];

const view = document.getElementById('view');

function setLarge(on) {
  document.documentElement.classList.toggle('large', on);
  localStorage.setItem('cp.large', on ? '1' : '0');
  const button = document.getElementById('large');
  button.setAttribute('aria-pressed', String(on));
}

function showNetwork() {
  const net = document.getElementById('net');
  net.textContent = navigator.onLine ? '' : t('offline');
}

function loginPage(message) {
  const username = h('input', { type: 'text', name: 'username', autocomplete: 'username', autocapitalize: 'none', spellcheck: 'false' });
  const form = h('form', { id: 'login', class: 'card' }, h('h2', {}, t('loginTitle')), message ? h('p', { class: 'problem', role: 'alert' }, message) : '',
    field(t('loginHint'), username), h('p', { class: 'muted' }, t('loginHelp')), h('button', { type: 'submit' }, t('login')));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    startLogin(username.value.trim());
  });
  view.replaceChildren(form);
  document.getElementById('nav').replaceChildren();
  document.getElementById('logout').hidden = true;
  username.focus();
}

async function route() {
  translateStatic();
  view.cleanup?.();
  view.cleanup = null;
  const current = session();
  if (!current || current.expired) {
    loginPage(current?.expired ? t('sessionOver') : '');
    return;
  }
  const mine = PAGES.filter((p) => roles().includes(p.role));
  const page = mine.find((p) => p.hash === location.hash) || mine[0];
  document.getElementById('logout').hidden = false;
  document.getElementById('nav').replaceChildren(...mine.map((p) => h('a', { href: p.hash, 'aria-current': p === page ? 'page' : false }, t(p.label))));
  if (!page) {
    view.replaceChildren(h('p', { class: 'problem' }, t('forbidden')));
    return;
  }
  view.replaceChildren(h('p', {}, t('loading')));
  try {
    await page.render(view);
  } catch (e) {
    view.replaceChildren(h('p', { class: 'problem', role: 'alert' }, e.detail || e.message));
  }
}

async function boot() {
  setLanguage(language());
  setLarge(localStorage.getItem('cp.large') === '1');
  document.getElementById('lang').addEventListener('click', () => {
    setLanguage(language() === 'en' ? 'zh' : 'en');
    document.getElementById('lang').textContent = language() === 'en' ? '中文' : 'English';
    document.getElementById('lang').lang = language() === 'en' ? 'zh-CN' : 'en';
    route();
  });
  document.getElementById('lang').textContent = language() === 'en' ? '中文' : 'English';
  document.getElementById('large').addEventListener('click', () => setLarge(!document.documentElement.classList.contains('large')));
  document.getElementById('logout').addEventListener('click', () => {
    logout();
    location.hash = '';
    route();
  });
  window.addEventListener('hashchange', route);
  window.addEventListener('online', () => { showNetwork(); flush(); });
  window.addEventListener('offline', showNetwork);
  // Whatever the browser thinks of the network, queued entries are tried again now and then.
  setInterval(() => { if (session() && !session().expired) flush(); }, 4000);
  showNetwork();
  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('/sw.js').catch(() => {});
  }
  let failed = '';
  try {
    await completeLogin();
  } catch (e) {
    failed = t('loginFailed');
  }
  if (failed) loginPage(failed);
  else route();
}

boot();
