// Zod schemas shared by server and both front ends, one module per domain.
export * from './common';
