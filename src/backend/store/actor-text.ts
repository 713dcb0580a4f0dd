/**
 * How an event names who acted: "olga at CR-2" when the action came from a named station
 * (a workstation or a console-mode browser), plain "olga" otherwise. Every event text that
 * names a person's action uses it, so the log always says where a change was made.
 */
export function whoAt(username: string, station?: string | null): string {
  return station ? `${username} at ${station}` : username;
}

/** The station for an event's details (searchable apart from the text); nothing when none. */
export function stationDetail(station?: string | null): { station?: string } {
  return station ? { station } : {};
}
