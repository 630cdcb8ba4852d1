export * from '@secotel/sdk';
export * from '@secotel/semconv';
