// languages.test.mjs — the languages of the neighbourhood (issue 19): a
// user may keep Turkish, Arabic, Polish or Ukrainian as their language
// (POST /accounts, PATCH /me locale), nothing else; the mail they get is in
// Dutch, because the mailer speaks Dutch and English only (mailer/render.c:
// any locale but "en" is Dutch), and says so in Content-Language.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Client, newUser, register, assertStatus, assertFieldError } from './lib/client.mjs';
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

  it('the password-reset mail of a Turkish or Arabic user is in Dutch (the mailer has no Turkish or Arabic texts)', async () => {
    for (const locale of ['tr', 'ar']) {
      const c = await newUser(['caregiver'], { locale });
      assertStatus(await new Client().post('/password-reset', { email: c.email }), 202);
      const [m] = await waitForMail({ to: c.email, subject: /wachtwoord/i });
      assert.equal(m.header('Subject'), 'Nieuw wachtwoord voor Burenhulp', locale);
      assert.equal(m.header('Content-Language'), 'nl', locale);
      assert.match(m.body, /^Hallo /, `${locale}: a Dutch greeting`);
    }
  });
});
