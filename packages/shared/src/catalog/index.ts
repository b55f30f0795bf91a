export * from './catalog-api';
export * from './pricing';
export * from './catalog-errors';
