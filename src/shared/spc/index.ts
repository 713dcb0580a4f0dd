export * from './capability';
export * from './histogram';
export * from './individuals';
export * from './nelson';
export * from './resolution';
