import { call } from './api.js';
import { session } from './auth.js';
import { formatTime, shanghaiDate, t } from './i18n.js';
import { csvDownload, field, h, problemText, showProblem } from './ui.js';

// The partner's counter: type (or scan) the code the resident shows, see what it is for, take it.
export async function counterView(view) {
  const partnerId = session().claims.partner;
  const code = h('input', { type: 'text', name: 'code', autocomplete: 'off', autocapitalize: 'characters',
    spellcheck: 'false', class: 'code', size: '12' });
  const preview = h('div', { id: 'voucher-preview', 'aria-live': 'polite' });
  const result = h('div', { id: 'fulfil-result', 'aria-live': 'polite' });
  const form = h('form', { id: 'fulfil-form' }, field(t('voucherCode'), code), preview,
    h('div', { class: 'row' }, h('button', { type: 'submit' }, t('fulfil'))), result);
  const today = h('section', { id: 'today' });
  const settlement = h('section', { id: 'settlement' });
  view.replaceChildren(h('h2', {}, t('navCounter')), form, today, settlement);
  if ('BarcodeDetector' in window && navigator.mediaDevices?.getUserMedia) {
    form.querySelector('.row').append(scanButton(code, () => showPreview()));
  }
  let vouchers = [];
  const loadVouchers = async () => {
    vouchers = await call(`/api/catalog/partners/${encodeURIComponent(partnerId)}/vouchers?limit=1000`);
    renderToday(today, vouchers);
  };
  // What the typed code is for, from catalog-service, before the Fulfil button is pressed. Only a whole code is
  // looked up; another partner's code reads "not found", as it does when fulfilling.
  let asked = '';
  const showPreview = async () => {
    const typed = code.value.replace(/[\s-]/g, '').toUpperCase();
    if (typed.length !== 10) {
      asked = '';
      preview.replaceChildren();
      return;
    }
    if (typed === asked) return;
    asked = typed;
    try {
      const v = await call(`/api/catalog/vouchers/${encodeURIComponent(typed)}`);
      if (asked !== typed) return;
      preview.replaceChildren(voucherCard(v));
    } catch (e) {
      if (asked === typed) showProblem(preview, e);
    }
  };
  code.addEventListener('input', showPreview);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const typed = code.value.replace(/[\s-]/g, '');
    if (!typed) return;
    try {
      const done = await call(`/api/catalog/vouchers/${encodeURIComponent(typed)}/fulfil`, { method: 'POST' });
      result.replaceChildren(h('p', { class: 'big', dataset: { state: done.state } }, '✓ ', t('fulfilled'), '：', done.rewardTitle));
      code.value = '';
      preview.replaceChildren();
      await loadVouchers();
    } catch (e) {
      showProblem(result, e);
    }
    code.focus();
  });
  renderSettlement(settlement, partnerId);
  try {
    await loadVouchers();
  } catch (e) {
    showProblem(today, e);
  }
}

function voucherCard(v) {
  const rows = [[t('rewards'), h('strong', {}, v.rewardTitle)], [t('status'), h('span', { class: 'state ' + (v.state === 'ACTIVE' ? 'sent' : 'refused') }, t('voucher' + v.state))]];
  if (v.session) rows.push([t('session'), formatTime(v.session.startsAt) + ' – ' + formatTime(v.session.endsAt)]);
  if (v.mealDay) rows.push([t('mealDay'), v.mealDay]);
  rows.push([t('member'), v.residentName || '—'], [t('validUntil'), formatTime(v.validUntil)]);
  if (v.fulfilledAt) rows.push([t('fulfilled'), formatTime(v.fulfilledAt)]);
  return h('div', { class: 'card voucher-lookup', dataset: { state: v.state } }, h('p', {}, t('voucherFor'), ' ', v.code),
    h('dl', { class: 'facts' }, rows.flatMap(([k, v2]) => [h('dt', {}, k), h('dd', {}, v2)])));
}

function renderToday(section, vouchers) {
  const day = shanghaiDate();
  const used = vouchers.filter((v) => v.fulfilledAt && shanghaiDate(new Date(v.fulfilledAt)) === day);
  section.replaceChildren(h('h3', {}, t('todayFulfilments'), ' (', used.length, ')'));
  if (!used.length) {
    section.append(h('p', {}, t('noneYet')));
    return;
  }
  section.append(h('div', { class: 'table-wrap', tabindex: '0' }, h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, t('when')), h('th', {}, t('voucherCode')),
    h('th', {}, t('rewards')), h('th', {}, t('points')))),
  h('tbody', {}, used.map((v) => h('tr', {}, h('td', {}, formatTime(v.fulfilledAt)), h('td', {}, v.code), h('td', {}, v.rewardTitle),
    h('td', {}, v.points + v.subsidyPoints)))))));
}

function renderSettlement(section, partnerId) {
  const today = shanghaiDate();
  const from = h('input', { type: 'date', value: today.slice(0, 8) + '01' });
  const to = h('input', { type: 'date', value: today });
  const out = h('div', {});
  const form = h('form', { class: 'row' }, field(t('from'), from), field(t('to'), to), h('button', { type: 'submit' }, t('show')));
  section.replaceChildren(h('h3', {}, t('settlement')), form, out);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const s = await call(`/api/catalog/partners/${encodeURIComponent(partnerId)}/settlement?from=${from.value}&to=${to.value}`);
      out.replaceChildren(h('p', {}, t('vouchersFulfilled'), ' ', h('strong', {}, s.vouchersFulfilled), ' · ', t('pointsCaptured'), ' ',
        h('strong', {}, s.pointsCaptured), ' · ', t('subsidyCaptured'), ' ', h('strong', {}, s.subsidyCaptured)),
      h('button', { type: 'button', class: 'secondary', onclick: () => csvDownload(`settlement-${partnerId}-${s.from}-${s.to}.csv`,
        [['核销时间', '兑换码', '奖励', '状态', '居民积分', '补贴积分'],
          ...s.lines.map((l) => [l.fulfilledAt, l.voucherCode, l.rewardTitle, l.state, l.points, l.subsidyPoints])]) }, t('downloadCsv')));
    } catch (e) {
      showProblem(out, e);
    }
  });
  form.requestSubmit();
}

function scanButton(code, found) {
  let stream;
  const video = h('video', { playsinline: true, muted: true, hidden: true });
  const button = h('button', { type: 'button', class: 'secondary' }, t('scan'));
  button.addEventListener('click', async () => {
    if (stream) {
      stream.getTracks().forEach((track) => track.stop());
      stream = null;
      video.hidden = true;
      button.textContent = t('scan');
      return;
    }
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
    } catch (e) {
      code.focus();
      return;
    }
    video.srcObject = stream;
    video.hidden = false;
    await video.play();
    button.textContent = t('stopScan');
    const detector = new window.BarcodeDetector({ formats: ['qr_code'] });
    const look = async () => {
      if (!stream) return;
      const codes = await detector.detect(video).catch(() => []);
      if (codes.length) {
        code.value = codes[0].rawValue;
        button.click();
        found();
        return;
      }
      requestAnimationFrame(look);
    };
    look();
  });
  return h('span', {}, button, video);
}
