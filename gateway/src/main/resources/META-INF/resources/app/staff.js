import { call, newKey } from './api.js';
import { roles, session } from './auth.js';
import { formatTime, shanghaiDate, t } from './i18n.js';
import { barChart, chartTable } from './charts.js';
import { field, h, problemText, showProblem, tabs, toast } from './ui.js';

export async function staffView(view) {
  const names = [['adjustments', t('adjustments')], ['residents', t('residents')], ['households', t('households')],
    ['joinRequests', t('joinRequests')], ['proxies', t('proxies')], ['activities', t('activities')], ['kinds', t('kinds')],
    ['rewards', t('rewards')], ['partners', t('partners')], ['reconciliation', t('reconciliation')], ['charts', t('charts')]];
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
    panel.replaceChildren(form, reversalForm(() => approvals(waiting)), waiting);
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

  // The registry is community-service's: residents with their phone masked by the service, never whole here.
  async residents(panel) {
    const residents = await call('/api/community/residents?status=ACTIVE&limit=500');
    panel.replaceChildren(h('h3', {}, t('residents'), ' (', residents.length, ')'), table([t('name'), t('memberId'), t('household'), t('phone'), t('elderly'), t('volunteer')],
      residents.map((r) => [r.displayName, h('code', {}, r.memberId), r.householdName || r.householdId || '—', r.phone || '—',
        r.elderly ? t('yes') : t('no'), t(r.volunteerState)]), (r, i) => ({ member: residents[i].memberId })));
  },

  async households(panel) {
    const households = await call('/api/community/households');
    const cards = households.map((hh) => h('article', { class: 'card household', dataset: { household: hh.id } },
      h('h3', {}, hh.name, ' ', h('span', { class: 'muted' }, t(hh.status))),
      h('p', {}, t('members'), '：', hh.members.length ? hh.members.map((m) => m.displayName + (m.status === 'ACTIVE' ? '' : ' (' + t(m.status) + ')')).join('、') : '—'),
      hh.categories.length ? h('ul', { class: 'categories' }, hh.categories.map((c) => h('li', { dataset: { category: c.code, valid: String(c.validToday) } },
        h('strong', {}, t(c.code)), ' · ', t('validFrom'), ' ', c.validFrom, c.validUntil ? ' – ' + c.validUntil : '',
        ' · ', c.validToday ? t('validToday') : h('span', { class: 'bad' }, t('EXPIRED'))))) : h('p', { class: 'muted' }, t('categories'), '：—')));
    panel.replaceChildren(households.length ? h('div', { class: 'cards' }, cards) : h('p', {}, t('noneYet')));
  },

  async joinRequests(panel) {
    const [requests, households] = await Promise.all([call('/api/community/join-requests?status=PENDING'), call('/api/community/households')]);
    if (!requests.length) {
      panel.replaceChildren(h('p', { id: 'no-requests' }, t('noRequests')));
      return;
    }
    const open = households.filter((hh) => hh.status === 'ACTIVE');
    panel.replaceChildren(h('div', { class: 'cards' }, requests.map((r) => {
      const household = h('select', { name: 'householdId', required: true }, open.map((hh) => h('option', { value: hh.id }, hh.name)));
      const reason = h('input', { type: 'text', name: 'reason', maxlength: '500' });
      const result = h('div', { 'aria-live': 'polite' });
      const card = h('article', { class: 'card join-request', dataset: { request: r.id } },
        h('h3', {}, r.displayName), h('p', {}, t('phone'), ' ', r.phone, ' · ', t('address'), ' ', r.address, ' · ', formatTime(r.createdAt)),
        field(t('household'), household),
        h('button', { type: 'button', dataset: { approve: r.id }, onclick: async () => {
          try {
            await call(`/api/community/join-requests/${r.id}/approve`, { method: 'POST', body: { householdId: household.value } });
            result.replaceChildren(h('p', { dataset: { decided: 'approved' } }, t('approved')));
          } catch (e) {
            showProblem(result, e);
          }
        } }, t('approve')),
        field(t('reason'), reason),
        h('button', { type: 'button', class: 'secondary', dataset: { decline: r.id }, onclick: async () => {
          try {
            await call(`/api/community/join-requests/${r.id}/decline`, { method: 'POST', body: { reason: reason.value.trim() } });
            result.replaceChildren(h('p', { dataset: { decided: 'declined' } }, t('declined')));
          } catch (e) {
            showProblem(result, e);
          }
        } }, t('decline')), result);
      return card;
    })));
  },

  async proxies(panel) {
    const residents = await call('/api/community/residents?status=ACTIVE&limit=500');
    const member = h('select', { name: 'memberId' }, residents.map((r) => h('option', { value: r.memberId }, r.displayName + ' · ' + r.memberId)));
    const grants = h('section', { id: 'grants', 'aria-live': 'polite' });
    const proxyId = h('input', { type: 'text', name: 'proxyId', required: true, maxlength: '100', autocomplete: 'off' });
    const proxyName = h('input', { type: 'text', name: 'proxyName', maxlength: '100' });
    const relation = h('select', { name: 'relation' }, ['FAMILY', 'GRID_WORKER'].map((x) => h('option', { value: x }, t(x))));
    const scopes = ['PASSBOOK_READ', 'REDEEM', 'SIGN_UP'].map((x) => h('input', { type: 'checkbox', name: 'scope', value: x, id: 'scope-' + x, checked: true }));
    const until = h('input', { type: 'date', name: 'validUntil', required: true,
      value: shanghaiDate(new Date(Date.now() + 180 * 86400000)) });
    const consent = h('input', { type: 'text', name: 'consentNote', required: true, maxlength: '500' });
    const result = h('div', { id: 'grant-result', 'aria-live': 'polite' });
    const form = h('form', { id: 'grant-form' }, h('h3', {}, t('grant')), field(t('proxyId'), proxyId), field(t('proxyName'), proxyName),
      field(t('relation'), relation),
      h('fieldset', {}, h('legend', {}, t('scopes')), scopes.map((box) => h('span', { class: 'check' }, box, h('label', { for: box.id }, t(box.value))))),
      field(t('validUntil'), until), field(t('consentNote'), consent), h('button', { type: 'submit' }, t('grant')), result);
    let key = newKey();
    form.addEventListener('input', () => { key = newKey(); });
    const show = async () => {
      delete grants.dataset.loaded;
      grants.replaceChildren(h('p', {}, t('loading')));
      try {
        const list = await call(`/api/community/residents/${encodeURIComponent(member.value)}/proxies`);
        grants.replaceChildren(h('h3', {}, t('proxies')), list.length ? table([t('proxyName'), t('relation'), t('scopes'), t('validUntil'), t('status'), t('consentNote'), ''],
          list.map((g) => [g.proxyName + ' · ' + g.proxyId, t(g.relation), g.scopes.map(t).join('、'), formatTime(g.validUntil), t(g.state), g.consentNote || '—',
            g.state === 'ACTIVE' ? h('button', { type: 'button', class: 'secondary', dataset: { revoke: g.id }, onclick: async (event) => {
              try {
                await call(`/api/community/residents/${encodeURIComponent(member.value)}/proxies/${g.id}/revoke`, { method: 'POST' });
                await show();
              } catch (e) {
                event.target.replaceWith(h('span', { class: 'problem' }, problemText(e)));
              }
            } }, t('revoke')) : '']), (g, i) => ({ grant: list[i].id, state: list[i].state })) : h('p', {}, t('noGrants')));
        grants.dataset.loaded = 'yes';
      } catch (e) {
        showProblem(grants, e);
      }
    };
    member.addEventListener('change', show);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      try {
        // The end of the chosen day in Asia/Shanghai, where the community lives.
        await call(`/api/community/residents/${encodeURIComponent(member.value)}/proxies`, { method: 'POST', headers: { 'Idempotency-Key': key },
          body: { proxyId: proxyId.value.trim(), proxyName: proxyName.value.trim() || undefined, relation: relation.value,
            scopes: scopes.filter((b) => b.checked).map((b) => b.value), validUntil: new Date(until.value + 'T23:59:59+08:00').toISOString(), consentNote: consent.value.trim() } });
        result.replaceChildren(h('p', { dataset: { granted: 'yes' } }, t('grant'), ' ✓'));
        form.reset();
        key = newKey();
        await show();
      } catch (e) {
        showProblem(result, e);
      }
    });
    panel.replaceChildren(field(t('member'), member), grants, form);
    if (residents.length) await show();
  },

  // The reconciler's last run over the whole ledger as points-service keeps it; 404 NO_RECONCILIATION_YET before the first.
  async reconciliation(panel) {
    let run;
    try {
      run = await call('/api/points/reconciliation-runs/latest');
    } catch (e) {
      if (e.code === 'NO_RECONCILIATION_YET') {
        panel.replaceChildren(h('p', { id: 'reconciliation', class: 'card', dataset: { outcome: 'NONE' } }, t('reconciliationNone')));
        return;
      }
      throw e;
    }
    const good = run.outcome === 'CLEAN';
    panel.replaceChildren(h('section', { id: 'reconciliation', dataset: { outcome: run.outcome } },
      h('p', { class: 'big ' + (good ? 'amount plus' : 'bad') }, good ? '✓ ' : '✗ ', t(run.outcome)),
      h('p', {}, t('startedAt'), ' ', formatTime(run.startedAt), ' · ', t('finishedAt'), ' ', formatTime(run.finishedAt), ' · ',
        t('postingsChecked'), ' ', h('strong', {}, run.postingsChecked)),
      h('h3', {}, t('checks')),
      table([t('check'), t('outcome'), t('discrepancies')], (run.checks || []).map((c) => [c.name, t(c.outcome), c.discrepancies])),
      h('h3', {}, t('discrepancies')),
      (run.discrepancies || []).length ? table([t('check'), t('subject'), t('detail')], run.discrepancies.map((d) => [d.check, d.subject, d.detail]))
        : h('p', {}, t('noDiscrepancies'))));
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

  // Each figure from the service that owns it: participation and points awarded from activity-service's monthly
  // report, points issued by activity kind from its by-kind report, what each partner redeemed (captured) from
  // catalog-service's settlement, the subsidy pool from points-service. The by-kind and by-partner charts follow the
  // months chosen above them (this month at first); the others always show the last six months and this month.
  async charts(panel) {
    const month = shanghaiDate().slice(0, 7);
    const months = monthsUpTo(month, 6);
    const monthly = Promise.all(months.map((m) => call(`/api/activity/reports/monthly?month=${m}`).then((r) => ({ label: m, report: r }))));
    const from = h('input', { type: 'month', name: 'from', required: true, value: month, max: month });
    const to = h('input', { type: 'month', name: 'to', required: true, value: month, max: month });
    const form = h('form', { id: 'chart-period', class: 'card' }, h('h3', {}, t('period')),
      h('div', { class: 'row' }, field(t('fromMonth'), from), field(t('toMonth'), to)), h('button', { type: 'submit' }, t('show')));
    const card = (id) => h('section', { class: 'card chart-card', id });
    const [participation, awarded, byKind, byPartner, subsidy] = ['chart-participation', 'chart-awarded', 'chart-by-kind',
      'chart-by-partner', 'chart-subsidy'].map(card);
    const drawPeriod = () => {
      const first = from.value;
      const last = to.value || first;
      const period = first === last ? first : `${first} – ${last}`;
      // Settlement days, both included: the first month's first day to the last month's last day, never after today.
      const lastDay = new Date(Date.UTC(Number(last.slice(0, 4)), Number(last.slice(5, 7)), 0)).toISOString().slice(0, 10);
      const until = lastDay < shanghaiDate() ? lastDay : shanghaiDate();
      return Promise.all([
        drawChart(byKind, `${t('pointsByKind')}（${period}）`, t('kind'), call(`/api/activity/reports/points-by-kind?from=${first}&to=${last}`)
          .then((report) => report.kinds.map((k) => ({ label: k.name, value: k.points }))), {}, `${first}/${last}`),
        drawChart(byPartner, `${t('pointsByPartner')}（${period}）`, t('partners'), call('/api/catalog/partners').then((partners) => Promise.all(partners.map((p) =>
          call(`/api/catalog/partners/${encodeURIComponent(p.id)}/settlement?from=${first}-01&to=${until}`)
            .then((s) => ({ label: p.name, value: s.pointsCaptured + s.subsidyCaptured }))))), {}, `${first}/${last}`),
      ]);
    };
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      drawPeriod();
    });
    panel.replaceChildren(participation, awarded, form, byKind, byPartner, subsidy);
    await Promise.all([
      drawChart(participation, t('participation'), t('month'), monthly.then((rows) => rows.map((r) => ({ label: r.label, value: r.report.activeVolunteers })))),
      drawChart(awarded, t('pointsAwarded'), t('month'), monthly.then((rows) => rows.map((r) => ({ label: r.label, value: r.report.pointsAwarded })))),
      drawPeriod(),
      drawChart(subsidy, t('subsidy'), t('month'), call('/api/points/subsidy-pool').then((pool) => [{ label: pool.month, value: pool.spent, budget: pool.budget }]), { outline: 'budget' }),
    ]);
  },
};

