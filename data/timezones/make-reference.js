// Writes the points that the C++ reader's test compares with geo-tz itself (the JS reader of
// the same data): `node make-reference.js > ../../tests/data/geozone/reference.tsv`.
// Deterministic: a fixed linear congruential generator picks the points.
'use strict';
const { find } = require('geo-tz/all');
const { version } = JSON.parse(
  require('fs').readFileSync(require('path').join(__dirname, 'node_modules/geo-tz/package.json')),
);

let state = 20261130;
function random() {
  state = (state * 1103515245 + 12345) % 2147483648;
  return state / 2147483648;
}

const lines = [`# latitude\tlongitude\tzone ('-' at sea), from geo-tz ${version}`];
function add(lat, lon) {
  lat = Math.round(lat * 1e5) / 1e5;
  lon = Math.round(lon * 1e5) / 1e5;
  const zones = find(lat, lon);
  // At sea geo-tz answers with the nautical Etc/GMT zones; Cairn's reader with nothing.
  const zone = zones.length === 0 || zones[0].startsWith('Etc/GMT') ? '-' : zones[0];
  lines.push(`${lat}\t${lon}\t${zone}`);
}
// Anywhere between 60 S and 75 N...
for (let i = 0; i < 1500; i++) add(-60 + 135 * random(), -180 + 360 * random());
// ...and densely over Europe, where borders are many and close.
for (let i = 0; i < 1500; i++) add(36 + 25 * random(), -10 + 40 * random());
process.stdout.write(lines.join('\n') + '\n');
