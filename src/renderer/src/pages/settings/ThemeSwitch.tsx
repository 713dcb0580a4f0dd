import { useState } from 'react';
import { saveTheme, storedTheme, type Theme } from './theme';
import './settings.css';

const THEMES: readonly { value: Theme; label: string; hint: string }[] = [
  { value: 'dark', label: 'Dark', hint: 'For dimmed control rooms (default)' },
  { value: 'light', label: 'Light', hint: 'For bright offices and daylight' },
];

/** Dark or light colours for this screen; takes effect at once. */
export function ThemeSwitch() {
  const [theme, setTheme] = useState<Theme>(storedTheme);
  return (
    <section className="panel" aria-labelledby="theme-title">
      <h2 id="theme-title">Theme</h2>
      <fieldset className="theme-switch">
        <legend className="visually-hidden">Colour theme of this screen</legend>
        {THEMES.map((option) => (
          <label key={option.value} className="theme-option">
            <input
              type="radio"
              name="theme"
              value={option.value}
              checked={theme === option.value}
              onChange={() => {
                setTheme(option.value);
                saveTheme(option.value);
              }}
            />
            <span>
              <strong>{option.label}</strong>
              <span className="field-hint">{option.hint}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <p className="muted">Stored on this screen only; other screens keep their own theme.</p>
    </section>
  );
}
