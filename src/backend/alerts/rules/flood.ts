/**
 * The alert-flood rule lives once, in src/shared/rules/flood.ts (the live rule, the alarm
 * report and the Alerts page share it); the backend's rules folder names it here too.
 */
export { assessFlood, FLOOD_MORE_THAN, FLOOD_WINDOW_MS } from '../../../shared/rules/flood';
