import { call, newKey } from './api.js';
import { formatTime, t } from './i18n.js';
import { field, h, problemText, showProblem, tabs, toast } from './ui.js';

export async function residentView(view) {
  const names = [['home', t('home')], ['passbook', t('passbook')], ['activities', t('activities')], ['rewards', t('rewards')]];
  view.replaceChildren(tabs(names, (key, panel) => PANELS[key](panel)));
}

const PANELS = {
  async home(panel) {
    const home = await call('/api/home');
    const part = (p, render) => (p.status === 'ok' ? render(p.data) : h('p', { class: 'muted' }, t('unavailable')));
    panel.replaceChildren(
      h('section', { class: 'card', id: 'balance' }, h('h2', {}, t('balance')), part(home.balance, (b) => h('div', {},
        h('p', { class: 'big', dataset: { available: b.available } }, b.available),
        h('p', {}, t('posted'), ' ', b.posted, ' · ', t('held'), ' ', b.held)))),
      h('section', { id: 'vouchers' }, h('h2', {}, t('vouchers')), part(home.activeVouchers, (list) => (list.length
        ? h('div', { class: 'cards' }, list.map(voucherCard)) : h('p', {}, t('noneYet'))))),
      h('section', {}, h('h2', {}, t('upcoming')), part(home.upcomingActivities, (list) => (list.length
        ? h('ul', {}, list.map((a) => h('li', {}, a.title, ' · ', a.place, ' · ', formatTime(a.startsAt)))) : h('p', {}, t('noneYet'))))),
      attendanceForm());
  },

  async passbook(panel) {
    const book = await call('/api/points/me/passbook?limit=50');
    panel.replaceChildren(h('h2', {}, t('passbook')), h('div', { class: 'table-wrap', tabindex: '0' }, h('table', { id: 'passbook' },
      h('thead', {}, h('tr', {}, h('th', {}, t('when')), h('th', {}, t('description')), h('th', {}, t('amount')), h('th', {}, t('balance')))),
      h('tbody', {}, book.lines.map((l) => h('tr', { dataset: { kind: l.kind } }, h('td', {}, formatTime(l.postedAt)), h('td', {}, l.description),
        h('td', { class: 'amount ' + (l.amount < 0 ? 'minus' : 'plus') }, amountText(l)),
        h('td', {}, l.availableAfter ?? l.runningBalance)))))),
    h('button', { type: 'button', class: 'secondary', onclick: downloadPassbook }, t('downloadCsv')));
  },

  async activities(panel) {
    const list = await call('/api/activity/activities');
    panel.replaceChildren(h('h2', {}, t('activities')), list.length ? h('div', { class: 'cards' }, list.map((a) => {
      const out = h('div', { 'aria-live': 'polite' });
      return h('article', { class: 'card' }, h('h3', {}, a.title), h('p', {}, a.kindName, ' · ', a.place),
        h('p', {}, formatTime(a.startsAt), ' – ', formatTime(a.endsAt)), h('p', {}, t('places'), ' ', a.placesLeft),
        h('button', { type: 'button', disabled: a.placesLeft < 1, onclick: async () => {
          try {
            await call(`/api/activity/activities/${a.id}/sign-ups`, { method: 'POST', headers: { 'Idempotency-Key': newKey() } });
            out.replaceChildren(h('p', {}, '✓ ', t('signedUpOk')));
          } catch (e) {
            showProblem(out, e);
          }
        } }, t('signUp')), out);
    })) : h('p', {}, t('noActivities')));
  },

  async rewards(panel) {
    const rewards = await call('/api/catalog/rewards?available=true');
    panel.replaceChildren(h('h2', {}, t('rewards')), h('div', { class: 'cards' }, rewards.map((r) => {
      const out = h('div', { 'aria-live': 'polite' });
      const session = r.sessions && r.sessions.find((s) => s.seatsLeft > 0);
      return h('article', { class: 'card', dataset: { reward: r.title } }, h('h3', {}, r.title), h('p', {}, r.partnerName),
        h('p', {}, t('priceForYou'), ' ', h('strong', {}, r.priceForYou), r.priceForYou !== r.points ? ` (${t('price')} ${r.points})` : '',
          r.left !== undefined && r.left !== null ? ` · ${t('left')} ${r.left}` : ''),
        h('button', { type: 'button', onclick: (e) => redeem(e.target, r, session, out) }, t('redeem')), out);
    })));
  },
};

