// org_changes.test.mjs — organisation accounts (issue 18 part 1) where a
// moderator acts, in the browser: a coordinator's change to their
// organisation's entry waits on /admin/wijzigingen.html; the moderator
// approves it with the keyboard only, and only then does the public entry
// show the new name. Axe-clean in Dutch and English. Screenshots into
// tests/results/screenshots/ (org-changes-*.png).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
	launch, newPage, open, checkAxe, screenshot, assertNoScriptErrors, apiRegister, uiLogin, ApiClient,
} from './lib/browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const RUN = Date.now().toString(36);

test('a moderator approves a coordinator\'s change on /admin/wijzigingen.html, keyboard only; the entry changes only then', async () => {
	const admin = new ApiClient();
	await admin.login('admin@demo.burenhulp.nl');
	const org = (await admin.call('POST', '/organisations', {
		name: `Buurtkamer ${RUN}`, description: 'Oude tekst.', categories: ['respite'], postcode: '7811 AB',
	})).data.organisation;
	const u = await apiRegister({ tag: 'coord', roles: ['volunteer'], name: `Coördinator ${RUN}` });
	assert.equal((await admin.call('POST', `/organisations/${org.id}/coordinators`, { user_id: u.user.id })).status, 201);
	const coordinator = new ApiClient();
	await coordinator.login(u.email, u.password);
	const proposed = await coordinator.call('PATCH', `/organisations/${org.id}`, { name: `Buurtkamer Zon ${RUN}`, phone: null });
	assert.equal(proposed.status, 202);
	const change = proposed.data.change;
	const { context, page } = await newPage(browser);
	try {
		await uiLogin(page, 'moderator@demo.burenhulp.nl', undefined, '/admin/wijzigingen.html');
		await open(page, '/admin/wijzigingen.html');
		assert.ok(await page.locator('#admin-nav a[href="/admin/wijzigingen.html"][aria-current=page]').count(), 'in the navigation');
		const card = page.locator(`#c-${change.id}`);
		while (!(await card.count()) && await page.isVisible('#changes-more')) {
			await page.click('#changes-more');
			await page.waitForTimeout(300);
		}
		await card.waitFor();
		assert.match(await card.innerText(), new RegExp(`Buurtkamer Zon ${RUN}`));
		assert.match(await card.innerText(), /\(leeg\)/, 'a cleared phone number reads (leeg)');
		await checkAxe(page, 'admin/wijzigingen.html');
		await screenshot(page, 'org-changes-list');
		const before = await new ApiClient().call('GET', `/organisations/${org.id}`);
		assert.equal(before.data.organisation.name, `Buurtkamer ${RUN}`, 'the old name is public until approval');

		await page.focus(`#c-${change.id}-approve`);
		await page.keyboard.press('Space');
		await page.keyboard.press('Tab');
		await page.keyboard.press('Tab');
		await page.keyboard.press('Enter');
		await page.locator(`#c-${change.id}`, { hasText: 'Goedgekeurd' }).waitFor();
		assert.match(await page.textContent('#changes-live'), /goedgekeurd/);
		await checkAxe(page, 'admin/wijzigingen.html after the decision');
		await screenshot(page, 'org-changes-decided');
		const after = await new ApiClient().call('GET', `/organisations/${org.id}`);
		assert.equal(after.data.organisation.name, `Buurtkamer Zon ${RUN}`);
		assertNoScriptErrors(page);
	} finally {
		await context.close();
		await admin.call('DELETE', `/organisations/${org.id}`);
	}
});

test('the changes page in English passes axe', async () => {
	const { context, page } = await newPage(browser, { lang: 'en' });
	try {
		await uiLogin(page, 'moderator@demo.burenhulp.nl', undefined, '/admin/wijzigingen.html');
		await open(page, '/admin/wijzigingen.html');
		assert.equal(await page.getAttribute('html', 'lang'), 'en');
		assert.equal(await page.locator('h1').innerText(), 'Directory changes waiting to be checked');
		await checkAxe(page, 'admin/wijzigingen.html (en)');
		assertNoScriptErrors(page);
	} finally {
		await context.close();
	}
});

