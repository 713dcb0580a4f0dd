/**
 * The built-in simulator, driven from its window (desktop) or page (console mode).
 * Filled in by the simulator-window work; spread into `methods`.
 */
export const simulatorMethods = {};
