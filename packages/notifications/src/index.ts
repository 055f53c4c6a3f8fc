// Owns rendering notifications (templates, variables, SMS segments, branded email) and the channel providers
// (SNS SMS, Resend email, the development outbox). The pipeline lives in packages/jobs.
export * from './contracts';
export * from './templates/index';
export * from './providers/index';
