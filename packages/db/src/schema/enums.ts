// Every PostgreSQL enum of the domain, in one place so validators can mirror them.
import { pgEnum } from 'drizzle-orm/pg-core';

export const staffRole = pgEnum('staff_role', ['admin', 'dispatcher']);
/** invited: added by an admin, has not set a password yet (cannot sign in). */
export const userStatus = pgEnum('user_status', ['invited', 'active', 'disabled']);
export const portalRole = pgEnum('portal_role', ['contact', 'account_admin']);
export const portalUserStatus = pgEnum('portal_user_status', ['invited', 'active', 'disabled']);
export const loginMode = pgEnum('login_mode', ['otp', 'link']);
export const cancelPolicy = pgEnum('cancel_policy', ['portal', 'call']);
export const channel = pgEnum('channel', ['sms', 'email']);
export const deliveryMethod = pgEnum('delivery_method', ['sms', 'email', 'both']);
export const customerKind = pgEnum('customer_kind', ['person', 'company']);
export const taskStatus = pgEnum('task_status', [
  'unscheduled',
  'scheduled',
  'confirmed',
  'en_route',
  'in_progress',
  'completed',
  'cancelled',
  'failed',
]);
export const schedulingMode = pgEnum('scheduling_mode', ['prebooked', 'customer_selects']);
export const confirmationState = pgEnum('confirmation_state', ['not_required', 'pending', 'confirmed']);
export const customFieldKind = pgEnum('custom_field_kind', ['toggle', 'text', 'static', 'dropdown']);
export const notificationType = pgEnum('notification_type', [
  'booking_invite',
  'booking_confirmation',
  'reminder_24h',
  'technician_en_route',
  'task_completed',
]);
export const notificationStatus = pgEnum('notification_status', ['queued', 'sent', 'failed', 'skipped']);
export const actorType = pgEnum('actor_type', ['staff', 'portal', 'system']);
export const sessionSubject = pgEnum('session_subject', ['staff', 'portal']);
export const linkPurpose = pgEnum('link_purpose', ['invite', 'login']);
