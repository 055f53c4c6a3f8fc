// The whole schema, one module per domain.
export * from './enums';
export * from './organizations';
export * from './staff';
export * from './customers';
export * from './scheduling';
export * from './portal';
export * from './tasks';
export * from './notifications';
export * from './auth';
export * from './audit';
export * from './jobs';
export * from './files';
