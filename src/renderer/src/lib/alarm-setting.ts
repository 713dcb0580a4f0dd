/**
 * Whether this screen sounds the audible alarm: per workstation (localStorage), off by
 * default, because only some screens in a plant sit where a tone helps.
 */
export const ALARM_KEY = 'linewatch.audibleAlarm';

export function storedAlarmEnabled(): boolean {
  try {
    return localStorage.getItem(ALARM_KEY) === 'on';
  } catch {
    // Storage unavailable (locked-down profile): the silent default holds.
    return false;
  }
}

export function saveAlarmEnabled(enabled: boolean): void {
  try {
    localStorage.setItem(ALARM_KEY, enabled ? 'on' : 'off');
  } catch {
    // Not stored: the choice holds until the page is reloaded.
  }
}
