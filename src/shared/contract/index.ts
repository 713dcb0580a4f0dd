export * from './roles';
export * from './schemas';
export * from './define';
export * from './methods';
export * from './topics';
export * from './reports';
export * from './simulator-methods';
export * from './station-key-methods';
