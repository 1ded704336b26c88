// The municipality's figures (GET /admin/stats?from=&to=) for a chosen
// period: tiles for the totals, and bar charts drawn here as inline SVG
// (requests over time, per kind of help, per area, hours, match rate), each
// with its numbers in a table too. A CSV link asks the same period with
// ?format=csv.
//
// Periods: the form picks whole days in the visitor's time zone; the page
// sends the API the instants of local midnight (RFC 3339, UTC), so "1 January"
// means the Dutch 1 January. ?from=&to= in the page's URL may also hold
// RFC 3339 date-times, passed on as they are.
//
// Requests over time: the API answers one period at a time, so the page
// asks it once per day, week or month of the period (at most 13 times,
// 4 at a time). A bucket with fewer than min_cell_size people behind it
// comes back suppressed and is drawn as such.

import { api } from '/js/api.js';
import { handleForm, problemKey } from '/js/forms.js';
import { onLanguageChange, t, locale, currentLanguage } from '/js/i18n.js';
import { startAdmin, pageReady, el, num, announce } from './admin.js';

const SVG = 'http://www.w3.org/2000/svg';
const form = document.getElementById('period-form');
const out = document.getElementById('figures');
const live = document.getElementById('figures-live');

const TILES = [
	['requests_posted', 'count'], ['requests_approved', 'count'], ['requests_matched', 'count'],
	['requests_completed', 'count'], ['match_rate', 'percent'], ['volunteer_hours', 'hours'],
	['active_volunteers', 'count'], ['active_residents', 'count'],
	['median_hours_to_first_response', 'hours'], ['median_hours_to_match', 'hours'],
	['requests_cancelled', 'count'], ['requests_expired', 'count'],
];

let last = null;   // {stats, series, period} of the last answer, for a language switch

// ---------------------------------------------------------------- periods

function pad(n) {
	return String(n).padStart(2, '0');
}

