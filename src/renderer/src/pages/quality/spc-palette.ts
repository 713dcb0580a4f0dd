/** Chart colours from the CSS variables, so the canvas follows the dark or light theme. */
export interface SpcPalette {
  text: string;
  muted: string;
  grid: string;
  axis: string;
  accent: string;
  ok: string;
  warn: string;
  danger: string;
  font: string;
}

export function readPalette(): SpcPalette {
  const style = getComputedStyle(document.documentElement);
  const read = (name: string, fallback: string): string =>
    style.getPropertyValue(name).trim() || fallback;
  return {
    text: read('--text', '#e8edf2'),
    muted: read('--text-muted', '#9fb0c2'),
    grid: read('--border', '#2a3645'),
    axis: read('--border-strong', '#3f5064'),
    accent: read('--accent', '#4db2ff'),
    ok: read('--ok', '#3ddc84'),
    warn: read('--warn', '#ffb020'),
    danger: read('--danger', '#ff5c5c'),
    font: read('--font', 'sans-serif'),
  };
}
