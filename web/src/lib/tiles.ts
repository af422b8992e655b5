// Whether map tiles may be drawn behind routes: off unless the runner turns it on (Settings),
// since fetching tiles tells a third party where the runner ran. Kept on this device only.

const key = 'cairn.tiles';

export function tilesAllowed(): boolean {
  try {
    const value = localStorage.getItem(key);
    return value === 'on' || value === 'true' || value === '1';
  } catch {
    return false;
  }
}

export function allowTiles(on: boolean): void {
  try {
    if (on) localStorage.setItem(key, 'on');
    else localStorage.removeItem(key);
  } catch {
    /* private mode: tiles stay off */
  }
}

/** OpenStreetMap's own tile server; its tiles ask for the attribution the drawing shows. */
export const tileTemplate = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';
