export * from './opportunity-catalogue';
export * from './opportunity-stage';
export * from './opportunity-errors';
export * from './opportunity-api';
export * from './opportunity-report-api';
export * from './opportunity-scope-api';
