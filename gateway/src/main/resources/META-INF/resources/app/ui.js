import { Problem } from './api.js';
import { t } from './i18n.js';

/** Builds an element: h('button', {class: 'x', onclick: f}, 'text', child...). Text is never parsed as HTML. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) el.addEventListener(name.slice(2), value);
    else if (name === 'dataset') Object.assign(el.dataset, value);
    else el.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

export function toast(message) {
  const box = document.getElementById('toast');
  box.textContent = message;
  box.classList.add('show');
  clearTimeout(box.timer);
  box.timer = setTimeout(() => box.classList.remove('show'), 6000);
}

/** Shows an API refusal in plain words where the reader is looking, and says it to screen readers. */
export function problemText(error) {
  if (error instanceof Problem) return error.detail;
  return error.message || t('error');
}

export function showProblem(container, error) {
  container.replaceChildren(h('p', { class: 'problem', role: 'alert', dataset: { code: error.code || '' } }, problemText(error)));
}

export function field(labelText, input) {
  const id = input.id || 'f-' + Math.random().toString(36).slice(2, 9);
  input.id = id;
  return h('div', {}, h('label', { for: id }, labelText), input);
}

export function tabs(names, render) {
  const bar = h('div', { class: 'tabs', role: 'tablist' });
  const panel = h('div', { role: 'tabpanel' });
  const buttons = names.map(([key, label]) => h('button', { type: 'button', role: 'tab', 'aria-selected': 'false',
    dataset: { tab: key }, onclick: () => select(key) }, label));
  bar.append(...buttons);
  function select(key) {
    buttons.forEach((b) => b.setAttribute('aria-selected', String(b.dataset.tab === key)));
    panel.replaceChildren(h('p', {}, t('loading')));
    Promise.resolve(render(key, panel)).catch((e) => showProblem(panel, e));
  }
  select(names[0][0]);
  return h('div', {}, bar, panel);
}

export function csvDownload(filename, rows) {
  // Formula neutralisation as the services' CsvWriter does: a cell starting with = + - @ is not a formula.
  const cell = (v) => {
    let s = v === null || v === undefined ? '' : String(v);
    if (typeof v !== 'number' && /^[=+\-@\t\r]/.test(s)) s = "'" + s;
    return /[",\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  };
  const text = '\ufeff' + rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
  const link = h('a', { href: URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' })), download: filename });
  document.body.append(link);
  link.click();
  link.remove();
}
