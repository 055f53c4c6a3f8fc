// Every customer-facing wording the portal shows that an organization may override (admins edit these in the
// desktop app), with its default. The portal reads the merged set from portalAccess.organization.
export const portalLabelDefaults = {
  'portal.title': 'Your appointments',
  'appointments.upcoming': 'Upcoming',
  'appointments.past': 'Past',
  'appointments.empty': 'You have no appointments with us yet.',
  'appointment.window': 'Arrival window',
  'appointment.technician': 'Technician',
  'appointment.address': 'Address',
  'appointment.serviceDetails': 'Service details',
  'appointment.pickWindow': 'Choose a time',
  'appointment.reschedule': 'Change the time',
  'appointment.cancel': 'Cancel appointment',
  'appointment.confirm': 'Confirm appointment',
  'appointment.addToCalendar': 'Add to calendar',
  'fields.title': 'Additional information',
  'signIn.title': 'Sign in to see your appointment',
  'signIn.continue': 'Continue',
  'office.call': 'Call us',
} as const;

export type PortalLabelId = keyof typeof portalLabelDefaults;
export type PortalLabels = Record<PortalLabelId, string>;

export const portalLabelIds = Object.keys(portalLabelDefaults) as PortalLabelId[];

/** The defaults with an organization's overrides applied (unknown keys and blank overrides ignored). */
export function mergePortalLabels(overrides: Record<string, string> | null | undefined): PortalLabels {
  const merged: PortalLabels = { ...portalLabelDefaults };
  if (!overrides) return merged;
  for (const id of portalLabelIds) {
    const value = overrides[id];
    if (typeof value === 'string' && value.trim() !== '') merged[id] = value.trim();
  }
  return merged;
}
