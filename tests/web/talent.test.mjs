// The Talentenbank's matching in Chromium (issue 18): a volunteer sees the
// vacancies that suit them on suggesties.html, with the reasons in their
// language (Dutch, English), and never a vacancy that is not published;
// the figures page shows the vacancies and responses per organisation,
// with a small count of responses suppressed. Axe and a screenshot of each.
//
// Vacancies are a fixture written as the database's administrator (their
// moderation is tested in vacancies.test.mjs), removed afterwards.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import {
	launch, newPage, open, checkAxe, screenshot, assertNoScriptErrors, ApiClient, BASE, REPO, apiRegister, uiLogin,
} from './lib/browser.mjs';

const MODERATOR = 'moderator@demo.burenhulp.nl';
const VAR = process.env.BURENHULP_VAR || join(REPO, 'var');

function sql(text) {
	const r = spawnSync('mariadb', ['--no-defaults', `--socket=${join(VAR, 'run', 'mysqld.sock')}`,
		'-u', userInfo().username, '-N', '-B', 'burenhulp', '-e', text], { encoding: 'utf8', timeout: 30_000 });
	assert.equal(r.status, 0, `mariadb: ${r.stderr || r.error}`);
	return r.stdout;
}
const newId = () => randomBytes(16).toString('base64url').slice(0, 22);
const tag = randomBytes(3).toString('hex');
const ORG = newId();
const OPEN = newId(), PENDING = newId(), OLD = newId();
const users = [];
const year = 1300 + randomInt(0, 600);
const DAY = `${year}-0${randomInt(1, 9)}-1${randomInt(2, 8)}`;

function vacancy(id, title, status, at = null) {
	const when = at ? `'${at}'` : 'NOW(3)';
	sql(`INSERT INTO vacancies (id, organisation_id, title, description, pc4, lat, lon, hours_per_month, needs_vog,
			status, created_at, updated_at, alerted_at)
		SELECT '${id}', '${ORG}', '${title}', 'Samen koken voor de buren in het wijkcentrum.', pc4, lat, lon, 8, 1,
			'${status}', ${when}, ${when}, NOW(3) FROM postcodes WHERE pc4 = '7811';
		INSERT INTO vacancy_talents (vacancy_id, talent_id) VALUES ('${id}', 'cooking')`);
}

let browser;
before(async () => {
	browser = await launch();
	sql(`INSERT INTO organisations (id, name, description, pc4, lat, lon, active, created_at, updated_at)
		SELECT '${ORG}', 'Buurthuis ${tag}', 'Fixture', pc4, lat, lon, 1, NOW(3), NOW(3) FROM postcodes WHERE pc4 = '7811'`);
	vacancy(OPEN, `Kok gezocht ${tag}`, 'open');
	vacancy(PENDING, `Nog niet gepubliceerd ${tag}`, 'pending');
	// The figures' fixture: a vacancy of a day far in the past with six
	// responses, each of another volunteer.
	vacancy(OLD, `Oude vacature ${tag}`, 'closed', `${DAY} 10:00:00`);
	for (let i = 0; i < 6; i++) {
		const u = newId();
		users.push(u);
		sql(`INSERT INTO users (id, email_ct, email_bidx, display_name, pc4, roles, status, created_at, updated_at)
			VALUES ('${u}', X'00', UNHEX(SHA2('${u}-bidx', 256)), 'Fixture', '7811', 'volunteer', 'active', NOW(3), NOW(3));
			INSERT INTO vacancy_responses (id, vacancy_id, volunteer_id, created_at, updated_at)
			VALUES ('${newId()}', '${OLD}', '${u}', '${DAY} 11:00:00', '${DAY} 11:00:00')`);
	}
});
after(async () => {
	sql(`DELETE FROM organisations WHERE id = '${ORG}'`);
	if (users.length) sql(`DELETE FROM users WHERE id IN (${users.map((u) => `'${u}'`).join(',')})`);
	await browser?.close();
});

async function volunteerPage(locale) {
	const v = await apiRegister({ tag: `talent-${locale}`, roles: ['volunteer'], postcode: '7811', locale });
	sql(`INSERT INTO user_talents (user_id, talent_id) VALUES ('${v.user.id}', 'cooking')`);
	const { context, page } = await newPage(browser, { lang: locale });
	await uiLogin(page, v.email, v.password, '/suggesties.html');
	return { context, page };
}

