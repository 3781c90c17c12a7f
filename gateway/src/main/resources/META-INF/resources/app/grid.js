import { call, newKey } from './api.js';
import { formatTime, shanghaiDate, t } from './i18n.js';
import { clearFinished, enqueue, entries, flush, onChange } from './queue.js';
import { field, h, problemText, showProblem, toast } from './ui.js';

// Phone first: one column, big targets; the queue is always visible so the grid worker sees what reached the office.
export async function gridView(view) {
  const list = h('section', { 'aria-labelledby': 'acts' }, h('h2', { id: 'acts' }, t('activities')));
  const detail = h('section', { id: 'activity-detail' });
  const queue = h('section', { id: 'queue', 'aria-labelledby': 'queue-title' });
  view.replaceChildren(list, detail, queue);
  const unsubscribe = onChange(() => renderQueue(queue));
  view.cleanup = unsubscribe;
  renderQueue(queue);
  flush();
  let activities;
  try {
    activities = await call('/api/activity/activities');
  } catch (e) {
    list.append(h('p', { class: 'problem' }, problemText(e)));
    return;
  }
  if (!activities.length) list.append(h('p', {}, t('noActivities')));
  const today = shanghaiDate();
  const cards = h('div', { class: 'cards' });
  for (const activity of activities) {
    const isToday = shanghaiDate(new Date(activity.startsAt)) <= today;
    cards.append(h('article', { class: 'card' + (isToday ? ' today' : '') },
      h('h3', {}, activity.title),
      h('p', {}, activity.kindName, ' · ', activity.place),
      h('p', {}, formatTime(activity.startsAt), ' – ', formatTime(activity.endsAt), isToday ? ' · ' + t('today') : ''),
      h('p', {}, t('signedUp'), ' ', activity.signedUp, ' / ', activity.capacity),
      h('button', { type: 'button', dataset: { activity: activity.id }, onclick: () => openActivity(detail, activity) }, t('roster'))));
  }
  list.append(cards);
}

async function openActivity(detail, activity) {
  detail.replaceChildren(h('h2', { id: 'detail-title', tabindex: '-1' }, activity.title), h('p', {}, t('loading')));
  detail.querySelector('h2').focus();
  const codeBox = h('div', { class: 'card', id: 'check-in-code' });
  const form = h('form', { id: 'record-form' });
  const shifts = h('div', {});
  detail.replaceChildren(detail.firstChild, codeBox, form, shifts);
  showCode(codeBox, activity.id);
  let roster;
  try {
    roster = await call(`/api/activity/activities/${activity.id}/roster`);
  } catch (e) {
    showProblem(form, e);
    return;
  }
  const duration = Math.max(1, Math.round((Math.min(Date.now(), Date.parse(roster.endsAt)) - Date.parse(roster.startsAt)) / 60000));
  const rows = roster.signUps.map((s) => h('tr', {},
    h('td', {}, h('input', { type: 'checkbox', name: 'member', value: s.memberId, id: 'm-' + s.memberId, 'aria-label': t('served') + ' ' + who(s) })),
    h('td', {}, h('label', { for: 'm-' + s.memberId, dataset: { named: s.displayName ? 'yes' : 'no' } }, who(s))),
    h('td', {}, h('input', { type: 'number', min: '1', max: '1440', value: String(Math.min(duration, 240)), name: 'minutes-' + s.memberId,
      'aria-label': t('minutes') + ' ' + who(s), size: '4' }))));
  const walkIn = h('input', { type: 'text', name: 'walk-in', autocomplete: 'off' });
  const verify = h('input', { type: 'checkbox', name: 'verify', id: 'verify', checked: true });
  form.append(h('h3', {}, t('record')),
    h('div', { class: 'table-wrap', tabindex: '0' }, h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, t('served')), h('th', {}, t('member')), h('th', {}, t('minutes')))),
      h('tbody', {}, rows))),
    field(t('walkIn'), walkIn),
    h('p', {}, verify, ' ', h('label', { for: 'verify', style: 'display:inline' }, t('verifyToo'))),
    h('button', { type: 'submit' }, t('submit')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const entriesToSend = [];
    const start = Date.parse(roster.startsAt);
    form.querySelectorAll('input[name=member]:checked').forEach((box) => {
      const minutes = Number(form.querySelector(`[name="minutes-${box.value}"]`).value) || duration;
      entriesToSend.push({ memberId: box.value, startedAt: new Date(start).toISOString(),
        endedAt: new Date(start + minutes * 60000).toISOString(), walkIn: false });
    });
    if (walkIn.value.trim()) {
      entriesToSend.push({ memberId: walkIn.value.trim(), startedAt: new Date(start).toISOString(),
        endedAt: new Date(start + Math.min(duration, 240) * 60000).toISOString(), walkIn: true });
    }
    if (!entriesToSend.length) {
      toast(t('chooseSomeone'));
      return;
    }
    await enqueue({ key: 'grid-' + newKey(), label: `${activity.title} · ${entriesToSend.length}`,
      path: `/api/activity/activities/${activity.id}/shifts/bulk`, body: { entries: entriesToSend, verify: verify.checked } });
    form.reset();
  });
  await showShifts(shifts, activity.id, roster);
  // Once a queued record reaches the office, its shifts show here with their state.
  const unsubscribe = onChange(async () => {
    if (!shifts.isConnected) {
      unsubscribe();
      return;
    }
    const sentHere = (await entries()).some((e) => e.state === 'sent' && e.path.includes(activity.id));
    if (sentHere) {
      showShifts(shifts, activity.id).catch(() => {});
    }
  });
}

