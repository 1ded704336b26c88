// web/js/api.js — the only place the site talks to the JSON API (/api/v1).
//
//   import { api, ApiError, getSession } from '/js/api.js';
//   const { items } = await api.get('/requests', { near: '7811', radius_km: 10 });
//   await api.post('/matches', { request_id, message });
//
// - The session is the HttpOnly cookie bh_session; the browser sends it.
// - The CSRF token (from POST /session or GET /session) is kept in this
//   module's memory only — never in browser storage — and sent as
//   X-CSRF-Token on every POST/PATCH/PUT/DELETE. A page that was just loaded
//   gets it with getSession(). A 403 csrf_failed is retried once after
//   fetching a fresh token.
// - Any answer that is not 2xx throws an ApiError carrying the problem+json:
//   status, code, detail and errors[] ({field, code, message}); forms.js shows
//   those next to the fields. A network failure throws ApiError with
//   status 0 and code "network".
// - 204 answers resolve to null.

const BASE = '/api/v1';

let csrfToken = null;
let sessionPromise = null;

export class ApiError extends Error {
	constructor(status, problem) {
		super(problem?.detail || problem?.title || `HTTP ${status}`);
		this.name = 'ApiError';
		this.status = status;
		this.code = problem?.code || (status === 0 ? 'network' : 'unknown');
		this.errors = Array.isArray(problem?.errors) ? problem.errors : [];
		this.problem = problem || null;
		this.retryAfter = null;
	}
}

function buildUrl(path, query) {
	const url = new URL(BASE + path, location.origin);
	if (query)
		for (const [k, v] of Object.entries(query))
			if (v !== undefined && v !== null && v !== '')
				url.searchParams.set(k, v);
	return url.pathname + url.search;
}

async function send(method, path, { body, query, retried = false } = {}) {
	const headers = { Accept: 'application/json, application/problem+json' };
	const unsafe = method !== 'GET' && method !== 'HEAD';
	if (body !== undefined)
		headers['Content-Type'] = 'application/json';
	if (unsafe && csrfToken)
		headers['X-CSRF-Token'] = csrfToken;

	let res;
	try {
		res = await fetch(buildUrl(path, query), {
			method,
			headers,
			body: body === undefined ? undefined : JSON.stringify(body),
			credentials: 'same-origin',
			cache: 'no-store',
		});
	} catch {
		throw new ApiError(0, null);
	}

	if (res.status === 204)
		return null;
	const type = res.headers.get('Content-Type') || '';
	let data = null;
	if (type.includes('json')) {
		try { data = await res.json(); } catch { data = null; }
	}
	if (res.ok)
		return data;

	const err = new ApiError(res.status, data);
	err.retryAfter = res.headers.get('Retry-After');
	if (res.status === 403 && err.code === 'csrf_failed' && !retried) {
		// The token may be stale (a new login in another tab): fetch it again.
		sessionPromise = null;
		const s = await getSession(true);
		if (s)
			return send(method, path, { body, query, retried: true });
	}
	if (res.status === 401 && err.code === 'unauthenticated')
		forgetSession();
	throw err;
}

export const api = {
	get: (path, query) => send('GET', path, { query }),
	post: (path, body = {}) => send('POST', path, { body }),
	patch: (path, body = {}) => send('PATCH', path, { body }),
	put: (path, body = {}) => send('PUT', path, { body }),
	del: (path, body) => send('DELETE', path, { body }),
};

/**
 * The logged-in session as {user, csrf_token}, or null when nobody is logged
 * in. Fetched once per page (GET /session) unless refresh is true.
 */
export function getSession(refresh = false) {
	if (!sessionPromise || refresh) {
		sessionPromise = send('GET', '/session', { retried: true })
			.then((s) => {
				csrfToken = s?.csrf_token || null;
				return s;
			})
			.catch((e) => {
				if (e.status === 401) {
					csrfToken = null;
					return null;
				}
				sessionPromise = null;
				throw e;
			});
	}
	return sessionPromise;
}

/** Logs in (code: of the authenticator app, or a recovery code, for an
 * account with two-step login); resolves to {user, csrf_token, mfa} and
 * keeps the token. */
export async function login(email, password, code) {
	const body = { email, password };
	if (code)
		body.code = code;
	const s = await send('POST', '/session', { body });
	csrfToken = s.csrf_token;
	sessionPromise = Promise.resolve(s);
	return s;
}

/** Logs out server-side (DELETE /session) and forgets the token. */
export async function logout() {
	await getSession();
	try {
		await send('DELETE', '/session');
	} finally {
		forgetSession();
	}
}

/** Forgets the session in this page (after logout, account deletion, 401). */
export function forgetSession() {
	csrfToken = null;
	sessionPromise = Promise.resolve(null);
}

/** True when the user has any of the roles. */
export function hasRole(user, ...roles) {
	return !!user && Array.isArray(user.roles) && roles.some((r) => user.roles.includes(r));
}

/** The categories ([{id, name_nl, name_en}]), fetched once per page. */
let categoriesPromise = null;
export function getCategories() {
	if (!categoriesPromise)
		categoriesPromise = api.get('/categories').catch((e) => {
			categoriesPromise = null;
			throw e;
		});
	return categoriesPromise;
}

/** Downloads an API answer as a file (used for GET /me/export). */
export async function downloadJson(path, filename) {
	const data = await api.get(path);
	const blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
	const url = URL.createObjectURL(blob);
	const a = document.createElement('a');
	a.href = url;
	a.download = filename;
	document.body.append(a);
	a.click();
	a.remove();
	setTimeout(() => URL.revokeObjectURL(url), 10000);
}
