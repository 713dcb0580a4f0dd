/**
 * Every schema of the contract, by domain; importers keep using this file (or index.ts).
 */
export * from './common-schemas';
export * from './account-schemas';
export * from './event-schemas';
export * from './settings-schemas';
export * from './plant-schemas';
export * from './ingest-schemas';
export * from './quality-schemas';
export * from './alert-schemas';
export * from './maintenance-schemas';
export * from './handover-schemas';
