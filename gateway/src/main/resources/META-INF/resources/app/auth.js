// Login by authorization code with PKCE, done in the page: no client secret, the token stays in this tab's
// sessionStorage (gone when the tab closes) and goes only to the gateway, as a bearer token.
const TOKEN = 'cp.token';
const PENDING = 'cp.pkce';

let settings;

async function loadSettings() {
  if (!settings) {
    const answer = await fetch('/console/settings');
    settings = await answer.json();
  }
  return settings;
}

async function discovery() {
  const { issuerUrl } = await loadSettings();
  const answer = await fetch(issuerUrl.replace(/\/$/, '') + '/.well-known/openid-configuration');
  return answer.json();
}

function randomText(bytes) {
  const data = crypto.getRandomValues(new Uint8Array(bytes));
  return base64url(data);
}

function base64url(bytes) {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function redirectUri() {
  return location.origin + '/';
}

export async function startLogin(username) {
  const [config, { clientId }] = await Promise.all([discovery(), loadSettings()]);
  const verifier = randomText(48);
  const challenge = base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  const state = randomText(16);
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, username, back: location.hash }));
  const query = new URLSearchParams({ response_type: 'code', client_id: clientId, redirect_uri: redirectUri(),
    scope: 'openid', state, code_challenge: challenge, code_challenge_method: 'S256' });
  if (username) query.set('login_hint', username);
  location.assign(config.authorization_endpoint + '?' + query);
}

/** Finishes a login when the provider sent the browser back with a code; true when a token was obtained. */
export async function completeLogin() {
  const params = new URLSearchParams(location.search);
  const code = params.get('code');
  if (!code) return false;
  const pending = JSON.parse(sessionStorage.getItem(PENDING) || 'null');
  sessionStorage.removeItem(PENDING);
  history.replaceState(null, '', '/' + (pending?.back || ''));
  if (!pending || pending.state !== params.get('state')) throw new Error('state');
  const [config, { clientId }] = await Promise.all([discovery(), loadSettings()]);
  const form = new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri(),
    client_id: clientId, code_verifier: pending.verifier });
  // The local demo provider issues a code without a login page; the login hint tells it whose token to make.
  // Keycloak ignores the extra parameter.
  if (pending.username) form.set('username', pending.username);
  const answer = await fetch(config.token_endpoint, { method: 'POST', body: form });
  if (!answer.ok) throw new Error('token ' + answer.status);
  const tokens = await answer.json();
  const claims = JSON.parse(decodeURIComponent(escape(atob(tokens.access_token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')))));
  sessionStorage.setItem(TOKEN, JSON.stringify({ access: tokens.access_token, claims }));
  return true;
}

export function session() {
  const saved = JSON.parse(sessionStorage.getItem(TOKEN) || 'null');
  if (!saved) return null;
  return { ...saved, expired: saved.claims.exp * 1000 < Date.now() + 10000 };
}

export function accessToken() {
  const current = session();
  return current && !current.expired ? current.access : null;
}

export function roles() {
  return session()?.claims.groups || [];
}

export function logout() {
  sessionStorage.removeItem(TOKEN);
}
