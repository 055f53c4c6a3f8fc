// Plain words for the audit trail: entity types, actions, setting names, and how a changed value reads.
export const entityTypeNames: Record<string, string> = {
  organization: 'Organization settings',
  notification_setting: 'Notification setting',
  notification_template: 'Message template',
  custom_field: 'Custom field',
  staff_user: 'Staff user',
  appointment_window: 'Appointment window',
  technician: 'Technician',
  customer: 'Customer',
  site: 'Site',
  contact: 'Contact',
  portal_user: 'Portal user',
  task: 'Task',
};

const actionNames: Record<string, string> = {
  create: 'created',
  update: 'changed',
  update_settings: 'changed settings',
  archive: 'archived',
  retire: 'retired',
  restore: 'restored',
  reorder: 'reordered',
  invite: 'invited',
  accept_invite: 'accepted the invitation of',
  resend: 'invite sent again',
  resend_invite: 'invite sent again',
  set_role: 'role changed',
  set_status: 'status changed',
  disable: 'disabled',
  enable: 'enabled',
  reset: 'reset',
  assign: 'assigned',
  cancel: 'cancelled',
  confirm: 'confirmed',
  answer: 'answered',
  en_route: 'marked en route',
  upload_logo: 'logo uploaded',
  remove_logo: 'logo removed',
};

export function entityTypeName(entityType: string): string {
  return entityTypeNames[entityType] ?? humanize(entityType);
}

export function actionName(action: string): string {
  return actionNames[action] ?? humanize(action).toLowerCase();
}

/** `primaryColor` / `reschedule_cutoff_hours` → "Primary color" / "Reschedule cutoff hours". */
export function humanize(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_.]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export type AuditValue =
  | { kind: 'none' }
  | { kind: 'color'; hex: string }
  | { kind: 'boolean'; text: 'On' | 'Off' }
  | { kind: 'instant'; date: Date }
  | { kind: 'text'; text: string };

const HEX_COLOR = /^#[0-9a-f]{6}$/i;
const ENUM_WORD = /^[a-z]+(_[a-z]+)*$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** How one side of a change reads: nothing as "—", colors as a swatch, booleans as On/Off, instants in time. */
export function auditValueOf(value: unknown): AuditValue {
  if (value === null || value === undefined || value === '') return { kind: 'none' };
  if (typeof value === 'boolean') return { kind: 'boolean', text: value ? 'On' : 'Off' };
  if (value instanceof Date) return { kind: 'instant', date: value };
  if (typeof value === 'string') {
    if (HEX_COLOR.test(value)) return { kind: 'color', hex: value.toLowerCase() };
    if (ISO_INSTANT.test(value) && !Number.isNaN(Date.parse(value)))
      return { kind: 'instant', date: new Date(value) };
    // a stored enum word (`dispatcher`, `link_only`) reads as a word; anything else stays as written
    if (ENUM_WORD.test(value)) return { kind: 'text', text: humanize(value) };
    return { kind: 'text', text: value };
  }
  if (typeof value === 'number') return { kind: 'text', text: String(value) };
  if (Array.isArray(value)) {
    if (value.length === 0) return { kind: 'none' };
    return {
      kind: 'text',
      text: value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', '),
    };
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return { kind: 'none' };
    return {
      kind: 'text',
      text: entries.map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`).join('; '),
    };
  }
  return { kind: 'text', text: JSON.stringify(value) };
}

/** Text longer than this shows its start and a "Show all" button. */
export const TRUNCATE_AT = 80;
