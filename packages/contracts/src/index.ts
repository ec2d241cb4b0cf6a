export * from './enums.ts';
export * from './problem.ts';
export * from './common.ts';
export * from './users.ts';
export * from './settings.ts';
export * from './auth.ts';
export * from './phone.ts';
export * from './search.ts';
