export * from './attributes.generated';
export * from './events.generated';
export * from './helpers.generated';
export * from './types';
