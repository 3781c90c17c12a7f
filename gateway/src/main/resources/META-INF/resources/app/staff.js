import { call, newKey } from './api.js';
import { roles, session } from './auth.js';
import { formatTime, shanghaiDate, t } from './i18n.js';
import { barChart } from './charts.js';
import { field, h, problemText, showProblem, tabs, toast } from './ui.js';

export async function staffView(view) {
  const names = [['adjustments', t('adjustments')], ['activities', t('activities')], ['kinds', t('kinds')], ['rewards', t('rewards')],
    ['partners', t('partners')], ['charts', t('charts')]];
  view.replaceChildren(h('h2', {}, t('navStaff')), tabs(names, (key, panel) => PANELS[key](panel)));
}

export async function operatorView(view) {
  const panel = h('div', {});
  view.replaceChildren(h('h2', {}, t('deadLetters')), panel);
  await deadLetters(panel);
}

const PANELS = {
  async adjustments(panel) {
    const member = h('input', { type: 'text', name: 'memberId', required: true, autocomplete: 'off', size: '38' });
    const points = h('input', { type: 'number', name: 'points', required: true, min: '-500', max: '500', step: '1' });
    const reason = h('input', { type: 'text', name: 'reason', required: true, maxlength: '200', size: '30' });
    const result = h('div', { id: 'adjustment-result', 'aria-live': 'polite' });
    const form = h('form', { id: 'adjustment-form' }, h('h3', {}, t('adjustments')), field(t('memberId'), member), field(t('points'), points),
      field(t('reason'), reason), h('button', { type: 'submit' }, t('ask')), result);
    const waiting = h('section', { id: 'approvals' });
    panel.replaceChildren(form, waiting);
    // One key per adjustment typed: pressing twice on a slow network books it once.
    let key = newKey();
    form.addEventListener('input', () => { key = newKey(); });
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      try {
        const done = await call('/api/points/adjustments', { method: 'POST', headers: { 'Idempotency-Key': key },
          body: { memberId: member.value.trim(), points: Number(points.value), reason: reason.value.trim() } });
        result.replaceChildren(h('p', { dataset: { status: done.status } }, done.status === 'PENDING' ? t('adjustmentPending') : t('adjustmentBooked')));
        form.reset();
        key = newKey();
        await approvals(waiting);
      } catch (e) {
        showProblem(result, e);
      }
    });
    await approvals(waiting);
  },

  async activities(panel) {
    const list = await call('/api/activity/activities');
    const kinds = await call('/api/activity/kinds');
    const title = h('input', { type: 'text', required: true, maxlength: '200' });
    const kind = h('select', { required: true }, kinds.map((k) => h('option', { value: k.id }, k.name)));
    const place = h('input', { type: 'text', required: true, maxlength: '200' });
    const starts = h('input', { type: 'datetime-local', required: true });
    const ends = h('input', { type: 'datetime-local', required: true });
    const capacity = h('input', { type: 'number', min: '1', value: '20', required: true });
    const result = h('div', { 'aria-live': 'polite' });
    const form = h('form', {}, h('h3', {}, t('publish')), field(t('title'), title), field(t('kind'), kind), field(t('place'), place),
      h('div', { class: 'row' }, field(t('startsAt'), starts), field(t('endsAt'), ends), field(t('capacity'), capacity)),
      h('button', { type: 'submit' }, t('publish')), result);
    const key = newKey();
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      try {
        await call('/api/activity/activities', { method: 'POST', headers: { 'Idempotency-Key': key },
          body: { title: title.value, kindId: kind.value, place: place.value, startsAt: new Date(starts.value).toISOString(),
            endsAt: new Date(ends.value).toISOString(), capacity: Number(capacity.value) } });
        toast(t('publish') + ' ✓');
        PANELS.activities(panel);
      } catch (e) {
        showProblem(result, e);
      }
    });
    panel.replaceChildren(table([t('title'), t('kind'), t('startsAt'), t('signedUp')],
      list.map((a) => [a.title, a.kindName, formatTime(a.startsAt), `${a.signedUp} / ${a.capacity}`])), form);
  },

  async kinds(panel) {
    const kinds = await call('/api/activity/kinds');
    panel.replaceChildren(table([t('kind'), t('pointsPerHour'), t('rules')], kinds.map((k) => [k.name,
      k.currentRule ? k.currentRule.pointsPerHour : '—',
      k.currentRule ? `${k.currentRule.rounding || ''} ${k.currentRule.minimumMinutes ?? ''}′ ≤${k.currentRule.dailyCapPoints ?? ''}` : ''])));
  },

  async rewards(panel) {
    const rewards = await call('/api/catalog/rewards');
    panel.replaceChildren(table([t('rewards'), t('partners'), t('price'), t('left')],
      rewards.map((r) => [r.title, r.partnerName, r.points, r.left ?? '—'])));
  },

  async partners(panel) {
    const partners = await call('/api/catalog/partners');
    panel.replaceChildren(table([t('partners'), t('kind')], partners.map((p) => [p.name, p.kind])));
  },

  async charts(panel) {
    const month = shanghaiDate().slice(0, 7);
    const months = [];
    for (let i = 5; i >= 0; i--) {
      const d = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1 - i, 1));
      months.push(d.toISOString().slice(0, 7));
    }
    const sections = await Promise.allSettled([
      Promise.all(months.map((m) => call(`/api/activity/reports/monthly?month=${m}`).then((r) => ({ label: m, value: r.activeVolunteers }))))
        .then((rows) => barChart(t('participation'), rows)),
      call('/api/catalog/partners').then((partners) => Promise.all(partners.map((p) =>
        call(`/api/catalog/partners/${encodeURIComponent(p.id)}/settlement?from=${month}-01&to=${shanghaiDate()}`)
          .then((s) => ({ label: p.name, value: s.pointsCaptured + s.subsidyCaptured })))))
        .then((rows) => barChart(t('pointsByPartner'), rows)),
      call('/api/points/subsidy-pool').then((pool) => barChart(t('subsidy'), [{ label: pool.month, value: pool.spent, budget: pool.budget }], { outline: 'budget' })),
    ]);
    const titles = [t('participation'), t('pointsByPartner'), t('subsidy')];
    panel.replaceChildren(...sections.map((s, i) => h('section', { class: 'card chart-card' }, h('h3', {}, titles[i]),
      s.status === 'fulfilled' ? s.value : h('p', { class: 'problem' }, problemText(s.reason)))));
  },
};

