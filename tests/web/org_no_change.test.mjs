// org_no_change.test.mjs — a coordinator's change that the entry already
// holds (issue 18 part 1's leftovers): the form on /mijn-organisatie.html
// was loaded before the admin changed the entry to just what the
// coordinator then types; the API answers 422 no_change, and the page says
// "nothing changed" (not an error), with no pending change for the
// moderators.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, open, assertNoScriptErrors, apiRegister, uiLogin, ApiClient } from './lib/browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const RUN = Date.now().toString(36);

test('a change the entry already holds says "nothing changed" on /mijn-organisatie.html and waits for nobody', async () => {
	const admin = new ApiClient();
	await admin.login('admin@demo.burenhulp.nl');
	const org = (await admin.call('POST', '/organisations', {
		name: `Wijkhuis ${RUN}`, description: 'Oude omschrijving.', categories: ['respite'], postcode: '7811 AB',
	})).data.organisation;
	const u = await apiRegister({ tag: 'coord-same', roles: ['volunteer'], name: `Coördinator ${RUN}` });
	assert.equal((await admin.call('POST', `/organisations/${org.id}/coordinators`, { user_id: u.user.id })).status, 201);
	const { context, page } = await newPage(browser);
	try {
		await uiLogin(page, u.email, u.password, '/mijn-organisatie.html');
		await open(page, '/mijn-organisatie.html');
		assert.equal(await page.inputValue(`#org-${org.id}-description`), 'Oude omschrijving.');
		// Meanwhile the admin writes what the coordinator is about to.
		assert.equal((await admin.call('PATCH', `/organisations/${org.id}`, { description: 'Nieuwe omschrijving.' })).status, 200);
		await page.fill(`#org-${org.id}-description`, 'Nieuwe omschrijving.');
		await page.focus(`#org-${org.id}-name`);
		await page.keyboard.press('Enter');
		await page.locator('#myorg-live', { hasText: 'niets gewijzigd' }).waitFor();
		assert.ok(await page.locator('[data-error-summary]').first().isHidden(), 'no error');
		const mod = new ApiClient();
		await mod.login('moderator@demo.burenhulp.nl');
		const pending = (await mod.call('GET', '/admin/organisation-changes?limit=100')).data.items.filter((c) => c.organisation.id === org.id);
		assert.deepEqual(pending, [], 'nothing for the moderators');
		assertNoScriptErrors(page);
	} finally {
		await context.close();
		await admin.call('DELETE', `/organisations/${org.id}`);
	}
});
