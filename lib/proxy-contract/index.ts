export * from './error-codes.ts';
export * from './jobs.ts';
export * from './messages.ts';
export * from './pairing.ts';
export * from './report.ts';
export * from './routes.ts';
