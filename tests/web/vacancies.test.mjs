// vacancies.test.mjs — vacancies and the Talentenbank (issue 18 part 2) in
// the browser: a coordinator posts a vacancy on /mijn-organisatie.html; once
// a moderator publishes it, anyone — without an account — finds it on
// /vacatures.html near a postcode and by talent; a volunteer records their
// talents on the profile (checkboxes, keyboard), responds on
// /vacature.html and lands in the private conversation; the coordinator
// reads the response on /mijn-organisatie.html and answers it in
// /vacature-gesprek.html, which the volunteer then reads. Axe-clean in
// Dutch and English. Screenshots into tests/results/screenshots/
// (vacancies-*.png).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
	launch, newPage, open, checkAxe, screenshot, assertNoScriptErrors, apiRegister, uiLogin, ApiClient,
} from './lib/browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const RUN = Date.now().toString(36);
const WORD = `Moestuin${RUN.replace(/[0-9]/g, 'x')}`;

test('a coordinator posts a vacancy, anyone finds it, a volunteer responds and the coordinator answers in a private conversation', async () => {
	const admin = new ApiClient();
	await admin.login('admin@demo.burenhulp.nl');
	const org = (await admin.call('POST', '/organisations', {
		name: `Tuingroep ${RUN}`, description: 'Samen tuinieren.', categories: ['garden'], postcode: '7811 AB',
	})).data.organisation;
	const c = await apiRegister({ tag: 'vac-coord', roles: ['resident'], name: `Coördinator ${RUN}` });
	assert.equal((await admin.call('POST', `/organisations/${org.id}/coordinators`, { user_id: c.user.id })).status, 201);
	const v = await apiRegister({ tag: 'vac-vol', roles: ['volunteer'], name: `Vrijwilliger ${RUN}` });
	const coord = await newPage(browser);
	const anon = await newPage(browser);
	const vol = await newPage(browser);
	try {
		// The coordinator posts it.
		await uiLogin(coord.page, c.email, c.password, '/mijn-organisatie.html');
		await open(coord.page, '/mijn-organisatie.html');
		const p = `#vac-${org.id}`;
		await coord.page.locator(`${p}-title`).waitFor();
		await coord.page.fill(`${p}-title`, `${WORD} zoekt handen`);
		await coord.page.fill(`${p}-description`, 'Elke zaterdag wieden en oogsten in de buurttuin.');
		await coord.page.focus(`${p}-talents-gardening`);
		await coord.page.keyboard.press('Space');
		await coord.page.check(`${p}-categories-garden`);
		await coord.page.fill(`${p}-hours_per_month`, '6');
		await checkAxe(coord.page, 'mijn-organisatie.html with the vacancy form');
		await coord.page.focus(`${p}-hours_per_month`);
		await coord.page.keyboard.press('Enter');
		await coord.page.locator('#myorg-live', { hasText: 'Een moderator kijkt ernaar' }).waitFor();
		await coord.page.locator('.badge-pending', { hasText: 'wacht op controle' }).waitFor();
		const mine = (await new ApiClient().call('GET', `/vacancies?q=${WORD}`)).data;
		assert.equal(mine.items.length, 0, 'not public before a moderator looked');

		const mod = new ApiClient();
		await mod.login('moderator@demo.burenhulp.nl');
		assert.equal((await admin.call('GET', `/organisations/${org.id}/vacancies`)).status, 403,
			'an admin who is no coordinator does not get the list');
		const list = await (async () => {
			const cl = new ApiClient();
			await cl.login(c.email, c.password);
			return (await cl.call('GET', `/organisations/${org.id}/vacancies`)).data.items;
		})();
		const vacancy = list[0];
		assert.deepEqual(vacancy.talents, ['gardening']);
		assert.equal((await mod.call('POST', `/vacancies/${vacancy.id}/review`, { decision: 'approve' })).status, 200);

		// Anyone finds it, near a postcode and by talent.
		await open(anon.page, '/vacatures.html');
		assert.ok(await anon.page.locator('#site-nav a[href="/vacatures.html"]').count(), 'in the navigation for everyone');
		await anon.page.fill('#q', WORD);
		await anon.page.fill('#near', '7811 AB');
		await anon.page.selectOption('#talent', 'gardening');
		await anon.page.press('#near', 'Enter');
		const card = anon.page.locator('.card', { hasText: `${WORD} zoekt handen` });
		await card.waitFor();
		assert.match(await card.innerText(), new RegExp(`Tuingroep ${RUN}`));
		assert.match(await card.innerText(), /6 uur per maand/);
		assert.match(await card.innerText(), /Tuinieren/);
		await checkAxe(anon.page, 'vacatures.html with a result');
		await screenshot(anon.page, 'vacancies-search');
		await anon.page.selectOption('#talent', 'music');
		await anon.page.press('#near', 'Enter');
		await anon.page.getByText('Geen vacatures gevonden').waitFor();
		await open(anon.page, `/vacature.html?id=${vacancy.id}`);
		await anon.page.getByText('Log in als vrijwilliger om te reageren').waitFor();
		await checkAxe(anon.page, 'vacature.html anonymous');

		// The volunteer records talents on the profile, keyboard only.
		await uiLogin(vol.page, v.email, v.password, '/profiel.html');
		await open(vol.page, '/profiel.html');
		await vol.page.locator('#p-talent-cooking').waitFor();
		await vol.page.focus('#p-talent-cooking');
		await vol.page.keyboard.press('Space');
		await vol.page.focus('#p-talent-gardening');
		await vol.page.keyboard.press('Space');
		await vol.page.locator('#talents-form button[type=submit]').focus();
		await vol.page.keyboard.press('Enter');
		await vol.page.locator('#talents-status', { hasText: 'Uw talenten zijn opgeslagen' }).waitFor();
		const api = new ApiClient();
		await api.login(v.email, v.password);
		assert.deepEqual((await api.call('GET', '/me')).data.user.talents, ['cooking', 'gardening']);
		await checkAxe(vol.page, 'profiel.html with talents');

		// ... and responds.
		await open(vol.page, `/vacature.html?id=${vacancy.id}`);
		await vol.page.fill('#message', 'Ik kom graag op zaterdag helpen.');
		await vol.page.focus('#message');
		await vol.page.locator('#respond-form button[type=submit]').press('Enter');
		await vol.page.getByText('U hebt gereageerd op deze vacature.').waitFor();
		await checkAxe(vol.page, 'vacature.html after responding');
		await screenshot(vol.page, 'vacancies-responded');
		await Promise.all([vol.page.waitForURL(/vacature-gesprek\.html/), vol.page.click('text=Naar het gesprek met de organisatie')]);
		await open(vol.page, vol.page.url().replace(/^https?:\/\/[^/]+/, ''));
		await vol.page.locator('.message-body', { hasText: 'Ik kom graag op zaterdag helpen.' }).waitFor();

		// The coordinator reads it and answers.
		await open(coord.page, '/mijn-organisatie.html');
		await coord.page.getByRole('button', { name: 'Reacties bekijken' }).first().click();
		await coord.page.getByText('Ik kom graag op zaterdag helpen.').waitFor();
		await checkAxe(coord.page, 'mijn-organisatie.html with a response');
		await screenshot(coord.page, 'vacancies-coordinator');
		await Promise.all([coord.page.waitForURL(/vacature-gesprek\.html/),
			coord.page.getByRole('link', { name: `Beantwoorden in het gesprek met Vrijwilliger ${RUN}` }).click()]);
		await open(coord.page, coord.page.url().replace(/^https?:\/\/[^/]+/, ''));
		await coord.page.fill('#body', 'Welkom! Zaterdag om tien uur bij de poort.');
		await coord.page.locator('#message-form button[type=submit]').press('Enter');
		await coord.page.locator('.message-body', { hasText: 'Zaterdag om tien uur' }).waitFor();
		await checkAxe(coord.page, 'vacature-gesprek.html');
		await screenshot(coord.page, 'vacancies-conversation');

		await vol.page.click('#messages-refresh');
		await vol.page.locator('.message-body', { hasText: 'Zaterdag om tien uur' }).waitFor();
		// The volunteer finds the conversation again from the vacancies page.
		await open(vol.page, '/vacatures.html');
		await vol.page.locator('#my-responses a', { hasText: `${WORD} zoekt handen` }).waitFor();
		await checkAxe(vol.page, 'vacatures.html with my responses');
		assertNoScriptErrors(coord.page);
		assertNoScriptErrors(vol.page);
		assertNoScriptErrors(anon.page);

		// Someone else gets no conversation.
		const other = await apiRegister({ tag: 'vac-other', roles: ['volunteer'], name: `Ander ${RUN}` });
		const o = await newPage(browser);
		try {
			await uiLogin(o.page, other.email, other.password, '/');
			await open(o.page, coord.page.url().replace(/^https?:\/\/[^/]+/, ''));
			await o.page.getByText('Dit gesprek bestaat niet, of u kunt het niet lezen.').waitFor();
			assert.equal(await o.page.locator('.message-body').count(), 0);
		} finally {
			await o.context.close();
		}
	} finally {
		await coord.context.close();
		await anon.context.close();
		await vol.context.close();
		await admin.call('DELETE', `/organisations/${org.id}`);
	}
});

