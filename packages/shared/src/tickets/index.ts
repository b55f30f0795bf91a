export * from './ticket-types';
export * from './ticket-status';
export * from './ticket-errors';
export * from './ticket-state-machine';
export * from './sla-policy';
export * from './sla-deadline';
export * from './ticket-api';
export * from './ticket-monitor-api';
