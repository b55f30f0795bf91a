export * from './onboarding-schemas';
export * from './onboarding-errors';
