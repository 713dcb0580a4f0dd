import { createClient } from './create-client';

/** The one client of this window; stores and pages import it from here. */
export const api = createClient();
