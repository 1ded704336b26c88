// tests/web/lib/browser.mjs — what every web test shares: Debian's Chromium
// through playwright-core (never a downloaded browser), a fresh context per
// story, axe-core (WCAG 2.0/2.1 A and AA: zero violations or the test fails,
// printing them), screenshots, and small API helpers for setting up a story.
//
//   import { launch, newPage, checkAxe, BASE, apiLogin, ready } from './lib/browser.mjs';
//   const browser = await launch();
//   const { context, page } = await newPage(browser, { width: 375 });
//   await page.goto(`${BASE}/`); await ready(page);
//   await checkAxe(page, 'home nl');
//
// Env: BURENHULP_URL (the stack, e.g. http://127.0.0.1:18700),
//      BURENHULP_SCREENSHOTS (folder; else $BURENHULP_TEST_RESULTS/screenshots,
//      else tests/results/screenshots).

import { chromium } from 'playwright-core';
import { readFileSync, mkdirSync } from 'node:fs';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { verifyByMail } from './mail.mjs';
import { claimCode, isDemoStaff, staffSession, DEMO_TOTP } from '../../api/lib/totp.mjs';

export { claimCode, isDemoStaff, DEMO_TOTP };

export const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const BASE = (process.env.BURENHULP_URL || 'http://127.0.0.1:8080').replace(/\/$/, '');
// Beside the rest of the results when scripts/test was told where those go.
export const SHOTS = process.env.BURENHULP_SCREENSHOTS
	|| (process.env.BURENHULP_TEST_RESULTS ? resolve(process.env.BURENHULP_TEST_RESULTS, 'screenshots') : null)
	|| join(REPO, 'tests', 'results', 'screenshots');
export const DEMO_PASSWORD = 'burenhulp-demo';