function ymd(d) {
	return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function localMidnight(s) {
	const [y, m, d] = s.split('-').map(Number);
	return new Date(y, m - 1, d);
}

function isDate(s) {
	return /^\d{4}-\d{2}-\d{2}$/.test(s || '');
}

/** The API's from/to for what the form or the URL holds. */
function apiPeriod(from, to) {
	const p = {};
	if (from)
		p.from = isDate(from) ? localMidnight(from).toISOString() : from;
	if (to) {
		if (isDate(to)) {
			const end = localMidnight(to);
			end.setDate(end.getDate() + 1);
			p.to = end.toISOString();
		} else {
			p.to = to;
		}
	}
	return p;
}

function preset(kind) {
	const today = new Date();
	const from = new Date(today);
	if (kind === 'year') {
		from.setMonth(0, 1);
	} else {
		from.setDate(from.getDate() - Number(kind) + 1);
	}
	return { from: ymd(from), to: ymd(today) };
}

// The buckets of "requests over time": whole local days, weeks (from
// Monday) or months, clipped to the period; null when it would be too many.
function buckets(fromIso, toIso) {
	const from = new Date(fromIso);
	const to = new Date(toIso);
	const days = (to - from) / 86400000;
	let unit;
	if (days <= 14)
		unit = 'day';
	else if (days <= 7 * 13)
		unit = 'week';
	else if (days <= 31 * 13)
		unit = 'month';
	else
		return null;
	const start = new Date(from.getFullYear(), from.getMonth(), unit === 'month' ? 1 : from.getDate());
	if (unit === 'week')
		start.setDate(start.getDate() - ((start.getDay() + 6) % 7));
	const out = [];
	for (let s = start; s < to && out.length < 16;) {
		const e = new Date(s);
		if (unit === 'day')
			e.setDate(e.getDate() + 1);
		else if (unit === 'week')
			e.setDate(e.getDate() + 7);
		else
			e.setMonth(e.getMonth() + 1);
		out.push({ start: s < from ? from : s, end: e > to ? to : e, label: s });
		s = e;
	}
	return { unit, items: out };
}

async function inBatches(tasks, n) {
	const results = new Array(tasks.length);
	let i = 0;
	async function worker() {
		while (i < tasks.length) {
			const k = i++;
			results[k] = await tasks[k]();
		}
	}
	await Promise.all(Array.from({ length: Math.min(n, tasks.length) }, worker));
	return results;
}

// ---------------------------------------------------------------- values

function isSuppressed(row, field) {
	return (row.suppressed_fields || []).includes(field)
		|| (field === 'match_rate' && ((row.suppressed_fields || []).includes('requests_matched') || (row.suppressed_fields || []).includes('requests_approved')));
}

/** The text of a figure: {text, value} where value is the raw number or null. */
function figureText(row, field, kind) {
	const v = row[field];
	if (v === null || v === undefined)
		return { text: '–', suppressed: isSuppressed(row, field), value: null };
	if (kind === 'percent')
		return { text: t('admin.figures.percent_value', { n: Math.round(v * 1000) / 10 }), value: v };
	if (kind === 'hours')
		return { text: t('admin.figures.hours_value', { n: v }), value: v };
	return { text: num(v), value: v };
}

function tiles(stats) {
	const ul = el('ul', null, null, { class: 'tiles', 'aria-labelledby': 'tiles-h' });
	for (const [field, kind] of TILES) {
		const li = el('li', null, null, { class: 'tile', 'data-figure': field });
		const f = figureText(stats, field, kind);
		const value = el('p', null, null, { class: `tile-value${f.value === null ? ' suppressed' : ''}` });
		value.dataset.value = f.value === null ? (f.suppressed ? 'suppressed' : 'null') : String(f.value);
		value.textContent = f.text;
		if (f.value === null)
			value.append(el('span', f.suppressed ? 'admin.figures.suppressed' : 'admin.figures.none', null, { class: 'visually-hidden' }));
		li.append(el('p', `admin.figures.tile.${field}`, null, { class: 'tile-label' }), value);
		ul.append(li);
	}
	return ul;
}

// ---------------------------------------------------------------- charts

function svgEl(tag, attrs = {}, text) {
	const e = document.createElementNS(SVG, tag);
	for (const [k, v] of Object.entries(attrs))
		e.setAttribute(k, String(v));
	if (text !== undefined)
		e.textContent = text;
	return e;
}

let chartSeq = 0;

// A figure with a caption, the SVG (role img, named by the caption) and the
// same numbers as a table behind a <details>.
function chartFigure(titleKey, descKey, descVars, svg, rows, colKey) {
	const id = `chart-${++chartSeq}`;
	const fig = el('figure', null, null, { class: 'chart', 'aria-labelledby': `${id}-h` });
	const cap = document.createElement('figcaption');
	cap.append(el('h3', titleKey, null, { id: `${id}-h` }));
	if (descKey)
		cap.append(el('p', descKey, descVars, { class: 'small muted', id: `${id}-d` }));
	fig.append(cap);
	svg.setAttribute('role', 'img');
	svg.setAttribute('aria-label', t('admin.figures.chart_label', { title: t(titleKey) }));
	fig.append(svg);
	const details = document.createElement('details');
	details.append(el('summary', 'admin.figures.as_table'));
	const table = el('table', null, null, { class: 'data' });
	table.append(el('caption', titleKey, null, { class: 'visually-hidden' }));
	const thead = document.createElement('thead');
	const hr = document.createElement('tr');
	hr.append(el('th', colKey, null, { scope: 'col' }), el('th', 'admin.figures.th_value', null, { scope: 'col', class: 'num' }));
	thead.append(hr);
	const tbody = document.createElement('tbody');
	for (const r of rows) {
		const tr = document.createElement('tr');
		const th = el('th', null, null, { scope: 'row' });
		th.textContent = r.label;
		const td = el('td', null, null, { class: 'num' });
		td.textContent = r.text;
		if (r.value === null && r.suppressed)
			td.append(el('span', 'admin.figures.suppressed', null, { class: 'visually-hidden' }));
		tr.append(th, td);
		tbody.append(tr);
	}
	table.append(thead, tbody);
	details.append(table);
	fig.append(details);
	return fig;
}

// Horizontal bars: one row per item, the label left, the value after the bar.
function hbars(rows) {
	const W = 640;
	const LABEL = 200;
	const VALUE = 90;
	const ROW = 30;
	const H = rows.length * ROW + 10;
	const max = Math.max(0, ...rows.map((r) => r.value || 0)) || 1;
	const svg = svgEl('svg', { viewBox: `0 0 ${W} ${H}`, width: W, height: H, focusable: 'false' });
	svg.append(svgEl('line', { class: 'axis', x1: LABEL, y1: 0, x2: LABEL, y2: H - 5 }));
	rows.forEach((r, i) => {
		const y = 5 + i * ROW;
		const label = r.label.length > 28 ? `${r.label.slice(0, 27)}…` : r.label;
		svg.append(svgEl('text', { x: LABEL - 8, y: y + ROW / 2 + 4, 'text-anchor': 'end' }, label));
		const w = r.value ? Math.max(2, ((W - LABEL - VALUE) * r.value) / max) : 0;
		if (w)
			svg.append(svgEl('rect', { class: 'bar', x: LABEL + 1, y: y + 4, width: w, height: ROW - 10 }));
		svg.append(svgEl('text', { x: LABEL + 6 + w, y: y + ROW / 2 + 4, class: r.value === null ? 'muted-text' : '' }, r.text));
	});
	return svg;
}

// Vertical bars over time, labels under the bars.
function vbars(rows) {
	const W = 640;
	const H = 240;
	const BOTTOM = 40;
	const TOP = 20;
	const LEFT = 40;
	const n = rows.length || 1;
	const slot = (W - LEFT - 10) / n;
	const max = Math.max(0, ...rows.map((r) => r.value || 0)) || 1;
	const svg = svgEl('svg', { viewBox: `0 0 ${W} ${H}`, width: W, height: H, focusable: 'false' });
	const scale = (v) => ((H - BOTTOM - TOP) * v) / max;
	for (const g of [0, 0.5, 1]) {
		const y = H - BOTTOM - scale(max * g);
		svg.append(svgEl('line', { class: g ? 'grid' : 'axis', x1: LEFT, y1: y, x2: W - 10, y2: y }));
		svg.append(svgEl('text', { x: LEFT - 6, y: y + 4, 'text-anchor': 'end' }, num(Math.round(max * g * 10) / 10)));
	}
	const every = n > 8 ? Math.ceil(n / 7) : 1;
	rows.forEach((r, i) => {
		const x = LEFT + i * slot;
		const h = r.value ? Math.max(1, scale(r.value)) : 0;
		if (h)
			svg.append(svgEl('rect', { class: 'bar', x: x + slot * 0.15, y: H - BOTTOM - h, width: slot * 0.7, height: h }));
		else if (r.value === null)
			svg.append(svgEl('text', { x: x + slot / 2, y: H - BOTTOM - 6, 'text-anchor': 'middle', class: 'muted-text' }, '–'));
		if (i % every === 0)
			svg.append(svgEl('text', { x: x + slot / 2, y: H - BOTTOM + 18, 'text-anchor': 'middle' }, r.short));
	});
	return svg;
}

function breakdownRows(list, field, kind, labelOf) {
	return list.map((row) => ({ label: labelOf(row), ...figureText(row, field, kind) }));
}

function categoryName(row) {
	return currentLanguage() === 'en' ? row.name_en : row.name_nl;
}

function areaName(row) {
	return [row.pc4, row.place].filter(Boolean).join(' ');
}

function bucketLabels(unit, d) {
	const loc = locale();
	if (unit === 'month')
		return {
			long: new Intl.DateTimeFormat(loc, { month: 'long', year: 'numeric' }).format(d),
			short: new Intl.DateTimeFormat(loc, { month: 'short', year: '2-digit' }).format(d),
		};
	if (unit === 'week')
		return {
			long: t('admin.figures.week_of', { at: d.toISOString() }),
			short: new Intl.DateTimeFormat(loc, { day: 'numeric', month: 'short' }).format(d),
		};
	return {
		long: new Intl.DateTimeFormat(loc, { weekday: 'short', day: 'numeric', month: 'long' }).format(d),
		short: new Intl.DateTimeFormat(loc, { day: 'numeric', month: 'short' }).format(d),
	};
}

// ---------------------------------------------------------------- page

function periodLine(stats) {
	const from = new Date(stats.from);
	const to = new Date(stats.to);
	const whole = from.getHours() === 0 && from.getMinutes() === 0 && from.getSeconds() === 0
		&& to.getHours() === 0 && to.getMinutes() === 0 && to.getSeconds() === 0;
	if (whole) {
		const last = new Date(to.getTime() - 1);
		return el('p', 'admin.figures.period_dates', { from: stats.from, to: last.toISOString() }, { class: 'lead', id: 'period-line', tabindex: '-1' });
	}
	return el('p', 'admin.figures.period', { from: stats.from, to: stats.to }, { class: 'lead', id: 'period-line', tabindex: '-1' });
}

function csvLink(stats) {
	const q = new URLSearchParams({ from: stats.from, to: stats.to, format: 'csv' });
	const name = `burenhulp-cijfers-${stats.from.slice(0, 10)}-${stats.to.slice(0, 10)}.csv`;
	const p = el('p', null, null, { class: 'actions' });
	const a = el('a', 'admin.figures.csv', null, { href: `/api/v1/admin/stats?${q}`, download: name, class: 'button button-secondary', id: 'csv-link', 'aria-describedby': 'csv-hint' });
	p.append(a, el('span', 'admin.figures.csv_hint', null, { class: 'small muted', id: 'csv-hint' }));
	return p;
}

function render() {
	if (!last)
		return;
	const { stats, series } = last;
	chartSeq = 0;
	const parts = [periodLine(stats), csvLink(stats)];
	parts.push(el('h2', 'admin.figures.tiles_label', null, { id: 'tiles-h' }), tiles(stats));
	parts.push(el('p', 'admin.figures.suppressed_note', { n: stats.min_cell_size }, { class: 'small muted' }));
	if (!stats.requests_posted && stats.requests_posted !== null) {
		parts.push(el('p', 'admin.figures.no_data', null, { class: 'empty' }));
		out.replaceChildren(...parts);
		return;
	}
	if (series) {
		const rows = series.items.map((b) => {
			const labels = bucketLabels(series.unit, b.label);
			return { label: labels.long, short: labels.short, ...figureText(b.stats, 'requests_posted', 'count') };
		});
		parts.push(chartFigure('admin.figures.over_time', 'admin.figures.over_time_desc', { unit: t(`admin.figures.unit.${series.unit}`) },
			vbars(rows), rows, 'admin.figures.th_period'));
	}
	const cats = stats.per_category || [];
	const areas = stats.per_area || [];
	parts.push(el('h2', 'admin.figures.per_category'));
	const catCharts = el('div', null, null, { class: 'charts charts-2' });
	if (cats.length) {
		for (const [title, field, kind] of [
			['admin.figures.requests_per_category', 'requests_posted', 'count'],
			['admin.figures.hours_per_category', 'volunteer_hours', 'hours'],
			['admin.figures.match_rate_per_category', 'match_rate', 'percent'],
		]) {
			const rows = breakdownRows(cats, field, kind, categoryName);
			catCharts.append(chartFigure(title, null, null, hbars(rows), rows, 'admin.figures.th_category'));
		}
	}
	parts.push(catCharts);
	parts.push(el('h2', 'admin.figures.per_area'));
	const areaCharts = el('div', null, null, { class: 'charts charts-2' });
	if (areas.length) {
		for (const [title, field, kind] of [
			['admin.figures.requests_per_area', 'requests_posted', 'count'],
			['admin.figures.hours_per_area', 'volunteer_hours', 'hours'],
		]) {
			const rows = breakdownRows(areas, field, kind, areaName);
			areaCharts.append(chartFigure(title, null, null, hbars(rows), rows, 'admin.figures.th_area'));
		}
	}
	parts.push(areaCharts);
	out.replaceChildren(...parts);
}

async function load(from, to) {
	const period = apiPeriod(from, to);
	const stats = await api.get('/admin/stats', period);
	let series = null;
	const b = buckets(stats.from, stats.to);
	if (b && b.items.length > 1) {
		const results = await inBatches(b.items.map((it) => () => api.get('/admin/stats', { from: it.start.toISOString(), to: it.end.toISOString() })), 4);
		series = { unit: b.unit, items: b.items.map((it, i) => ({ ...it, stats: results[i] })) };
	} else if (b && b.items.length === 1) {
		series = { unit: b.unit, items: [{ ...b.items[0], stats }] };
	}
	last = { stats, series };
	render();
}

async function main() {
	await startAdmin();
	const params = new URLSearchParams(location.search);
	const def = preset(365);
	let from = params.get('from') || def.from;
	let to = params.get('to') || def.to;
	form.from.value = isDate(from) ? from : from.slice(0, 10);
	form.to.value = isDate(to) ? to : to.slice(0, 10);

	for (const b of form.querySelectorAll('[data-preset]')) {
		b.addEventListener('click', () => {
			const p = preset(b.dataset.preset);
			form.from.value = p.from;
			form.to.value = p.to;
			form.requestSubmit();
		});
	}
	handleForm(form, async (v) => {
		if (v.from && v.to && v.from > v.to) {
			const err = new Error('period');
			err.errors = [{ field: 'to', code: 'out_of_range' }];
			throw err;
		}
		from = v.from;
		to = v.to;
		const url = new URL(location.href);
		url.searchParams.set('from', from);
		url.searchParams.set('to', to);
		history.replaceState(null, '', url.pathname + url.search);
		out.setAttribute('aria-busy', 'true');
		try {
			await load(from, to);
		} finally {
			out.removeAttribute('aria-busy');
		}
		document.getElementById('period-line')?.focus();
	});
	onLanguageChange(() => render());
	out.setAttribute('aria-busy', 'true');
	out.replaceChildren(el('p', 'common.loading', null, { class: 'loading' }));
	try {
		await load(from, to);
	} catch (e) {
		if (e.errors && e.errors.length)
			announce(live, 'admin.figures.invalid_period', null, 'error');
		out.replaceChildren(el('p', problemKey(e), null, { class: 'notice notice-error', role: 'alert' }));
	}
	out.removeAttribute('aria-busy');
	pageReady();
}

main();
