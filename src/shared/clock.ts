/**
 * The one place in domain code that reads the system's wall clock (architecture rule 7).
 * Everything else is handed a `Clock` by the composition root, so a test sets "now" and the
 * suite passes on any date; ESLint refuses `Date.now()` and `new Date()` elsewhere in
 * src/backend, src/shared, src/console and the simulator's model. Elapsed times (timeouts,
 * rates, throttles) read `performance.now()`: a monotonic clock that a wall-clock step cannot
 * move, and not a "now" that anything is stamped with.
 */
export type Clock = () => number;

/** Milliseconds since the epoch, from the operating system. Only composition roots use it. */
export const systemClock: Clock = () => Date.now();
