// The page nginx answers for an address that does not exist (error_page 404
// in nginx/burenhulp.conf.in): the site's own layout, so the visitor keeps
// the navigation, with a way back. Its links are absolute: it is served
// at whatever path was mistyped.

import { startPage, pageReady } from '../page.js';

async function main() {
	await startPage();
	pageReady();
}

main();
