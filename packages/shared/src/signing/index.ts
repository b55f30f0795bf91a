export * from './signing-types';
export * from './signing-rules';
export * from './signing-errors';
export * from './signing-api';
export * from './signing-match';
