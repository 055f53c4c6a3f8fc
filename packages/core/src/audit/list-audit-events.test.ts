import { describe, expect, it } from 'vitest';
import { describeNotificationEntity } from './list-audit-events';

describe('describeNotificationEntity', () => {
  it('names notification settings by type and templates by type and channel', () => {
    expect(describeNotificationEntity({ entityType: 'notification_setting', entityId: 'reminder_24h' })).toBe(
      '24-hour reminder',
    );
    expect(
      describeNotificationEntity({ entityType: 'notification_template', entityId: 'reminder_24h:sms' }),
    ).toBe('24-hour reminder (SMS)');
    expect(
      describeNotificationEntity({ entityType: 'notification_template', entityId: 'task_completed:email' }),
    ).toBe('Task completed (email)');
  });

  it('answers null for anything it does not know', () => {
    expect(
      describeNotificationEntity({ entityType: 'notification_template', entityId: 'reminder_24h' }),
    ).toBeNull();
    expect(describeNotificationEntity({ entityType: 'notification_setting', entityId: 'fax' })).toBeNull();
    expect(describeNotificationEntity({ entityType: 'custom_field', entityId: 'reminder_24h' })).toBeNull();
  });
});
