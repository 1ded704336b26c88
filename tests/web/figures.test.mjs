// The figures page (web/admin/cijfers.html) and the audit log page
// (logboek.html) in Chromium, as a policy
// officer of the municipality uses it (issue 15, "The coordinator's
// figures"): one call per view; the tiles of a known fixture with the
// period before beside them; any figure over time and every figure per
// day in a table; place names beside the PC4; the CSV that Dutch Excel
// opens as it is; and a period without requests that says why the tiles
// are empty instead of a row of dashes; the audit log filtered by date and
// by kind under readable names, and its export. Axe on each state.
//
// The fixture is made with SQL as the database's administrator in a day far
// in the past (the API counts whole days, so nothing else touches it) and
// removed afterwards.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import {
	launch, newPage, open, checkAxe, screenshot, assertNoScriptErrors, ApiClient, BASE, REPO,
} from './lib/browser.mjs';

const MODERATOR = 'moderator@demo.burenhulp.nl';
const VAR = process.env.BURENHULP_VAR || join(REPO, 'var');

function sql(text) {
	const r = spawnSync('mariadb', ['--no-defaults', `--socket=${join(VAR, 'run', 'mysqld.sock')}`,
		'-u', userInfo().username, '-N', '-B', 'burenhulp', '-e', text], { encoding: 'utf8', timeout: 30_000 });
	assert.equal(r.status, 0, `mariadb: ${r.stderr || r.error}`);
	return r.stdout;
}
const q = (s) => `'${String(s).replace(/[^A-Za-z0-9_:. -]/g, '')}'`;
const newId = () => randomBytes(16).toString('base64url');
const made = { users: [], requests: [] };

function fixture(day, n, category, pc4) {
	for (let i = 0; i < n; i++) {
		const u = newId();
		const r = newId();
		sql(`INSERT INTO users (id, email_ct, email_bidx, display_name, pc4, roles, status, created_at, updated_at)
			VALUES (${q(u)}, X'00', UNHEX(SHA2(${q(u + '-bidx')}, 256)), 'Fixture', ${q(pc4)}, 'resident', 'active', NOW(3), NOW(3));
			INSERT INTO requests (id, owner_id, posted_as, title, description, category_id, pc4, lat, lon,
				status, created_at, updated_at, expires_at)
			SELECT ${q(r)}, ${q(u)}, 'resident', 'Hulp', 'Een beschrijving.', ${q(category)}, p.pc4, p.lat, p.lon,
				'open', ${q(day + ' 10:00:00')}, ${q(day + ' 10:00:00')}, '9999-12-31 00:00:00'
			FROM postcodes p WHERE p.pc4 = ${q(pc4)}`);
		made.users.push(u);
		made.requests.push(r);
	}
}

const year = 1200 + randomInt(0, 700);
const DAY = `${year}-0${randomInt(1, 9)}-1${randomInt(2, 8)}`;
const plus = (d, n) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86400e3).toISOString().slice(0, 10);
const EMPTY = `${year}-0${randomInt(1, 9)}-05`;

let browser;
before(async () => {
	browser = await launch();
	fixture(DAY, 5, 'pets', '7812');		// the day: five residents, pets, 7812
	fixture(plus(DAY, -1), 6, 'shopping', '7811');	// the period before
});
after(async () => {
	const list = (a) => a.map(q).join(',');
	if (made.requests.length) sql(`DELETE FROM requests WHERE id IN (${list(made.requests)})`);
	if (made.users.length) sql(`DELETE FROM users WHERE id IN (${list(made.users)})`);
	await browser?.close();
});

async function pageAs(email) {
	const c = new ApiClient();
	await c.login(email);
	const { context, page } = await newPage(browser, { lang: 'nl' });
	await context.addCookies([{ name: 'bh_session', value: c.cookie.split('=')[1], url: BASE, httpOnly: true, sameSite: 'Lax' }]);
	return { context, page, client: c };
}

function rowsOf(table) {
	return table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => [...r.cells].map((c) => c.textContent.trim()).join('|')));
}