/** The {@code count} months up to and including {@code month} (YYYY-MM), oldest first. */
function monthsUpTo(month, count) {
  const months = [];
  for (let i = count - 1; i >= 0; i--) {
    months.push(new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1 - i, 1)).toISOString().slice(0, 7));
  }
  return months;
}

/**
 * Draws one chart card: its title, the bars and the same figures as a table, or the service's refusal in its words.
 * {@code shown} (for example the months drawn) lands in data-shown once the figures are on the page.
 */
async function drawChart(card, title, labelHeading, figures, options = {}, shown = 'yes') {
  // Show pressed twice: the answers may come back in either order, and only the last request's may be drawn.
  const turn = String(Number(card.dataset.turn || 0) + 1);
  card.dataset.turn = turn;
  delete card.dataset.shown;
  card.replaceChildren(h('h3', {}, title), h('p', {}, t('loading')));
  try {
    const rows = await figures;
    if (card.dataset.turn !== turn) return;
    card.replaceChildren(h('h3', {}, title), ...(rows.length ? [barChart(title, rows, options), chartTable(labelHeading, rows, options)]
      : [h('p', {}, t('noneYet'))]));
  } catch (e) {
    if (card.dataset.turn !== turn) return;
    card.replaceChildren(h('h3', {}, title), h('p', { class: 'problem', dataset: { code: e.code || '' } }, problemText(e)));
  }
  card.dataset.shown = shown;
}

