/** The screen theme: per screen (localStorage), not per user, since control rooms share PCs. */
export type Theme = 'dark' | 'light';

export const THEME_KEY = 'linewatch.theme';

export function storedTheme(): Theme {
  try {
    return localStorage.getItem(THEME_KEY) === 'light' ? 'light' : 'dark';
  } catch {
    // Storage can be unavailable (locked-down browser profile): the dark default then holds.
    return 'dark';
  }
}

/** Sets data-theme on <html>; styles.css overrides the colour variables for 'light'. */
export function applyTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
}

export function saveTheme(theme: Theme): void {
  applyTheme(theme);
  try {
    localStorage.setItem(THEME_KEY, theme);
  } catch {
    // Not stored: the theme still applies until the page is reloaded.
  }
}

// Applied when the bundle loads (the app frame imports the settings page statically), so
// the stored theme holds from the login screen on, not only after Settings is opened.
applyTheme(storedTheme());