async function approvals(section) {
  section.replaceChildren(h('h3', {}, t('approvals')));
  let pending;
  try {
    pending = await call('/api/points/adjustments?status=PENDING');
  } catch (e) {
    section.append(h('p', { class: 'problem' }, problemText(e)));
    return;
  }
  if (!pending.length) {
    section.append(h('p', {}, t('noneYet')));
    return;
  }
  const me = session().claims.sub;
  const body = h('tbody', {});
  for (const a of pending) {
    const cell = h('td', {});
    const mine = a.requestedBy === me;
    cell.append(h('button', { type: 'button', disabled: mine, dataset: { approve: a.id }, onclick: async () => {
      try {
        await call(`/api/points/adjustments/${a.id}/approve`, { method: 'POST' });
        cell.replaceChildren(h('span', { dataset: { decided: 'approved' } }, t('approved')));
      } catch (e) {
        showProblem(cell, e);
      }
    } }, t('approve')), ' ', h('button', { type: 'button', class: 'secondary', disabled: mine, onclick: async () => {
      const reason = prompt(t('reason'));
      if (!reason) return;
      try {
        await call(`/api/points/adjustments/${a.id}/reject`, { method: 'POST', body: { reason } });
        cell.replaceChildren(t('rejected'));
      } catch (e) {
        showProblem(cell, e);
      }
    } }, t('reject')));
    body.append(h('tr', { dataset: { adjustment: a.id } }, h('td', {}, a.memberId), h('td', {}, a.points), h('td', {}, a.reason),
      h('td', {}, a.requestedBy, ' · ', formatTime(a.requestedAt)), cell));
  }
  section.append(h('div', { class: 'table-wrap' }, h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, t('memberId')), h('th', {}, t('points')),
    h('th', {}, t('reason')), h('th', {}, t('when')), h('th', {}, ''))), body)));
}

async function deadLetters(panel) {
  const sections = [];
  for (const service of ['activity', 'points', 'catalog']) {
    const section = h('section', { class: 'card dead-letters', dataset: { service } }, h('h3', {}, t('service'), '：', service));
    sections.push(section);
    try {
      const page = await call(`/api/${service}/dead-letters`);
      const items = page.items || [];
      if (!items.length) {
        section.append(h('p', {}, t('noDeadLetters')));
        continue;
      }
      section.append(table([t('topic'), t('reason'), t('status'), ''], items.map((d) => [d.sourceTopic, d.reason, d.state,
        d.state === 'WAITING' ? h('button', { type: 'button', onclick: async (e) => {
          try {
            await call(`/api/${service}/dead-letters/${d.id}/redrive`, { method: 'POST' });
            e.target.replaceWith(t('sent'));
          } catch (err) {
            toast(problemText(err));
          }
        } }, t('redrive')) : ''])));
    } catch (e) {
      section.append(h('p', { class: 'problem' }, problemText(e)));
    }
  }
  panel.replaceChildren(...sections);
}

function table(headings, rows) {
  return h('div', { class: 'table-wrap' }, h('table', {}, h('thead', {}, h('tr', {}, headings.map((x) => h('th', {}, x)))),
    h('tbody', {}, rows.map((r) => h('tr', {}, r.map((c) => h('td', {}, c)))))));
}

export function isOperatorOnly() {
  const r = roles();
  return r.includes('operator') && !r.includes('staff');
}