const AXE_SOURCE = readFileSync(join(REPO, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

export async function launch() {
	return chromium.launch({
		executablePath: process.env.BURENHULP_CHROMIUM || '/usr/bin/chromium',
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
			'--disable-background-networking', '--disable-component-update', '--disable-sync'],
	});
}

/** A new context (own cookies and storage) and page; failing scripts fail the test. */
export async function newPage(browser, { width = 1280, height = 900, lang } = {}) {
	const context = await browser.newContext({
		viewport: { width, height },
		locale: 'nl-NL',
		timezoneId: 'Europe/Amsterdam',
		acceptDownloads: true,
	});
	if (lang)
		await context.addInitScript((l) => localStorage.setItem('bh_lang', l), lang);
	const page = await context.newPage();
	page.errors = [];
	page.on('pageerror', (e) => page.errors.push(String(e)));
	page.on('console', (m) => {
		if (m.type() === 'error' && !/status of (4\d\d)/.test(m.text()))
			page.errors.push(m.text());
	});
	page.setDefaultTimeout(10000);
	return { context, page };
}

/** Waits until the page module said it finished its first render. */
export async function ready(page) {
	await page.waitForSelector('body[data-ready="true"]', { timeout: 15000 });
}

/** Waits until a notice in main's status region says text (after a redirect with a flash). */
export async function waitForNotice(page, re) {
	await page.waitForFunction((src) => {
		const box = document.querySelector('main [role=status]');
		return !!box && new RegExp(src).test(box.textContent);
	}, re.source, { timeout: 15000 });
}

/** Goes to a path and waits for the page to be ready. */
export async function open(page, path) {
	await page.goto(BASE + path);
	await ready(page);
}

/** Runs axe (WCAG 2.0/2.1 A + AA) on the page; fails listing every violation. */
export async function checkAxe(page, label) {
	const hasAxe = await page.evaluate(() => typeof window.axe !== 'undefined');
	if (!hasAxe)
		await page.evaluate(AXE_SOURCE);
	const result = await page.evaluate(async () => {
		// eslint-disable-next-line no-undef
		const r = await axe.run(document, {
			runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
			resultTypes: ['violations'],
		});
		return r.violations.map((v) => ({
			id: v.id,
			impact: v.impact,
			help: v.help,
			nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')} — ${n.failureSummary.replace(/\s+/g, ' ')}`),
		}));
	});
	if (result.length) {
		const text = result.map((v) => `  [${v.impact}] ${v.id}: ${v.help}\n${v.nodes.map((n) => `     ${n}`).join('\n')}`).join('\n');
		assert.fail(`axe found ${result.length} violation(s) on ${label}:\n${text}`);
	}
}

/** Saves a full-page screenshot as <name>.png in the screenshots folder. */
export async function screenshot(page, name) {
	mkdirSync(SHOTS, { recursive: true });
	await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

/** No uncaught script errors happened on the page. */
export function assertNoScriptErrors(page) {
	assert.deepEqual(page.errors, [], 'script errors on the page');
}

// ------------------------------------------------------------------ API setup

/** A tiny cookie-keeping API client for setting up stories (not the UI under test). */
export class ApiClient {
	constructor() {
		this.cookie = '';
		this.csrf = '';
	}

	async call(method, path, body) {
		const headers = { Accept: 'application/json' };
		if (body !== undefined)
			headers['Content-Type'] = 'application/json';
		if (this.cookie)
			headers.Cookie = this.cookie;
		if (this.csrf && method !== 'GET')
			headers['X-CSRF-Token'] = this.csrf;
		const res = await fetch(`${BASE}/api/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
		const set = res.headers.get('set-cookie');
		if (set) {
			const m = set.match(/bh_session=([^;]*)/);
			if (m)
				this.cookie = `bh_session=${m[1]}`;
		}
		const text = await res.text();
		let data = null;
		try { data = text ? JSON.parse(text) : null; } catch { data = text; }
		return { status: res.status, data };
	}

	async login(email, password = DEMO_PASSWORD) {
		// The demo moderator and admin log in with a code (staff need
		// two-step login): their session is the one every test process
		// shares (tests/api/lib/totp.mjs).
		if (isDemoStaff(email) && password === DEMO_PASSWORD) {
			const s = await staffSession(email, BASE);
			this.cookie = s.cookie;
			this.csrf = s.csrf;
			return s.user;
		}
		const r = await this.call('POST', '/session', { email, password });
		assert.equal(r.status, 200, `login ${email}: ${JSON.stringify(r.data)}`);
		this.csrf = r.data.csrf_token;
		return r.data.user;
	}
}

/** A unique e-mail address for a test user. */
export function uniqueEmail(tag) {
	return `web-${tag}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@test.burenhulp.nl`;
}

/** Logs a browser page in through the login form. With secret (base32;
 * the demo staff's own by default) the form asks for the code of the app
 * after the password, and gets a claimed one. */
export async function uiLogin(page, email, password = DEMO_PASSWORD, next = '/', secret = DEMO_TOTP[email]) {
	await open(page, `/inloggen.html?next=${encodeURIComponent(next)}`);
	await page.fill('#email', email);
	await page.fill('#password', password);
	if (secret) {
		await page.click('#login-form button[type=submit]');
		await page.locator('#code').waitFor({ state: 'visible' });
		await page.fill('#code', await claimCode(email, secret));
	}
	await Promise.all([
		page.waitForURL((u) => !u.pathname.startsWith('/inloggen')),
		page.click('#login-form button[type=submit]'),
	]);
	await ready(page);
}

/**
 * Registers a user through the API (no browser), returns {email, password,
 * user}. The address is confirmed the way its owner would (verified: true,
 * the default): with the token of the link in the verification mail
 * (lib/mail.mjs) — posting requests and offers waits for that. verified:
 * false leaves the user unconfirmed.
 */
export async function apiRegister({ tag = 'user', roles = ['resident'], name = 'Test', postcode = '7811', locale = 'nl', verified = true } = {}) {
	const email = uniqueEmail(tag);
	const password = 'lang-genoeg-wachtwoord';
	const c = new ApiClient();
	const r = await c.call('POST', '/accounts', { email, password, display_name: name, postcode, roles, accept_terms: true, locale });
	assert.equal(r.status, 201, `register: ${JSON.stringify(r.data)}`);
	const user = r.data.user;
	if (verified && user && user.email_verified === false) {
		await verifyByMail(email);
		user.email_verified = true;
	}
	return { email, password, user };
}
