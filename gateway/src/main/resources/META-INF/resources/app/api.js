import { accessToken } from './auth.js';
import { language, t } from './i18n.js';

/** The API refused: the problem's stable code and its sentence for people, in the reader's language. */
export class Problem extends Error {
  constructor(status, code, detail) {
    super(detail);
    this.status = status;
    this.code = code;
    this.detail = detail;
  }
}

/** No answer at all: offline, or the gateway unreachable. Worth trying again later. */
export class NetworkDown extends Error {
}

export function newKey() {
  return crypto.randomUUID();
}

/** Calls the gateway with the bearer token; answers the parsed JSON (or the Response when raw). */
export async function call(path, { method = 'GET', body, headers = {}, raw = false } = {}) {
  const token = accessToken();
  if (!token) throw new Problem(401, 'UNAUTHENTICATED', t('sessionOver'));
  const init = { method, headers: { Authorization: 'Bearer ' + token, 'Accept-Language': language() === 'en' ? 'en' : 'zh-CN', ...headers } };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers['Content-Type'] = 'application/json';
  }
  let answer;
  try {
    answer = await fetch(path, init);
  } catch (e) {
    throw new NetworkDown(t('networkDown'));
  }
  if (!answer.ok) {
    let problem = {};
    try {
      problem = await answer.json();
    } catch (e) {
      // not problem+json: keep the status
    }
    throw new Problem(answer.status, problem.code || 'HTTP_' + answer.status,
      problem.detail || problem.title || (answer.status === 403 ? t('forbidden') : t('error') + ' (' + answer.status + ')'));
  }
  if (raw) return answer;
  if (answer.status === 204) return null;
  const text = await answer.text();
  return text ? JSON.parse(text) : null;
}
