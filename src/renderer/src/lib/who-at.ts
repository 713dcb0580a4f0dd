/** "olga at CR-2": who acted, and at which station when one was named (as the event log says it). */
export function whoAt(username: string, station: string | null | undefined): string {
  return station ? `${username} at ${station}` : username;
}
