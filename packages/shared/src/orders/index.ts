export * from './order-model';
export * from './order-api';
export * from './order-errors';
