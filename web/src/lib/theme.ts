// Light and dark: the system's choice unless the runner picked one (kept on this device).

export type Theme = 'system' | 'light' | 'dark';
const key = 'cairn.theme';

export function savedTheme(): Theme {
  try {
    const value = localStorage.getItem(key);
    return value === 'light' || value === 'dark' ? value : 'system';
  } catch {
    return 'system';
  }
}

export function applyTheme(theme: Theme): void {
  if (theme === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
  try {
    if (theme === 'system') localStorage.removeItem(key);
    else localStorage.setItem(key, theme);
  } catch {
    /* private mode: the choice lasts for this visit */
  }
}
