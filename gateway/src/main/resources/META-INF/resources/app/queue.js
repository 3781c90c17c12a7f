// Shift records made on a phone wait here until the network returns. Each keeps the Idempotency-Key it was
// given when the grid worker pressed the button, so sending it twice (a lost answer, two tabs) books it once.
import { call, NetworkDown, Problem } from './api.js';

const DB = 'community-points';
const STORE = 'outbox';
const listeners = new Set();
let flushing = null;

function open() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'key' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function tx(mode, work) {
  const db = await open();
  return new Promise((resolve, reject) => {
    const transaction = db.transaction(STORE, mode);
    const result = work(transaction.objectStore(STORE));
    transaction.oncomplete = () => resolve(result.result ?? result);
    transaction.onerror = () => reject(transaction.error);
  });
}

export async function entries() {
  const all = await tx('readonly', (store) => store.getAll());
  return all.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

async function put(entry) {
  await tx('readwrite', (store) => store.put(entry));
  listeners.forEach((listener) => listener());
}

export function onChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Queues a write: {key, label, path, body}. It is sent at once when the network allows. */
export async function enqueue(entry) {
  await put({ ...entry, state: 'queued', createdAt: new Date().toISOString() });
  return flush();
}

/** Sends what waits, oldest first. A refusal is final (shown with its reason); no answer keeps it queued. */
export function flush() {
  if (!flushing) {
    flushing = (async () => {
      try {
        for (const entry of await entries()) {
          if (entry.state !== 'queued') continue;
          try {
            const answer = await call(entry.path, { method: 'POST', body: entry.body, headers: { 'Idempotency-Key': entry.key } });
            await put({ ...entry, state: 'sent', sentAt: new Date().toISOString(), result: summary(answer) });
          } catch (e) {
            if (e instanceof NetworkDown || (e instanceof Problem && retryable(e.status))) break;
            await put({ ...entry, state: 'refused', code: e.code, detail: e.detail || e.message });
          }
        }
      } finally {
        flushing = null;
      }
    })();
  }
  return flushing;
}

/** Worth sending again later: a login to renew, a limit, the suite busy or away. */
function retryable(status) {
  return status === 401 || status === 408 || status === 429 || status >= 500;
}

function summary(answer) {
  if (answer && Array.isArray(answer.shifts)) {
    return { shifts: answer.shifts.length, verified: answer.verified, awaitingConfirmation: answer.awaitingConfirmation };
  }
  return {};
}

export async function clearFinished() {
  const done = (await entries()).filter((e) => e.state !== 'queued');
  await tx('readwrite', (store) => done.forEach((e) => store.delete(e.key)));
  listeners.forEach((listener) => listener());
}