/** The roster's name for a resident where activity-service sends one (its registry copy), the member id otherwise. */
function who(entry) {
  return entry.displayName || entry.memberId;
}

async function showShifts(shifts, activityId, loaded) {
  const roster = loaded || await call(`/api/activity/activities/${activityId}/roster`);
  const table = h('tbody', {});
  for (const shift of roster.shifts) {
    const cell = h('td', {});
    if (shift.status === 'RECORDED') {
      cell.append(h('button', { type: 'button', class: 'secondary', onclick: async () => {
        try {
          await call(`/api/activity/shifts/${shift.id}/verify`, { method: 'POST', headers: { 'Idempotency-Key': 'verify-' + newKey() } });
          cell.replaceChildren(t('sent'));
        } catch (e) {
          showProblem(cell, e);
        }
      } }, t('verify')));
    }
    table.append(h('tr', { dataset: { shift: shift.id, member: shift.memberId } }, h('td', {}, who(shift)), h('td', {}, shift.minutes ?? ''),
      h('td', {}, t(shift.status), shift.awaitingConfirmation ? ' · ' + t('awaiting') : ''), cell));
  }
  shifts.replaceChildren(h('h3', {}, t('shifts')), h('div', { class: 'table-wrap', tabindex: '0' }, h('table', {}, h('thead', {}, h('tr', {},
    h('th', {}, t('member')), h('th', {}, t('minutes')), h('th', {}, t('status')), h('th', {}, ''))), table)));
}

async function showCode(box, activityId) {
  try {
    const code = await call(`/api/activity/activities/${activityId}/check-in-code`);
    box.replaceChildren(h('h3', {}, t('checkInCode')), h('p', { class: 'code', 'aria-live': 'polite' }, code.code),
      h('p', { class: 'muted' }, t('checkInHelp'), ' ', t('nextCode'), ' ', formatTime(code.validUntil)));
    const wait = Math.max(5000, Date.parse(code.validUntil) - Date.now());
    setTimeout(() => { if (box.isConnected) showCode(box, activityId); }, wait);
  } catch (e) {
    box.replaceChildren(h('h3', {}, t('checkInCode')), h('p', { class: 'problem' }, problemText(e)));
  }
}

async function renderQueue(queue) {
  const all = await entries();
  queue.replaceChildren(h('h2', { id: 'queue-title' }, t('queue')));
  if (!all.length) {
    queue.append(h('p', {}, t('nothingQueued')));
    return;
  }
  const list = h('ul', { class: 'queue' });
  for (const entry of all.slice().reverse()) {
    list.append(h('li', { dataset: { key: entry.key, state: entry.state } },
      h('span', { class: 'state ' + entry.state }, t(entry.state)), ' ', entry.label, ' · ', formatTime(entry.createdAt),
      entry.state === 'sent' && entry.result?.shifts !== undefined ? ` · ${entry.result.shifts} ${t('shiftsSaved')}` : '',
      entry.state === 'refused' ? h('span', { class: 'problem' }, ' · ', entry.detail) : ''));
  }
  queue.append(list, h('button', { type: 'button', class: 'secondary', onclick: clearFinished }, t('refresh')));
}
