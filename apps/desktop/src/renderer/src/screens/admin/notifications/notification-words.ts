// Words of the Admin notifications screen: the plain names of the five types, channels and delivery methods.
import type { NotificationSetting, NotificationTemplate } from '@portico/validators/notifications';

export type NotificationType = NotificationSetting['type'];
export type DeliveryMethod = NotificationSetting['method'];
export type Channel = NotificationTemplate['channel'];

/** The five types in the order customers meet them (the validators' own order). */
export { notificationTypes as notificationTypeOrder } from '@portico/validators/common';

export const typeNames: Record<NotificationType, string> = {
  booking_invite: 'Booking invite',
  booking_confirmation: 'Booking confirmation',
  reminder_24h: 'Reminder 24 h before',
  technician_en_route: 'Technician on the way',
  task_completed: 'Work completed',
};

export const typeDescriptions: Record<NotificationType, string> = {
  booking_invite: 'Asks the customer to choose a time in the portal.',
  booking_confirmation: 'Confirms the booked date and window.',
  reminder_24h: 'Sent a day before the window starts.',
  technician_en_route: 'Sent when the technician sets off.',
  task_completed: 'Sent when the work is marked complete.',
};

export const methodNames: Record<DeliveryMethod, string> = {
  sms: 'SMS only',
  email: 'Email only',
  both: 'SMS and email',
};

export { channelLabels as channelNames } from '../../notifications/log-format';