/**
 * Reverse one booking by its transaction id (the passbook's and the reconciler's): booked at once up to 100 points,
 * else waiting for a second staff member. Sent twice, the second is refused (already reversed or waiting).
 */
function reversalForm(refreshApprovals) {
  const transaction = h('input', { type: 'text', name: 'transactionId', required: true, autocomplete: 'off', size: '38' });
  const reason = h('input', { type: 'text', name: 'reason', required: true, maxlength: '200', size: '30' });
  const result = h('div', { id: 'reversal-result', 'aria-live': 'polite' });
  const form = h('form', { id: 'reversal-form' }, h('h3', {}, t('reverseOne')), field(t('transactionId'), transaction),
    field(t('reason'), reason), h('button', { type: 'submit' }, t('reverse')), result);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const done = await call(`/api/points/transactions/${encodeURIComponent(transaction.value.trim())}/reversal`,
        { method: 'POST', body: { reason: reason.value.trim() } });
      result.replaceChildren(h('p', { dataset: { status: done.status } },
        done.status === 'PENDING' ? t('reversalPending') : t('reversalBooked')));
      form.reset();
      await refreshApprovals();
    } catch (e) {
      showProblem(result, e);
    }
  });
  return form;
}

async function approvals(section) {
  section.replaceChildren(h('h3', {}, t('approvals')));
  // Adjustments and reversals above the threshold both wait here for a second staff member.
  let adjustments, reversals;
  try {
    [adjustments, reversals] = await Promise.all([call('/api/points/adjustments?status=PENDING'),
      call('/api/points/reversals?status=PENDING')]);
  } catch (e) {
    section.append(h('p', { class: 'problem' }, problemText(e)));
    return;
  }
  if (!adjustments.length && !reversals.length) {
    section.append(h('p', {}, t('noneYet')));
    return;
  }
  const me = session().claims.sub;
  const body = h('tbody', {});
  for (const a of adjustments) body.append(decisionRow('adjustment', a, `/api/points/adjustments/${a.id}`, a.reason, me));
  for (const r of reversals) body.append(decisionRow('reversal', r, `/api/points/reversals/${r.id}`,
    `${t('reversal')}：${r.description}（${r.reason}）`, me));
  section.append(h('div', { class: 'table-wrap', tabindex: '0' }, h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, t('memberId')), h('th', {}, t('points')),
    h('th', {}, t('reason')), h('th', {}, t('when')), h('th', {}, ''))), body)));
}

