// My profile: what the account holds, edit name/postcode/phone/language,
// links to change the password and delete the account, and the download of
// everything held about me (GET /me/export, saved as a file); which
// notifications also come by e-mail, and a volunteer's alerts
// (profile-notify.js, at #meldingen and #alerts).

import { api, downloadJson, hasRole } from '../api.js';
import { startPage, pageReady, el, t, updateUser } from '../page.js';
import { onLanguageChange, setLanguage, currentLanguage } from '../i18n.js';
import { handleForm, showStatus, showProblem } from '../forms.js';
import { startNotifySettings, startAlerts } from './profile-notify.js';
import { startVog } from './profile-vog.js';
import { getTalents, talentLabel, fillChoices } from '../talents.js';

let user;

function renderFacts() {
	const dl = document.getElementById('account-facts');
	dl.replaceChildren();
	const rows = [
		['fields.email', user.email],
		['fields.display_name', user.display_name],
		['profile.area', [...new Set([user.area?.pc4, user.area?.place, user.area?.municipality].filter(Boolean))].join(', ')],
		['profile.roles', user.roles.map((r) => t(`roles.${r}.name`)).join(', ')],
		['profile.member_since', null, { at: user.created_at }, 'profile.member_since_value'],
	];
	for (const [k, value, vars, valueKey] of rows) {
		const dd = valueKey ? el('dd', valueKey, vars) : el('dd');
		if (!valueKey)
			dd.textContent = value || '—';
		dl.append(el('dt', k), dd);
	}
}

function fillForm(form) {
	form.display_name.value = user.display_name || '';
	form.postcode.value = user.postcode || user.area?.pc4 || '';
	form.phone.value = user.phone || '';
	form.locale.value = user.locale || currentLanguage();
}

async function main() {
	({ user } = await startPage({ auth: 'required' }));
	const form = document.getElementById('profile-form');
	const status = document.getElementById('profile-status');
	try {
		user = (await api.get('/me')).user;
	} catch (e) {
		showProblem(status, e);
	}
	renderFacts();
	fillForm(form);
	onLanguageChange(renderFacts);

	handleForm(form, async (v) => {
		const body = { display_name: v.display_name, postcode: v.postcode, locale: v.locale, phone: v.phone || null };
		user = (await api.patch('/me', body)).user;
		renderFacts();
		fillForm(form);
		if (user.locale !== currentLanguage())
			await setLanguage(user.locale);
		return 'profile.saved';
	}, { status });

	// Why I am here: the roles a user takes or drops themself (issue 15.11).
	const rolesForm = document.getElementById('roles-form');
	const fillRoles = () => {
		for (const box of rolesForm.querySelectorAll('input[name=roles]'))
			box.checked = (user.roles || []).includes(box.value);
	};
	fillRoles();
	handleForm(rolesForm, async (v) => {
		user = (await api.patch('/me', { roles: v.roles })).user;
		renderFacts();
		fillRoles();
		updateUser(user);
		await startTalents();
		return 'profile.roles_saved';
	}, { status: document.getElementById('roles-status') });

	// A volunteer's talents (Talentenbank, issue 18 part 2).
	const talentsSection = document.getElementById('talenten');
	let talentsStarted = false;
	const startTalents = async () => {
		talentsSection.hidden = !hasRole(user, 'volunteer');
		if (talentsSection.hidden || talentsStarted)
			return;
		talentsStarted = true;
		const talents = await getTalents().catch(() => []);
		const box = document.getElementById('talent-choices');
		const fill = () => fillChoices(box, talents, { name: 'talents', chosen: user.talents || [], label: talentLabel, prefix: 'p-talent' });
		fill();
		onLanguageChange(() => { user.talents = [...box.querySelectorAll('input:checked')].map((b) => b.value); fill(); });
		handleForm(document.getElementById('talents-form'), async () => {
			const chosen = [...box.querySelectorAll('input:checked')].map((b) => b.value);
			user = (await api.patch('/me', { talents: chosen })).user;
			fill();
			return 'profile.talents_saved';
		}, { status: document.getElementById('talents-status') });
	};
	await startTalents();

	const exportButton = document.getElementById('export-button');
	const exportStatus = document.getElementById('export-status');
	exportButton.addEventListener('click', async () => {
		exportButton.disabled = true;
		showStatus(exportStatus, 'profile.export_busy', null, 'info');
		try {
			const day = new Date().toISOString().slice(0, 10);
			await downloadJson('/me/export', `burenhulp-mijn-gegevens-${day}.json`);
			showStatus(exportStatus, 'profile.export_done');
		} catch (e) {
			showProblem(exportStatus, e);
		} finally {
			exportButton.disabled = false;
		}
	});
	await Promise.all([
		startNotifySettings(),
		hasRole(user, 'volunteer') ? startAlerts(user) : null,
		hasRole(user, 'volunteer') ? startVog(user) : null,
	]);
	// A link to #meldingen (from a mail or the notifications page): the
	// content above it has loaded by now, so go there and put focus on it.
	// A coordinator of an organisation (issue 18) finds its entry here.
	try {
		const mine = await api.get('/organisations/mine');
		document.getElementById('my-organisation').hidden = !(mine.items || []).length;
	} catch {
		// the link stays hidden
	}
	const target = location.hash && document.getElementById(location.hash.slice(1));
	if (target && !target.hidden && target.matches('section')) {
		const h = target.querySelector('h2');
		h.tabIndex = -1;
		h.focus();
		target.scrollIntoView();
	}
	pageReady();
}

main();