/** A hold or a release moves no posted points: it says how many were frozen (冻结) or given back instead. */
function amountText(line) {
  if (!line.amount && line.heldChange) {
    return `${t('held')} ${line.heldChange > 0 ? '+' : ''}${line.heldChange}`;
  }
  return (line.amount > 0 ? '+' : '') + line.amount;
}

async function redeem(button, reward, session, out) {
  button.disabled = true;
  out.replaceChildren(h('p', {}, t('redeemWaiting')));
  try {
    const body = { rewardId: reward.id };
    if (session) body.sessionId = session.id;
    // The catalog answers as soon as the voucher is issued (or refused), within the wait asked for: usually the
    // request itself brings the outcome, and a still PENDING one is read again with the same wait, for about a minute.
    const wait = { Prefer: 'wait=5' };
    const started = await call('/api/catalog/redemptions', { method: 'POST', headers: { 'Idempotency-Key': newKey(), ...wait }, body });
    let redemption = started;
    for (let i = 0; i < 12 && redemption.state === 'PENDING'; i++) {
      const asked = Date.now();
      redemption = await call(`/api/catalog/redemptions/${started.id}`, { headers: wait });
      // A server that did not wait is not asked again at once.
      if (redemption.state === 'PENDING' && Date.now() - asked < 1000) {
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
    if (redemption.voucher) {
      out.replaceChildren(h('p', {}, t('redeemDone')), voucherCard({ code: redemption.voucher.code, rewardTitle: reward.title,
        partnerName: reward.partnerName, validUntil: redemption.voucher.validUntil }));
    } else {
      out.replaceChildren(h('p', { class: 'problem' }, redemption.reasonDetail || redemption.state));
    }
  } catch (e) {
    showProblem(out, e);
  } finally {
    button.disabled = false;
  }
}

function voucherCard(v) {
  const qr = h('div', { class: 'qr-box' });
  // The QR code is drawn by the gateway and fetched with the token; it is put in the page as an image.
  call(`/api/home/vouchers/${encodeURIComponent(v.code)}/qr`, { raw: true }).then((r) => r.blob()).then((blob) => {
    qr.replaceChildren(h('img', { class: 'qr', src: URL.createObjectURL(blob), alt: t('voucherCode') + ' ' + v.code }));
  }).catch(() => {});
  return h('article', { class: 'card voucher', dataset: { code: v.code } }, h('h3', {}, v.rewardTitle), h('p', {}, v.partnerName),
    qr, h('p', { class: 'code' }, v.code), h('p', {}, t('validUntil'), ' ', formatTime(v.validUntil)));
}

function attendanceForm() {
  const code = h('input', { type: 'text', name: 'check-in-code', inputmode: 'numeric', autocomplete: 'off', size: '8' });
  const out = h('div', { 'aria-live': 'polite' });
  const form = h('form', { class: 'card', id: 'attendance' }, h('h2', {}, t('attendance')), field(t('enterCode'), code), out,
    h('button', { type: 'submit' }, t('attendance')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    // The code belongs to one activity: the resident's sign-ups name the candidates; the first that accepts it wins.
    try {
      const signUps = await call('/api/activity/me/sign-ups');
      let last;
      for (const s of signUps) {
        try {
          await call(`/api/activity/activities/${s.activityId}/attendance`, { method: 'POST', body: { code: code.value.trim() } });
          out.replaceChildren(h('p', {}, '✓ ', t('attended'), ' · ', s.title));
          return;
        } catch (e) {
          last = e;
        }
      }
      out.replaceChildren(h('p', { class: 'problem' }, last ? problemText(last) : t('noActivities')));
    } catch (e) {
      showProblem(out, e);
    }
  });
  return form;
}

async function downloadPassbook() {
  try {
    const answer = await call('/api/points/me/passbook.csv', { raw: true, headers: { Accept: 'text/csv' } });
    const link = h('a', { href: URL.createObjectURL(await answer.blob()), download: 'passbook.csv' });
    document.body.append(link);
    link.click();
    link.remove();
  } catch (e) {
    toast(problemText(e));
  }
}
