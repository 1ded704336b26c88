// elsewhere.mjs — POST /session from another loopback address (127.0.0.N:
// the kernel takes any source in 127/8), as regressions.test.mjs does. A
// test that means to fail logins uses it, so that its failures do not count
// against 127.0.0.1, where every other test logs in (the per-address delay
// after login_max_failures_address failures in the window).

import { request } from 'node:http';
import { randomInt } from 'node:crypto';
import { BASE_URL } from './client.mjs';

// A loopback address of its own for one test file: 127.0.0.N, N in 100..249.
export function loopbackAddress() {
  return `127.0.0.${randomInt(100, 250)}`;
}

// {status, body} of POST /session {email, password} from localAddress.
export function loginFrom(localAddress, email, password) {
  const url = new URL(`${BASE_URL}/api/v1/session`);
  const body = JSON.stringify({ email, password });
  return new Promise((resolve, reject) => {
    const req = request({
      host: url.hostname, port: url.port, path: url.pathname, method: 'POST', localAddress,
      headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) },
    }, (res) => {
      let text = '';
      res.on('data', (c) => { text += c; });
      res.on('end', () => resolve({ status: res.statusCode, body: text ? JSON.parse(text) : null }));
    });
    req.on('error', reject);
    req.end(body);
  });
}
