// The municipality's figures (GET /admin/stats) for a chosen period and
// municipality, from one call: tiles for the totals with the period before
// beside them, a chart of any figure over time (the answer's series) with
// every figure per bucket in a table, and bar charts per kind of help and
// per area (place names beside the PC4), each with its numbers in a table
// too. The CSV link asks the same period with ?format=csv&lang=, so the
// Dutch page gets the file Dutch Excel opens as it is.
//
// Periods: the form picks whole days; the API counts whole UTC days and says
// which (from, to), counts rounded to 5 and numbers with fewer than 5
// people behind them suppressed. ?from=&to=&municipality= in the page's URL
// are passed on as they are (municipality=* or empty: all municipalities).
//
// A new install (only demo data, no requests yet): the page says so, and
// each empty tile says why it is empty, instead of a row of dashes.

import { api } from '/js/api.js';
import { handleForm, problemKey } from '/js/forms.js';
import { onLanguageChange, t, locale, currentLanguage } from '/js/i18n.js';
import { startAdmin, pageReady, el, num, announce } from './admin.js';

const SVG = 'http://www.w3.org/2000/svg';
const form = document.getElementById('period-form');
const out = document.getElementById('figures');
const live = document.getElementById('figures-live');

const TILES = [
	['requests_posted', 'count'], ['requests_approved', 'count'], ['requests_responded', 'count'], ['requests_matched', 'count'],
	['requests_completed', 'count'], ['match_rate', 'percent'], ['volunteer_hours', 'hours'],
	['active_volunteers', 'count'], ['active_residents', 'count'],
	['median_hours_to_first_response', 'hours'], ['median_hours_to_match', 'hours'],
	['requests_cancelled', 'count'], ['requests_expired', 'count'],
];

let last = null;   // {stats} of the last answer, for a language switch
let trendField = 'requests_posted';

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

/** The API's query for what the form or the URL holds: dates go as they are
 * (the API counts whole days); municipality null leaves the API's default. */