test('the figures of a known fixture, from one call, with the period before beside them', async () => {
	const { context, page, client } = await pageAs(MODERATOR);
	try {
		const calls = [];
		page.on('request', (r) => { if (r.url().includes('/api/v1/admin/stats')) calls.push(r.url()); });
		await open(page, `/admin/cijfers.html?from=${DAY}&to=${DAY}`);
		const api = (await client.call('GET', `/admin/stats?from=${DAY}&to=${DAY}`)).data;
		assert.equal(calls.length, 1, 'one call per view, not thirteen');
		const tile = async (f) => page.locator(`[data-figure="${f}"] .tile-value`).getAttribute('data-value');
		const shown = async (f) => (await page.locator(`[data-figure="${f}"] .tile-value`).innerText()).trim();
		assert.equal(await tile('requests_posted'), '5');
		assert.equal(await shown('requests_posted'), '5');
		assert.equal(await tile('requests_approved'), '5');
		assert.equal(await tile('requests_matched'), '0');
		assert.equal(await shown('match_rate'), '0%');
		assert.equal(await tile('active_residents'), '5');
		assert.equal(await shown('volunteer_hours'), '0 uur');
		for (const f of ['requests_posted', 'requests_approved', 'requests_responded', 'requests_matched',
			'requests_completed', 'requests_cancelled', 'requests_expired', 'match_rate', 'volunteer_hours',
			'active_volunteers', 'active_residents', 'median_hours_to_first_response', 'median_hours_to_match']) {
			const want = api[f] === null ? ((api.suppressed_fields || []).includes(f) ? 'suppressed' : 'null') : String(api[f]);
			assert.equal(await tile(f), want, f);
		}
		// The day before: six residents, shown rounded to 5 beside the tile.
		assert.equal(await page.locator('[data-figure="requests_posted"] .tile-previous').getAttribute('data-value'), '5');
		assert.match(await page.locator('[data-figure="requests_posted"] .tile-previous').innerText(), /Vorige periode: 5/);
		assert.match(await page.locator('#period-line').innerText(), /Emmen.*hele dagen/);
		// Every figure per day, in one table; the chart follows the chosen figure.
		const series = await rowsOf(page.locator('#series-table'));
		assert.equal(series.length, 3, 'the day, the whole period, the period before');
		assert.match(series[0], /^[^|]+\|5\|5\|0\|0\|/);
		await page.selectOption('#trend-figure', 'active_residents');
		await page.locator('figure', { hasText: 'Hulpvragers' }).first().waitFor();
		// Per area, the place beside the PC4.
		const areaTable = page.locator('figure', { hasText: 'Hulpvragen per gebied' }).locator('table');
		assert.deepEqual(await rowsOf(areaTable), ['7812 Emmen|5']);
		// The CSV of the same view, for Dutch Excel.
		const href = await page.getAttribute('#csv-link', 'href');
		assert.match(href, /lang=nl/);
		const csv = await page.request.get(BASE + href);
		assert.equal(csv.status(), 200);
		const body = await csv.body();
		assert.deepEqual([...body.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
		const lines = body.subarray(3).toString('utf8').trim().split('\r\n');
		assert.match(lines[0], /^soort;sleutel;naam;van;tot;hulpvragen geplaatst;/);
		assert.match(lines[1], new RegExp(`^periode;;Emmen;${DAY};${plus(DAY, 1)};5;5;0;0;0;0;0;0,000;`));
		assert.match(lines[2], /^vorige periode;;Emmen;/);
		await checkAxe(page, 'figures of the fixture');
		await screenshot(page, 'admin-cijfers-fixture');
		assertNoScriptErrors(page);
	} finally {
		await context.close();
	}
});

test('a period without requests says why the tiles are empty instead of dashes', async () => {
	const { context, page } = await pageAs(MODERATOR);
	try {
		await open(page, `/admin/cijfers.html?from=${EMPTY}&to=${EMPTY}`);
		const why = page.locator('#figures-empty');
		await why.waitFor();
		assert.match(await why.innerText(), /nog geen hulpvragen geplaatst.*demogegevens/s);
		assert.match(await page.locator('[data-figure="match_rate"] .tile-why').innerText(), /Nog niets om te tellen/);
		await checkAxe(page, 'figures of an empty period');
		// All municipalities: chosen in the form, kept in the URL.
		await page.selectOption('#municipality', '*');
		await page.click('#period-form button[type=submit]');
		await page.waitForURL((u) => u.searchParams.get('municipality') === '*');
		await page.locator('#period-line', { hasText: 'Alle gemeenten' }).waitFor();
		assertNoScriptErrors(page);
	} finally {
		await context.close();
	}
});

test('the audit log filters by date and by kind under readable names, and exports what it shows', async () => {
	const { context, page } = await pageAs('admin@demo.burenhulp.nl');
	try {
		// Today as the page sees it: the browser runs in Europe/Amsterdam
		// (lib/browser.mjs), whose day starts an hour or two before UTC's.
		const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date());
		// The figures views above wrote stats.read lines today.
		await open(page, `/admin/logboek.html?kind=stats.read&from=${today}&to=${today}`);
		const kinds = page.locator('#audit tbody td[data-kind]');
		await kinds.first().waitFor();
		const names = await kinds.allInnerTexts();
		assert.ok(names.length > 0);
		assert.deepEqual([...new Set(names.map((n) => n.trim()))], ['Cijfers opgevraagd'], 'a readable name, not stats.read');
		assert.equal(await page.locator('#audit-kind option[value="request.private_read"]').innerText(),
			'Privégegevens van een hulpvraag ingezien');
		await checkAxe(page, 'audit log filtered');
		// Export: what the filter shows, for Dutch Excel.
		const [download] = await Promise.all([page.waitForEvent('download'), page.click('#audit-export')]);
		const chunks = [];
		for await (const c of await download.createReadStream()) chunks.push(c);
		const body = Buffer.concat(chunks);
		assert.deepEqual([...body.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
		const lines = body.subarray(3).toString('utf8').trim().split('\r\n');
		assert.match(lines[0], /^Wanneer;Door;Handeling;Code;/);
		assert.equal(lines.length - 1, names.length > 49 ? lines.length - 1 : names.length);
		for (const l of lines.slice(1)) assert.match(l, /;Cijfers opgevraagd;stats\.read;/);
		// A day long ago: nothing.
		await page.fill('#audit-from', '1999-01-01');
		await page.fill('#audit-to', '1999-01-02');
		await page.click('#audit-filter button[type=submit]');
		await page.locator('#audit .empty').waitFor();
		assert.equal(new URL(page.url()).searchParams.get('from'), '1999-01-01');
		assertNoScriptErrors(page);
	} finally {
		await context.close();
	}
});
