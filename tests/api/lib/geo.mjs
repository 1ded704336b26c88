// geo.mjs — what the radius-search tests share: the PC4 areas of
// data/pc4-nl.csv and lib/geo.c's great-circle distance, to compute what a
// search near a postcode must answer.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from './client.mjs';

const EARTH_KM = 6371.0088;	// lib/geo.c

// Haversine distance in km between two {lat, lon}.
export function km(a, b) {
  const rad = Math.PI / 180;
  const x = Math.sin((b.lat - a.lat) * rad / 2) ** 2 +
    Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin((b.lon - a.lon) * rad / 2) ** 2;
  return 2 * EARTH_KM * Math.asin(Math.min(1, Math.sqrt(x)));
}

// Every area of the shipped postcode file: [{pc4, lat, lon}].
export function areas() {
  return readFileSync(join(REPO, 'data', 'pc4-nl.csv'), 'utf8').split('\n').slice(1)
    .filter(Boolean).map((l) => { const [pc4, , lat, lon] = l.split(','); return { pc4, lat: +lat, lon: +lon }; });
}
