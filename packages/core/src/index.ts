// Public surface of @portico/core: domain functions are imported by path (@portico/core/<domain>/<verb-noun>).
export * from './errors';
export * from './context';
export { recordAudit, diffChanges } from './audit/record-audit';
export {
  enqueueJob,
  queueNames,
  notificationTypes,
  type QueueName,
  type QueuePayloads,
  type EnqueueOptions,
  type NotificationType,
} from './jobs/queues';