test('a volunteer sees the vacancy that suits them, with the reasons, and not the unpublished one (nl)', async () => {
	const { context, page } = await volunteerPage('nl');
	try {
		await open(page, '/suggesties.html');
		const list = page.locator('#vacancy-suggestions-list');
		const card = list.locator('li.card', { hasText: `Kok gezocht ${tag}` });
		await card.waitFor();
		assert.match(await page.locator('#vacancy-suggestions-h2').innerText(), /Vacatures die bij u passen/);
		const text = await card.innerText();
		assert.match(text, /uw talenten: Koken/);
		assert.match(text, /VOG nodig: u hebt er nog geen/);
		assert.match(text, new RegExp(`Buurthuis ${tag}`));
		assert.equal(await card.locator('a.button').getAttribute('href'), `/vacature.html?id=${OPEN}`);
		assert.equal(await list.getByText(`Nog niet gepubliceerd ${tag}`).count(), 0, 'a pending vacancy is never suggested');
		await card.locator('a.button').focus();
		assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Bekijk en reageer');
		await checkAxe(page, 'vacancy suggestions (nl)');
		await screenshot(page, 'suggesties-vacatures-nl');
		assertNoScriptErrors(page);
	} finally {
		await context.close();
	}
});

test('the same in English for a volunteer whose language is English', async () => {
	const { context, page } = await volunteerPage('en');
	try {
		await open(page, '/suggesties.html');
		const card = page.locator('#vacancy-suggestions-list li.card', { hasText: `Kok gezocht ${tag}` });
		await card.waitFor();
		assert.match(await page.locator('#vacancy-suggestions-h2').innerText(), /Vacancies that suit you/);
		assert.match(await card.innerText(), /your talents: Cooking/);
		await checkAxe(page, 'vacancy suggestions (en)');
		await screenshot(page, 'suggesties-vacatures-en');
		assertNoScriptErrors(page);
	} finally {
		await context.close();
	}
});

test('the figures page shows vacancies and responses per organisation', async () => {
	const c = new ApiClient();
	await c.login(MODERATOR);
	const { context, page } = await newPage(browser, { lang: 'nl' });
	try {
		await context.addCookies([{ name: 'bh_session', value: c.cookie.split('=')[1], url: BASE, httpOnly: true, sameSite: 'Lax' }]);
		await open(page, `/admin/cijfers.html?from=${DAY}&to=${DAY}&municipality=Emmen`);
		const table = page.locator('#vacancies-table');
		await table.waitFor();
		const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((r) => [...r.cells].map((x) => x.textContent.trim()).join('|')));
		assert.deepEqual(rows, [`Buurthuis ${tag}|5|5`, 'Alle organisaties|5|5']);
		await checkAxe(page, 'figures with vacancies');
		await screenshot(page, 'admin-cijfers-vacatures');
		assertNoScriptErrors(page);
	} finally {
		await context.close();
	}
});

test('a volunteer sets up an alert of new vacancies with a talent, by keyboard, on the profile', async () => {
	const { context, page } = await volunteerPage('nl');
	try {
		await open(page, '/profiel.html#alerts');
		assert.equal(await page.locator('#alert-talents-field').isHidden(), true, 'talents only for vacancies');
		await page.focus('#alert-kind-requests');
		await page.keyboard.press('ArrowDown');	// radio group: to "vacancies"
		assert.equal(await page.isChecked('#alert-kind-vacancies'), true);
		await page.locator('#alert-talents-field').waitFor({ state: 'visible' });
		await page.fill('#alert-radius', '10');
		await page.focus('#alert-talent-cooking');
		await page.keyboard.press('Space');
		await checkAxe(page, 'profiel.html alert form for vacancies');
		await page.click('#alert-form button[type=submit]');
		const item = page.locator('#alerts-list li.alert-item');
		await item.first().waitFor();
		const text = await item.first().innerText();
		assert.match(text, /Nieuwe vacatures van organisaties/);
		assert.match(text, /Talenten: Koken/);
		await screenshot(page, 'profiel-alert-vacatures');
		assertNoScriptErrors(page);
	} finally {
		await context.close();
	}
});