function apiQuery(from, to, municipality) {
	const p = {};
	if (from)
		p.from = from;
	if (to)
		p.to = to;
	if (municipality !== null && municipality !== undefined)
		p.municipality = municipality;
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

// ---------------------------------------------------------------- values

function isSuppressed(row, field) {
	return (row.suppressed_fields || []).includes(field)
		|| (field === 'match_rate' && ((row.suppressed_fields || []).includes('requests_matched') || (row.suppressed_fields || []).includes('requests_approved')));
}

/** The text of a figure: {text, value} where value is the raw number or null. */
function figureText(row, field, kind) {
	const v = row[field];
	if (v === null || v === undefined) {
		const suppressed = isSuppressed(row, field);
		return { text: '–', reason: suppressed ? 'admin.figures.why_suppressed' : 'admin.figures.why_none', suppressed, value: null };
	}
	if (kind === 'percent')
		return { text: t('admin.figures.percent_value', { n: Math.round(v * 1000) / 10 }), value: v };
	if (kind === 'hours')
		return { text: t('admin.figures.hours_value', { n: v }), value: v };
	return { text: num(v), value: v };
}

function tiles(stats) {
	const prev = stats.previous || {};
	const ul = el('ul', null, null, { class: 'tiles', 'aria-labelledby': 'tiles-h' });
	for (const [field, kind] of TILES) {
		const li = el('li', null, null, { class: 'tile', 'data-figure': field });
		const f = figureText(stats, field, kind);
		const value = el('p', null, null, { class: `tile-value${f.value === null ? ' suppressed' : ''}` });
		value.dataset.value = f.value === null ? (f.suppressed ? 'suppressed' : 'null') : String(f.value);
		value.textContent = f.text;
		li.append(el('p', `admin.figures.tile.${field}`, null, { class: 'tile-label' }), value);
		if (f.value === null)
			li.append(el('p', f.reason, { n: stats.min_cell_size }, { class: 'small muted tile-why' }));
		const p = figureText(prev, field, kind);
		const before = el('p', 'admin.figures.previous_value', { value: p.text }, { class: 'small muted tile-previous' });
		before.dataset.value = p.value === null ? (p.suppressed ? 'suppressed' : 'null') : String(p.value);
		li.append(before);
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
	if (unit === 'year')
		return { long: String(d.getUTCFullYear()), short: String(d.getUTCFullYear()) };
	if (unit === 'month')
		return {
			long: new Intl.DateTimeFormat(loc, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(d),
			short: new Intl.DateTimeFormat(loc, { month: 'short', year: '2-digit', timeZone: 'UTC' }).format(d),
		};
	if (unit === 'week')
		return {
			long: t('admin.figures.week_of', { at: d.toISOString() }),
			short: new Intl.DateTimeFormat(loc, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(d),
		};
	return {
		long: new Intl.DateTimeFormat(loc, { weekday: 'short', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(d),
		short: new Intl.DateTimeFormat(loc, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(d),
	};
}

// ---------------------------------------------------------------- page

function periodLine(stats) {
	// The API's days are UTC days: show them as dates, the last one included.
	const last = new Date(Date.parse(stats.to) - 86400e3).toISOString().slice(0, 10);
	const place = stats.municipality || t('admin.figures.all_municipalities');
	return el('p', 'admin.figures.period_days', { from: stats.from.slice(0, 10), to: last, place }, { class: 'lead', id: 'period-line', tabindex: '-1' });
}

function csvLink(stats) {
	const last = new Date(Date.parse(stats.to) - 86400e3).toISOString().slice(0, 10);
	const q = new URLSearchParams({ from: stats.from.slice(0, 10), to: last, municipality: stats.municipality || '*', format: 'csv', lang: currentLanguage() === 'en' ? 'en' : 'nl' });
	const name = `burenhulp-cijfers-${stats.from.slice(0, 10)}-${last}.csv`;
	const p = el('p', null, null, { class: 'actions' });
	const a = el('a', 'admin.figures.csv', null, { href: `/api/v1/admin/stats?${q}`, download: name, class: 'button button-secondary', id: 'csv-link', 'aria-describedby': 'csv-hint' });
	p.append(a, el('span', 'admin.figures.csv_hint', null, { class: 'small muted', id: 'csv-hint' }));
	return p;
}

function fillMunicipalities(stats) {
	const sel = form.municipality;
	const keep = stats.municipality || '*';
	const names = [...new Set([...(stats.municipalities || []), ...(stats.municipality ? [stats.municipality] : [])])].sort((a, b) => a.localeCompare(b, 'nl'));
	const all = el('option', 'admin.figures.all_municipalities', null, { value: '*' });
	sel.replaceChildren(all, ...names.map((n) => {
		const o = document.createElement('option');
		o.value = n;
		o.textContent = n;
		return o;
	}));
	sel.value = keep;
}

const TREND_KIND = Object.fromEntries(TILES);

// The chart of one figure over time (a choice of every figure), and every
// figure per bucket in one table.
function trend(stats) {
	const series = stats.series;
	const wrap = el('section', null, null, { class: 'trend', 'aria-labelledby': 'trend-h' });
	wrap.append(el('h2', 'admin.figures.over_time', null, { id: 'trend-h' }));
	const field = el('div', null, null, { class: 'field' });
	const sel = el('select', null, null, { id: 'trend-figure' });
	for (const [f] of TILES) {
		const o = el('option', `admin.figures.tile.${f}`, null, { value: f });
		sel.append(o);
	}
	sel.value = trendField;
	field.append(el('label', 'admin.figures.trend_figure', null, { for: 'trend-figure' }), sel);
	wrap.append(field);
	const kind = TREND_KIND[trendField];
	const rows = series.items.map((b) => {
		const labels = bucketLabels(series.unit, new Date(b.from));
		return { label: labels.long, short: labels.short, ...figureText(b, trendField, kind) };
	});
	wrap.append(chartFigure(`admin.figures.tile.${trendField}`, 'admin.figures.over_time_desc', { unit: t(`admin.figures.unit.${series.unit}`) },
		vbars(rows), rows, 'admin.figures.th_period'));
	sel.addEventListener('change', () => {
		trendField = sel.value;
		render();
		document.getElementById('trend-figure')?.focus();
	});
	// Every figure per bucket, with the period and the period before.
	const details = el('details', null, null, { class: 'series-table' });
	details.append(el('summary', 'admin.figures.all_per_unit', { unit: t(`admin.figures.unit.${series.unit}`) }));
	const table = el('table', null, null, { class: 'data', id: 'series-table' });
	table.append(el('caption', 'admin.figures.all_per_unit', { unit: t(`admin.figures.unit.${series.unit}`) }, { class: 'visually-hidden' }));
	const thead = document.createElement('thead');
	const hr = document.createElement('tr');
	hr.append(el('th', 'admin.figures.th_period', null, { scope: 'col' }));
	for (const [f] of TILES)
		hr.append(el('th', `admin.figures.tile.${f}`, null, { scope: 'col', class: 'num' }));
	thead.append(hr);
	const tbody = document.createElement('tbody');
	const line = (label, row) => {
		const tr = document.createElement('tr');
		const th = el('th', null, null, { scope: 'row' });
		th.textContent = label;
		tr.append(th);
		for (const [f, k] of TILES) {
			const td = el('td', null, null, { class: 'num' });
			const x = figureText(row, f, k);
			td.textContent = x.text;
			if (x.value === null && x.suppressed)
				td.append(el('span', 'admin.figures.suppressed', null, { class: 'visually-hidden' }));
			tr.append(td);
		}
		tbody.append(tr);
	};
	series.items.forEach((b, i) => line(rows[i].label, b));
	line(t('admin.figures.whole_period'), stats);
	line(t('admin.figures.previous_period'), stats.previous);
	table.append(thead, tbody);
	const tw = el('div', null, null, { class: 'table-wrap', tabindex: '0', 'aria-label': t('admin.figures.all_per_unit', { unit: t(`admin.figures.unit.${series.unit}`) }) });
	tw.append(table);
	details.append(tw);
	wrap.append(details);
	return wrap;
}

// The Talentenbank (issue 18): vacancies posted and responses made per
// organisation, as a table (a response count with too few volunteers
// behind it is suppressed, like the other figures).
function vacancyTable(stats) {
	const v = stats.vacancies;
	const wrap = el('section', null, null, { class: 'figures-vacancies', 'aria-labelledby': 'vacancies-h' });
	wrap.append(el('h2', 'admin.figures.vacancies_h', null, { id: 'vacancies-h' }));
	if (!v || !v.per_organisation.length) {
		wrap.append(el('p', 'admin.figures.vacancies_none', null, { id: 'vacancies-none' }));
		return wrap;
	}
	const table = el('table', null, null, { class: 'data', id: 'vacancies-table' });
	table.append(el('caption', 'admin.figures.vacancies_caption', null, { class: 'visually-hidden' }));
	const thead = document.createElement('thead');
	const hr = document.createElement('tr');
	hr.append(el('th', 'admin.figures.th_organisation', null, { scope: 'col' }),
		el('th', 'admin.figures.th_vacancies_posted', null, { scope: 'col', class: 'num' }),
		el('th', 'admin.figures.th_vacancy_responses', null, { scope: 'col', class: 'num' }));
	thead.append(hr);
	const tbody = document.createElement('tbody');
	const line = (name, row, total) => {
		const tr = document.createElement('tr');
		const th = el('th', null, null, { scope: 'row' });
		if (total)
			th.append(el('strong', 'admin.figures.vacancies_total'));
		else
			th.textContent = name;
		tr.append(th);
		for (const f of ['vacancies_posted', 'vacancy_responses']) {
			const td = el('td', null, null, { class: 'num' });
			const x = figureText(row, f, 'count');
			td.textContent = x.text;
			if (x.value === null && x.suppressed)
				td.append(el('span', 'admin.figures.suppressed', null, { class: 'visually-hidden' }));
			tr.append(td);
		}
		tbody.append(tr);
	};
	for (const o of v.per_organisation)
		line(o.organisation.name, o, false);
	line(null, v, true);
	table.append(thead, tbody);
	const tw = el('div', null, null, { class: 'table-wrap', tabindex: '0', 'aria-label': t('admin.figures.vacancies_caption') });
	tw.append(table);
	wrap.append(tw);
	return wrap;
}

function render() {
	if (!last)
		return;
	const { stats } = last;
	chartSeq = 0;
	fillMunicipalities(stats);
	const parts = [periodLine(stats), csvLink(stats)];
	parts.push(el('h2', 'admin.figures.tiles_label', null, { id: 'tiles-h' }));
	if (stats.requests_posted === 0) {
		// Nothing to count yet: say why rather than a row of dashes.
		const empty = el('div', null, null, { class: 'notice notice-info', id: 'figures-empty' });
		empty.append(el('p', stats.previous && stats.previous.requests_posted === 0 ? 'admin.figures.empty_new' : 'admin.figures.empty_period',
			{ place: stats.municipality || t('admin.figures.all_municipalities') }));
		parts.push(empty);
	}
	parts.push(tiles(stats));
	parts.push(el('p', 'admin.figures.suppressed_note', { n: stats.min_cell_size, r: stats.rounding }, { class: 'small muted' }));
	const vacancies = vacancyTable(stats);
	if (stats.requests_posted === 0) {
		parts.push(vacancies);
		out.replaceChildren(...parts);
		return;
	}
	if (stats.series && stats.series.items.length)
		parts.push(trend(stats));
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
	parts.push(vacancies);
	out.replaceChildren(...parts);
}

// One call per view: the series, the period before and the breakdowns come
// in the same answer.
async function load(from, to, municipality) {
	const stats = await api.get('/admin/stats', apiQuery(from, to, municipality));
	last = { stats };
	render();
}

async function main() {
	await startAdmin();
	const params = new URLSearchParams(location.search);
	const def = preset(365);
	let from = params.get('from') || def.from;
	let to = params.get('to') || def.to;
	let municipality = params.has('municipality') ? params.get('municipality') : null;
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
		municipality = form.municipality.value;
		const url = new URL(location.href);
		url.searchParams.set('from', from);
		url.searchParams.set('to', to);
		url.searchParams.set('municipality', municipality);
		history.replaceState(null, '', url.pathname + url.search);
		out.setAttribute('aria-busy', 'true');
		try {
			await load(from, to, municipality);
		} finally {
			out.removeAttribute('aria-busy');
		}
		document.getElementById('period-line')?.focus();
	});
	onLanguageChange(() => render());
	out.setAttribute('aria-busy', 'true');
	out.replaceChildren(el('p', 'common.loading', null, { class: 'loading' }));
	try {
		await load(from, to, municipality);
	} catch (e) {
		if (e.errors && e.errors.length)
			announce(live, 'admin.figures.invalid_period', null, 'error');
		out.replaceChildren(el('p', problemKey(e), null, { class: 'notice notice-error', role: 'alert' }));
	}
	out.removeAttribute('aria-busy');
	pageReady();
}

main();
