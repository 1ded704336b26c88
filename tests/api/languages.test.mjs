// languages.test.mjs — the languages of the neighbourhood (issue 19): a
// user may keep Turkish, Arabic, Polish or Ukrainian as their language
// (POST /accounts, PATCH /me locale), nothing else; the mail they get and
// the titles of their notifications are in that language, and the mail
// says so in Content-Language. A
// request says the language it is written in (lang): the poster's locale
// unless the poster names another of the site's languages.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Client, newUser, register, asDemo, assertStatus, assertFieldError, DEMO_POSTCODE, randomTag } from './lib/client.mjs';
import { waitForMail } from './lib/mail.mjs';

const NEW = ['tr', 'ar', 'pl', 'uk'];

describe('languages', () => {
  it('a user registers in each new language and GET /me says it', async () => {
    for (const locale of NEW) {
      const { res, email, password } = await register(['caregiver'], { locale });
      assertStatus(res, 201, locale);
      assert.equal(res.body.user.locale, locale);
      const c = new Client();
      await c.mustLogin(email, password);
      const me = await c.get('/me');
      assertStatus(me, 200);
      assert.equal(me.body.user.locale, locale);
    }
  });

  it('PATCH /me switches between every language, and back to Dutch', async () => {
    const c = await newUser(['resident']);
    for (const locale of [...NEW, 'en', 'nl']) {
      const res = await c.patch('/me', { locale });
      assertStatus(res, 200, locale);
      assert.equal((await c.get('/me')).body.user.locale, locale);
    }
  });

  it('a language the site has not is 422 naming locale (de, TR, ar-MA, empty)', async () => {
    const c = await newUser(['resident']);
    for (const locale of ['de', 'TR', 'ar-MA', '']) {
      const res = await c.patch('/me', { locale });
      assertFieldError(res, 'locale', 'not_allowed');
    }
    const { res } = await register(['resident'], { locale: 'fr' });
    assertFieldError(res, 'locale', 'not_allowed');
    assert.equal((await c.get('/me')).body.user.locale, 'nl', 'nothing changed');
  });

  it('the password-reset mail of a Turkish or Arabic user is in her language, and says so', async () => {
    const want = { tr: ['Burenhulp için yeni şifre', /^Merhaba /], ar: ['كلمة مرور جديدة لـ Burenhulp', /^مرحبًا /] };
    for (const locale of ['tr', 'ar']) {
      const c = await newUser(['caregiver'], { locale });
      assertStatus(await new Client().post('/password-reset', { email: c.email }), 202);
      const [m] = await waitForMail({ to: c.email, kind: 'account.password_reset' });
      assert.equal(m.header('Subject'), want[locale][0], locale);
      assert.equal(m.header('Content-Language'), locale, locale);
      assert.match(m.body, want[locale][1], `${locale}: the greeting`);
      assert.match(m.body, /wachtwoord-herstellen\.html#token=/, `${locale}: the link`);
    }
  });

  it('a Polish user reads the titles of her notifications in Polish; switching to English changes them', async () => {
    const c = await newUser(['resident'], { locale: 'pl' });
    const mod = await asDemo('moderator');
    const res = await c.post('/requests', { title: 'Zakupy dla mamy', description: 'Pomoc w zakupach raz w tygodniu.', category: 'shopping', postcode: DEMO_POSTCODE });
    assertStatus(res, 201);
    assertStatus(await mod.post(`/requests/${res.body.request.id}/review`, { decision: 'approve' }), 200);
    let list = await c.get('/me/notifications');
    assertStatus(list, 200);
    assert.ok(list.body.items.some((n) => n.title === 'Twoja prośba “Zakupy dla mamy” jest już opublikowana'), JSON.stringify(list.body.items.map((n) => n.title)));
    assertStatus(await c.patch('/me', { locale: 'en' }), 200);
    list = await c.get('/me/notifications');
    assert.ok(list.body.items.some((n) => n.title === 'Your request “Zakupy dla mamy” is now public'));
  });
});

const requestBody = (extra = {}) => ({
  title: `Boodschappen ${randomTag(6)}`,
  description: 'Wie helpt mijn moeder met de boodschappen?',
  category: 'shopping',
  postcode: DEMO_POSTCODE,
  ...extra,
});

describe('the language of a request', () => {
  it('a Turkish caregiver\'s request is in Turkish unless she says otherwise; everyone sees lang', async () => {
    const c = await newUser(['caregiver'], { locale: 'tr' });
    let res = await c.post('/requests', requestBody({ title: 'Annem için alışveriş', description: 'Annem için haftalık alışverişe yardım.' }));
    assertStatus(res, 201);
    assert.equal(res.body.request.lang, 'tr', 'the poster\'s locale');
    const id = res.body.request.id;
    res = await c.post('/requests', requestBody({ lang: 'nl' }));
    assertStatus(res, 201);
    assert.equal(res.body.request.lang, 'nl', 'written in Dutch on purpose');

    // PATCH changes it; a PATCH without lang leaves it.
    res = await c.patch(`/requests/${id}`, { lang: 'ar' });
    assertStatus(res, 200);
    assert.equal(res.body.request.lang, 'ar');
    res = await c.patch(`/requests/${id}`, { title: 'Annem için alışveriş (salı)' });
    assertStatus(res, 200);
    assert.equal(res.body.request.lang, 'ar');

    // The public sees it once a moderator approved it.
    const mod = await asDemo('moderator');
    assertStatus(await mod.post(`/requests/${id}/review`, { decision: 'approve' }), 200);
    res = await new Client().get(`/requests/${id}`);
    assertStatus(res, 200);
    assert.equal(res.body.request.lang, 'ar');
  });

  it('a Dutch resident\'s request is Dutch by default', async () => {
    const c = await newUser(['resident']);
    const res = await c.post('/requests', requestBody());
    assertStatus(res, 201);
    assert.equal(res.body.request.lang, 'nl');
  });

  it('a language the site has not is 422 naming lang (de, TR, tr-TR, 7, null) and nothing is posted', async () => {
    const c = await newUser(['resident']);
    for (const lang of ['de', 'TR', 'tr-TR', 7, null]) {
      const res = await c.post('/requests', requestBody({ lang, title: `Niet geplaatst ${randomTag(8)}` }));
      assert.equal(res.status, 422, JSON.stringify(lang));
      assertFieldError(res, 'lang', typeof lang === 'string' ? 'not_allowed' : undefined);
    }
    const mine = await c.get('/me/requests');
    assertStatus(mine, 200);
    assert.equal(mine.body.items.length, 0);
    const res = await c.post('/requests', requestBody());
    assertStatus(res, 201);
    assertFieldError(await c.patch(`/requests/${res.body.request.id}`, { lang: 'fr' }), 'lang', 'not_allowed');
  });
});

describe('the language of an offer', () => {
  const offerBody = (extra = {}) => ({
    title: `Boodschappen doen ${randomTag(6)}`,
    description: 'Ik help graag met boodschappen.',
    categories: ['shopping'],
    postcode: DEMO_POSTCODE,
    radius_km: 5,
    availability: [],
    ...extra,
  });

  it('a Polish volunteer\'s offer is in Polish unless he says otherwise; PATCH changes it; a wrong one is 422 on lang', async () => {
    const c = await newUser(['volunteer'], { locale: 'pl' });
    let res = await c.post('/offers', offerBody({ title: 'Pomogę w zakupach', description: 'Chętnie pomogę w zakupach.' }));
    assertStatus(res, 201);
    assert.equal(res.body.offer.lang, 'pl');
    const id = res.body.offer.id;
    res = await c.patch(`/offers/${id}`, { lang: 'uk' });
    assertStatus(res, 200);
    assert.equal(res.body.offer.lang, 'uk');
    res = await c.patch(`/offers/${id}`, { radius_km: 6 });
    assertStatus(res, 200);
    assert.equal(res.body.offer.lang, 'uk', 'unchanged without lang');
    assertFieldError(await c.patch(`/offers/${id}`, { lang: 'xx' }), 'lang', 'not_allowed');
    assertFieldError(await c.post('/offers', offerBody({ lang: 'de' })), 'lang', 'not_allowed');
    res = await c.post('/offers', offerBody({ lang: 'nl' }));
    assertStatus(res, 201);
    assert.equal(res.body.offer.lang, 'nl');
  });
});