test('vacatures.html and the admin\'s talents page pass axe in English', async () => {
	const { context, page } = await newPage(browser, { lang: 'en' });
	try {
		await open(page, '/vacatures.html');
		assert.equal(await page.getAttribute('html', 'lang'), 'en');
		assert.equal(await page.locator('h1').innerText(), 'Volunteering with organisations');
		await checkAxe(page, 'vacatures.html (en)');
		await uiLogin(page, 'admin@demo.burenhulp.nl', undefined, '/admin/talenten.html');
		await open(page, '/admin/talenten.html');
		await page.locator('#talents table').waitFor();
		assert.match(await page.locator('#talents').innerText(), /Gardening/);
		await checkAxe(page, 'admin/talenten.html (en)');
		await screenshot(page, 'vacancies-admin-talents');
		assertNoScriptErrors(page);
	} finally {
		await context.close();
	}
});

test('a pending vacancy in the moderation queue shows its organisation, and approving it by keyboard publishes it', async () => {
	const admin = new ApiClient();
	await admin.login('admin@demo.burenhulp.nl');
	const org = (await admin.call('POST', '/organisations', {
		name: `Voedselbank ${RUN}`, description: 'Pakketten.', categories: ['meals'], postcode: '7811 AB',
	})).data.organisation;
	const c = await apiRegister({ tag: 'vac-q', roles: ['resident'], name: `Coördinator Q ${RUN}` });
	await admin.call('POST', `/organisations/${org.id}/coordinators`, { user_id: c.user.id });
	const coordinator = new ApiClient();
	await coordinator.login(c.email, c.password);
	const posted = await coordinator.call('POST', '/vacancies', {
		organisation_id: org.id, title: `Inpakkers ${RUN}`, description: 'Op vrijdag pakketten inpakken.',
		talents: ['organising'], categories: ['meals'], postcode: '7811 AB',
	});
	assert.equal(posted.status, 201);
	const vacancy = posted.data.vacancy;
	const { context, page } = await newPage(browser);
	try {
		await uiLogin(page, 'moderator@demo.burenhulp.nl', undefined, '/admin/');
		// The queue is oldest first and this stack may hold older posts: the
		// page gets only this item of the real queue's answer.
		await page.route('**/api/v1/admin/queue*', async (route) => {
			const res = await route.fetch();
			const body = await res.json();
			let item = body.items.find((i) => i.id === vacancy.id);
			for (let cursor = body.next_cursor; !item && cursor;) {
				const more = await (await route.fetch({ url: `${route.request().url().split('?')[0]}?limit=100&cursor=${encodeURIComponent(cursor)}` })).json();
				item = more.items.find((i) => i.id === vacancy.id);
				cursor = more.next_cursor;
			}
			await route.fulfill({ response: res, json: { items: item ? [item] : [], next_cursor: null } });
		});
		await open(page, '/admin/');
		const art = page.locator(`article#q-${vacancy.id}`);
		await art.waitFor();
		assert.match(await art.innerText(), /Vacature/);
		assert.match(await art.innerText(), new RegExp(`Voedselbank ${RUN}`));
		await checkAxe(page, 'admin queue with a vacancy');
		await art.focus();
		await page.keyboard.press('a');
		await art.waitFor({ state: 'detached' });
		const pub = await new ApiClient().call('GET', `/vacancies/${vacancy.id}`);
		assert.equal(pub.status, 200);
		assert.equal(pub.data.vacancy.status, 'open');
		assertNoScriptErrors(page);
	} finally {
		await context.close();
		await admin.call('DELETE', `/organisations/${org.id}`);
	}
});
