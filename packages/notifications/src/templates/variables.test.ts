import { describe, expect, it } from 'vitest';
import type { TemplateVariableName } from '../contracts';
import {
  buildTemplateVariables,
  exampleTemplateVariables,
  longSampleTemplateVariables,
  templateVariableNames,
} from './variables';

const site = {
  addressLine1: '1200 Oak Ave',
  addressLine2: 'Apt 4',
  city: 'Springfield',
  region: 'IL',
  postalCode: '62704',
};

describe('templateVariableNames', () => {
  it('lists the nine variables of TemplateVariables, each with a description and an example', () => {
    const all: Record<TemplateVariableName, true> = {
      'customer.name': true,
      'contact.name': true,
      'site.address': true,
      'appointment.date': true,
      'appointment.window': true,
      'technician.name': true,
      'portal.link': true,
      'office.phone': true,
      'organization.name': true,
    };
    expect(templateVariableNames.map((variable) => variable.name).sort()).toEqual(Object.keys(all).sort());
    for (const variable of templateVariableNames) {
      expect(variable.description.length).toBeGreaterThan(10);
      expect(variable.example).not.toBe('');
    }
  });

  it('has long samples of the promised sizes for the SMS budget', () => {
    expect(longSampleTemplateVariables['customer.name']).toHaveLength(40);
    expect(longSampleTemplateVariables['site.address']).toHaveLength(60);
    expect(longSampleTemplateVariables['portal.link']).toHaveLength(60);
    expect(exampleTemplateVariables['appointment.window']).toBe('8:00 AM – 12:00 PM');
  });
});

describe('buildTemplateVariables', () => {
  it('formats the date and window in the site time zone, not the server one', () => {
    const variables = buildTemplateVariables({
      customerName: 'Jordan Alvarez',
      contactName: 'Sam Alvarez',
      site,
      timeZone: 'America/Chicago',
      // 13:00Z = 8:00 AM in Chicago (CDT, UTC-5 since 2026-03-08); 17:00Z = 12:00 PM.
      appointment: {
        start: new Date('2026-03-10T13:00:00Z'),
        end: new Date('2026-03-10T17:00:00Z'),
        windowName: 'Morning',
      },
      technicianName: 'Chris Park',
      portalLink: 'https://portal.example.com/l/abc',
      officePhone: '(555) 010-2030',
      organizationName: 'Brightside Plumbing',
    });
    expect(variables).toEqual({
      'customer.name': 'Jordan Alvarez',
      'contact.name': 'Sam Alvarez',
      'site.address': '1200 Oak Ave, Apt 4, Springfield, IL 62704',
      'appointment.date': 'Tuesday, March 10',
      'appointment.window': '8:00 AM – 12:00 PM',
      'technician.name': 'Chris Park',
      'portal.link': 'https://portal.example.com/l/abc',
      'office.phone': '(555) 010-2030',
      'organization.name': 'Brightside Plumbing',
    });
  });

  it('uses the date of the site: a late evening in Los Angeles is the next day in UTC', () => {
    const variables = buildTemplateVariables({
      timeZone: 'America/Los_Angeles',
      appointment: { start: new Date('2026-11-01T02:30:00Z'), end: new Date('2026-11-01T05:00:00Z') },
      organizationName: 'Acme',
    });
    expect(variables['appointment.date']).toBe('Saturday, October 31');
    expect(variables['appointment.window']).toBe('7:30 PM – 10:00 PM');
  });

  it('follows daylight saving time across the change (window spanning the fall-back hour)', () => {
    const variables = buildTemplateVariables({
      timeZone: 'America/New_York',
      // 2026-11-01 05:00Z = 1:00 AM EDT; 07:00Z = 2:00 AM EST.
      appointment: { start: new Date('2026-11-01T05:00:00Z'), end: new Date('2026-11-01T07:00:00Z') },
    });
    expect(variables['appointment.date']).toBe('Sunday, November 1');
    expect(variables['appointment.window']).toBe('1:00 AM – 2:00 AM');
  });

  it('turns unknown parts into empty strings and omits missing address parts', () => {
    const variables = buildTemplateVariables({
      customerName: null,
      contactName: '  ',
      site: {
        addressLine1: '9 Elm St',
        addressLine2: null,
        city: 'Dover',
        region: null,
        postalCode: '19901',
      },
      timeZone: 'America/New_York',
      appointment: null,
      technicianName: null,
      portalLink: null,
      officePhone: null,
      organizationName: 'Acme',
    });
    expect(variables).toEqual({
      'customer.name': '',
      'contact.name': '',
      'site.address': '9 Elm St, Dover, 19901',
      'appointment.date': '',
      'appointment.window': '',
      'technician.name': '',
      'portal.link': '',
      'office.phone': '',
      'organization.name': 'Acme',
    });
  });

  it('shows only the window name when the time zone is not a real one, instead of a wrong time', () => {
    const variables = buildTemplateVariables({
      timeZone: 'Mars/Olympus_Mons',
      appointment: {
        start: new Date('2026-03-10T13:00:00Z'),
        end: new Date('2026-03-10T17:00:00Z'),
        windowName: 'Morning',
      },
    });
    expect(variables['appointment.date']).toBe('');
    expect(variables['appointment.window']).toBe('Morning');
  });

  it('collapses line breaks in values so they cannot split an SMS or a subject line', () => {
    const variables = buildTemplateVariables({
      customerName: 'Evil\r\nBcc: x@example.com',
      organizationName: 'Acme',
    });
    expect(variables['customer.name']).toBe('Evil Bcc: x@example.com');
  });
});