test('an admin makes a user coordinator of an organisation on /admin/organisaties.html by e-mail address, and removes them, keyboard only', async () => {
	const admin = new ApiClient();
	await admin.login('admin@demo.burenhulp.nl');
	const org = (await admin.call('POST', '/organisations', {
		name: `Ontmoetingsplek ${RUN}`, description: 'Voor de test.', categories: ['respite'], postcode: '7811 AB',
	})).data.organisation;
	const u = await apiRegister({ tag: 'coord-ui', roles: ['volunteer'], name: `Coördinator UI ${RUN}` });
	const { context, page } = await newPage(browser);
	try {
		await uiLogin(page, 'admin@demo.burenhulp.nl', undefined, '/admin/organisaties.html');
		await open(page, '/admin/organisaties.html');
		await page.fill('#q', `Ontmoetingsplek ${RUN}`);
		await page.press('#q', 'Enter');
		const card = page.locator(`#o-${org.id}`);
		await card.waitFor();
		await card.locator('summary').focus();
		await page.keyboard.press('Enter');
		await card.getByText('Nog geen coördinatoren.').waitFor();
		const input = `#o-${org.id}-coord-email`;
		await page.focus(input);
		await page.keyboard.type('niemand-' + u.email);
		await page.keyboard.press('Enter');
		await card.locator('[data-error-summary]').waitFor({ state: 'visible' });
		assert.match(await card.innerText(), /geen gebruiker met dit e-mailadres/);
		await checkAxe(page, 'admin/organisaties.html coordinators with an error');
		await page.fill(input, u.email);
		await page.focus(input);
		await page.keyboard.press('Enter');
		await card.locator('li', { hasText: `Coördinator UI ${RUN}` }).waitFor();
		const list = await admin.call('GET', `/organisations/${org.id}/coordinators`);
		assert.deepEqual(list.data.items.map((i) => i.user.id), [u.user.id]);
		await checkAxe(page, 'admin/organisaties.html with a coordinator');
		await screenshot(page, 'org-coordinators');

		await card.getByRole('button', { name: `Coördinator UI ${RUN} verwijderen…` }).click();
		await card.getByRole('button', { name: 'Ja, verwijderen' }).click();
		await card.getByText('Nog geen coördinatoren.').waitFor();
		assert.equal((await admin.call('GET', `/organisations/${org.id}/coordinators`)).data.items.length, 0);
		assertNoScriptErrors(page);
	} finally {
		await context.close();
		await admin.call('DELETE', `/organisations/${org.id}`);
	}
});

test('a coordinator edits their organisation on /mijn-organisatie.html; the public entry waits for a moderator', async () => {
	const admin = new ApiClient();
	await admin.login('admin@demo.burenhulp.nl');
	const org = (await admin.call('POST', '/organisations', {
		name: `Inloophuis ${RUN}`, description: 'Oude omschrijving.', categories: ['respite'], postcode: '7811 AB', phone: '0591 123456',
	})).data.organisation;
	const u = await apiRegister({ tag: 'coord-site', roles: ['volunteer'], name: `Coördinator site ${RUN}` });
	assert.equal((await admin.call('POST', `/organisations/${org.id}/coordinators`, { user_id: u.user.id })).status, 201);
	const { context, page } = await newPage(browser);
	try {
		await uiLogin(page, u.email, u.password, '/profiel.html');
		await open(page, '/profiel.html');
		await Promise.all([page.waitForURL(/mijn-organisatie\.html/), page.click('#my-organisation a')]);
		await open(page, '/mijn-organisatie.html');
		assert.equal(await page.inputValue(`#org-${org.id}-name`), `Inloophuis ${RUN}`);
		await checkAxe(page, 'mijn-organisatie.html');
		await page.fill(`#org-${org.id}-description`, 'Nieuwe omschrijving.');
		await page.fill(`#org-${org.id}-phone`, '');
		await page.focus(`#org-${org.id}-email`);
		await page.keyboard.press('Enter');
		await page.locator('#myorg-live', { hasText: 'Een moderator kijkt ernaar' }).waitFor();
		await checkAxe(page, 'mijn-organisatie.html after sending');
		await screenshot(page, 'org-coordinator-edit');
		const pub = (await new ApiClient().call('GET', `/organisations/${org.id}`)).data.organisation;
		assert.equal(pub.description, 'Oude omschrijving.', 'unchanged until a moderator approves');
		const mod = new ApiClient();
		await mod.login('moderator@demo.burenhulp.nl');
		const pending = (await mod.call('GET', '/admin/organisation-changes?limit=100')).data.items.find((c) => c.organisation.id === org.id);
		assert.deepEqual(pending.changes, { description: 'Nieuwe omschrijving.', phone: null }, 'only what differs is sent');
		assertNoScriptErrors(page);
	} finally {
		await context.close();
		await admin.call('DELETE', `/organisations/${org.id}`);
	}
	// Someone who coordinates nothing is told so.
	const other = await apiRegister({ tag: 'coord-none', roles: ['resident'], name: `Niemand ${RUN}` });
	const second = await newPage(browser, { lang: 'en' });
	try {
		await uiLogin(second.page, other.email, other.password, '/mijn-organisatie.html');
		await open(second.page, '/mijn-organisatie.html');
		await second.page.getByText('You do not coordinate an organisation yet.').waitFor();
		await open(second.page, '/profiel.html');
		assert.ok(await second.page.locator('#my-organisation').isHidden(), 'no link on the profile of someone who coordinates nothing');
		await checkAxe(second.page, 'mijn-organisatie.html, no organisation (en)');
	} finally {
		await second.context.close();
	}
});
