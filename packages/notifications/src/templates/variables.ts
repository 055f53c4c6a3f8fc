// Owns the template variables: their names and descriptions, and building their values from task data.
import { tz } from '@date-fns/tz';
import { format } from 'date-fns';
import type { TemplateVariableName, TemplateVariables } from '../contracts';

export type TemplateVariableInfo = {
  name: TemplateVariableName;
  description: string;
  example: string;
};

/** Every variable a template may use, in the order a variable picker shows them. */
export const templateVariableNames = [
  {
    name: 'customer.name',
    description: 'The customer (person or company) the visit is for.',
    example: 'Jordan Alvarez',
  },
  {
    name: 'contact.name',
    description: 'The contact person who receives this message.',
    example: 'Sam Alvarez',
  },
  {
    name: 'site.address',
    description: 'The address of the site the visit is at.',
    example: '1200 Oak Ave, Apt 4, Springfield, IL 62704',
  },
  {
    name: 'appointment.date',
    description: 'The day of the visit, in the site’s time zone.',
    example: 'Tuesday, March 10',
  },
  {
    name: 'appointment.window',
    description: 'The arrival window of the visit, in the site’s time zone.',
    example: '8:00 AM – 12:00 PM',
  },
  { name: 'technician.name', description: 'The technician assigned to the visit.', example: 'Chris Park' },
  {
    name: 'portal.link',
    description: 'The link that opens the customer portal for this visit.',
    example: 'https://portal.example.com/l/k3j5n2q7w4x6z7m2p4r6t3v2y4b6d5f2',
  },
  { name: 'office.phone', description: 'Your office phone number.', example: '(555) 010-2030' },
  { name: 'organization.name', description: 'Your organization’s name.', example: 'Brightside Plumbing' },
] as const satisfies readonly TemplateVariableInfo[];

const knownNames: ReadonlySet<string> = new Set(templateVariableNames.map((variable) => variable.name));

export function isTemplateVariableName(name: string): name is TemplateVariableName {
  return knownNames.has(name);
}

/** Typical values: for previews without a task and for checking that defaults stay short. */
export const exampleTemplateVariables = Object.fromEntries(
  templateVariableNames.map((variable) => [variable.name, variable.example]),
) as TemplateVariables;

/**
 * Long but realistic values (40-character names, 60-character address and link): an SMS template must
 * stay within its segment budget even for these.
 */
export const longSampleTemplateVariables: TemplateVariables = {
  'customer.name': 'Northgate Veterinary and Pet Care Clinic',
  'contact.name': 'Alexandra Montgomery-Worthington',
  'site.address': '12850 Riverside Industrial Pkwy, Unit 214B, Fort Collins, CO',
  'appointment.date': 'Wednesday, September 30',
  'appointment.window': '10:00 AM – 12:00 PM',
  'technician.name': 'Christopher Vanderberg-Castillo',
  'portal.link': 'https://portal.bright.com/l/k3j5n2q7w4x6z7m2p4r6t3v2y4b6d5f2',
  'office.phone': '+1 (555) 010-2030 ext. 104',
  'organization.name': 'Brightside Plumbing, Heating & Cooling',
};

type Text = string | null | undefined;

export type BuildTemplateVariablesInput = {
  customerName?: Text;
  contactName?: Text;
  site?: {
    addressLine1?: Text;
    addressLine2?: Text;
    city?: Text;
    region?: Text;
    postalCode?: Text;
  } | null;
  /** IANA zone of the site; the date and window are shown in it. */
  timeZone?: Text;
  appointment?: { start: Date; end: Date; windowName?: Text } | null;
  technicianName?: Text;
  portalLink?: Text;
  officePhone?: Text;
  organizationName?: Text;
};

// A value sits inside a sentence (and an SMS or a subject line), so line breaks and runs of spaces go.
function clean(value: Text): string {
  return (value ?? '').replace(/\s+/g, ' ').trim();
}

function formatAddress(site: BuildTemplateVariablesInput['site']): string {
  if (!site) return '';
  const regionAndPostal = [clean(site.region), clean(site.postalCode)].filter(Boolean).join(' ');
  return [clean(site.addressLine1), clean(site.addressLine2), clean(site.city), regionAndPostal]
    .filter(Boolean)
    .join(', ');
}

// Building an Intl.DateTimeFormat per call was about a tenth of a busy worker's CPU; zones are few.
const timeZoneValidity = new Map<string, boolean>();

function isValidTimeZone(timeZone: string): boolean {
  if (!timeZone) return false;
  let isValid = timeZoneValidity.get(timeZone);
  if (isValid === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone });
      isValid = true;
    } catch {
      isValid = false;
    }
    if (timeZoneValidity.size < 1000) timeZoneValidity.set(timeZone, isValid);
  }
  return isValid;
}

function isValidDate(date: unknown): date is Date {
  return date instanceof Date && !Number.isNaN(date.getTime());
}

function formatAppointment(
  appointment: BuildTemplateVariablesInput['appointment'],
  timeZone: string,
): { date: string; window: string } {
  if (!appointment) return { date: '', window: '' };
  const windowName = clean(appointment.windowName);
  // Without a valid zone or instant we cannot say when the visit is; the window's name is all we can show.
  if (!isValidTimeZone(timeZone) || !isValidDate(appointment.start) || !isValidDate(appointment.end)) {
    return { date: '', window: windowName };
  }
  // date-fns, not Intl: ICU puts a narrow no-break space before AM/PM, which would force SMS into UCS-2.
  const zone = tz(timeZone);
  const date = format(appointment.start, 'EEEE, MMMM d', { in: zone });
  const window = `${format(appointment.start, 'h:mm a', { in: zone })} – ${format(appointment.end, 'h:mm a', { in: zone })}`;
  return { date, window };
}

/** The values for every variable, from plain task data; anything unknown becomes ''. */
export function buildTemplateVariables(input: BuildTemplateVariablesInput): TemplateVariables {
  const { date, window } = formatAppointment(input.appointment, clean(input.timeZone));
  return {
    'customer.name': clean(input.customerName),
    'contact.name': clean(input.contactName),
    'site.address': formatAddress(input.site),
    'appointment.date': date,
    'appointment.window': window,
    'technician.name': clean(input.technicianName),
    'portal.link': clean(input.portalLink),
    'office.phone': clean(input.officePhone),
    'organization.name': clean(input.organizationName),
  };
}
