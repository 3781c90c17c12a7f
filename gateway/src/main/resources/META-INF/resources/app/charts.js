import { t } from './i18n.js';

// Small bar charts drawn as inline SVG: no library, readable without colour (every bar carries its number).
const NS = 'http://www.w3.org/2000/svg';

function el(tag, attrs, text) {
  const node = document.createElementNS(NS, tag);
  Object.entries(attrs).forEach(([k, v]) => node.setAttribute(k, v));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Horizontal bars: [{label, value}]; an optional second value per bar (e.g. budget) is drawn as an outline. */
export function barChart(title, rows, { outline } = {}) {
  const rowHeight = 28;
  const labelWidth = 150;
  const width = 520;
  const height = rows.length * rowHeight + 10;
  const max = Math.max(1, ...rows.map((r) => Math.max(r.value, outline ? r[outline] || 0 : 0)));
  const svg = el('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart', role: 'img', 'aria-label': title, width: '100%' });
  svg.append(el('title', {}, title));
  rows.forEach((row, i) => {
    const y = i * rowHeight + 5;
    const scale = (width - labelWidth - 60) / max;
    svg.append(el('text', { x: 0, y: y + 17 }, row.label));
    if (outline && row[outline]) {
      svg.append(el('rect', { x: labelWidth, y, width: Math.max(1, row[outline] * scale), height: 20, fill: 'none', stroke: '#1a1a1a', 'stroke-dasharray': '4 2' }));
    }
    svg.append(el('rect', { x: labelWidth, y, width: Math.max(1, row.value * scale), height: 20, fill: '#0b5d3b' }));
    svg.append(el('text', { x: labelWidth + Math.max(row.value, outline ? row[outline] || 0 : 0) * scale + 6, y: y + 16 },
      outline && row[outline] ? `${row.value} / ${row[outline]}` : String(row.value)));
  });
  return svg;
}

/**
 * The same figures as a table, for screen readers and for anyone who wants the numbers: a chart is a picture, so its
 * data also exists as text (WCAG 1.1.1). Folded under a summary so the picture stays the first thing seen.
 */
export function chartTable(labelHeading, rows, { outline } = {}) {
  const doc = globalThis.document;
  const make = (tag, text) => {
    const node = doc.createElement(tag);
    if (text !== undefined) node.textContent = text;
    return node;
  };
  const details = make('details');
  details.className = 'chart-data';
  const summary = make('summary', t('chartTable'));
  const table = make('table');
  const head = make('tr');
  const headings = [labelHeading, t('value')];
  if (outline) headings.push(t('budget'));
  headings.forEach((x) => {
    const th = make('th', x);
    th.scope = 'col';
    head.append(th);
  });
  const thead = make('thead');
  thead.append(head);
  const body = make('tbody');
  rows.forEach((row) => {
    const tr = make('tr');
    const th = make('th', row.label);
    th.scope = 'row';
    tr.append(th, make('td', String(row.value)));
    if (outline) tr.append(make('td', row[outline] === undefined ? '' : String(row[outline])));
    body.append(tr);
  });
  table.append(thead, body);
  details.append(summary, table);
  return details;
}