/** One pending transfer with its approve and reject buttons; whoever asked for it cannot decide it. */
function decisionRow(kind, item, path, reason, me) {
  const cell = h('td', {});
  const mine = item.requestedBy === me;
  cell.append(h('button', { type: 'button', disabled: mine, dataset: { approve: item.id }, onclick: async () => {
    try {
      await call(`${path}/approve`, { method: 'POST' });
      cell.replaceChildren(h('span', { dataset: { decided: 'approved' } }, t('approved')));
    } catch (e) {
      showProblem(cell, e);
    }
  } }, t('approve')), ' ', h('button', { type: 'button', class: 'secondary', disabled: mine, onclick: async () => {
    const reason = prompt(t('reason'));
    if (!reason) return;
    try {
      await call(`${path}/reject`, { method: 'POST', body: { reason } });
      cell.replaceChildren(t('rejected'));
    } catch (e) {
      showProblem(cell, e);
    }
  } }, t('reject')));
  return h('tr', { dataset: { [kind]: item.id } }, h('td', {}, item.memberId), h('td', {}, item.points), h('td', {}, reason),
    h('td', {}, item.requestedBy, ' · ', formatTime(item.requestedAt)), cell);
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

/** A table; {@code data} gives each row's data-* attributes (for finding a row again). */
function table(headings, rows, data) {
  return h('div', { class: 'table-wrap', tabindex: '0' }, h('table', {}, h('thead', {}, h('tr', {}, headings.map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', {}, rows.map((r, i) => h('tr', { dataset: data ? data(r, i) : undefined }, r.map((c) => h('td', {}, c)))))));
}

export function isOperatorOnly() {
  const r = roles();
  return r.includes('operator') && !r.includes('staff');
}
