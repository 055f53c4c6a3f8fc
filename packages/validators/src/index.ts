// Zod schemas shared by server and both front ends, one module per domain.
export * from './common';
export * from './auth';
export * from './organization';
export * from './staff';
export * from './technicians';
export * from './customers';
export * from './sites';
export * from './contacts';
export * from './windows';
export * from './tasks';
export * from './portal-users';
export * from './notifications';
export * from './portal';
export * from './portal-labels';
export * from './wire';
