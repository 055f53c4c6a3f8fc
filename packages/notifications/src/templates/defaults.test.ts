import { describe, expect, it } from 'vitest';
import type { Channel, NotificationType, TemplateVariables } from '../contracts';
import { defaultTemplate } from './defaults';
import { parseTemplate, renderNotification } from './render';
import { countSmsSegments } from './sms-segments';
import { validateTemplate } from './validate';
import { exampleTemplateVariables } from './variables';

const types: NotificationType[] = [
  'booking_invite',
  'booking_confirmation',
  'reminder_24h',
  'technician_en_route',
  'task_completed',
];
const channels: Channel[] = ['sms', 'email'];
const branding = {
  organizationName: 'Brightside Plumbing',
  primaryColor: '#1f6feb',
  accentColor: '#f59e0b',
  logoUrl: null,
};

const variableNames = (text: string | null) =>
  parseTemplate(text ?? '').flatMap((token) => (token.kind === 'variable' ? [token.name] : []));

describe('defaultTemplate', () => {
  for (const type of types) {
    for (const channel of channels) {
      it(`${type} by ${channel} passes validation`, () => {
        const template = defaultTemplate(type, channel);
        expect(validateTemplate({ type, channel, ...template })).toEqual([]);
        expect(template.subject === null).toBe(channel === 'sms');
      });
    }

    it(`${type} by SMS is GSM-7 and fits in 2 segments with typical values`, () => {
      const message = renderNotification({
        type,
        channel: 'sms',
        template: null,
        variables: exampleTemplateVariables,
        branding,
      });
      expect(countSmsSegments(message.text).encoding).toBe('GSM-7');
      expect(message.segments).toBeGreaterThanOrEqual(1);
      expect(message.segments).toBeLessThanOrEqual(2);
      expect(message.text).not.toContain('{{');
    });

    it(`${type} names the organization and links the portal in both channels`, () => {
      for (const channel of channels) {
        const names = variableNames(defaultTemplate(type, channel).body);
        expect(names).toContain('organization.name');
        expect(names).toContain('portal.link');
      }
    });
  }

  it('mentions the date and window in the reminder and the confirmation', () => {
    for (const type of ['reminder_24h', 'booking_confirmation'] as const) {
      for (const channel of channels) {
        expect(variableNames(defaultTemplate(type, channel).body)).toEqual(
          expect.arrayContaining(['appointment.date', 'appointment.window']),
        );
      }
    }
  });

  it('names the technician when en route', () => {
    for (const channel of channels) {
      expect(variableNames(defaultTemplate('technician_en_route', channel).body)).toContain(
        'technician.name',
      );
    }
  });

  it('renders exactly this invite SMS for a sample', () => {
    const message = renderNotification({
      type: 'booking_invite',
      channel: 'sms',
      template: null,
      variables: exampleTemplateVariables,
      branding,
    });
    expect(message.text).toBe(
      'Brightside Plumbing: Hi Sam Alvarez, please choose a time for your visit at 1200 Oak Ave, Apt 4, ' +
        'Springfield, IL 62704: https://portal.example.com/l/k3j5n2q7w4x6z7m2p4r6t3v2y4b6d5f2',
    );
    expect(message.segments).toBe(2);
  });

  it('reads well when the optional values are unknown', () => {
    const variables: TemplateVariables = {
      ...exampleTemplateVariables,
      'contact.name': '',
      'technician.name': '',
      'office.phone': '',
    };
    const render = (type: NotificationType, channel: Channel) =>
      renderNotification({ type, channel, template: null, variables, branding }).text;

    expect(render('booking_invite', 'sms')).toMatch(/^Brightside Plumbing: Hi, please choose a time/);
    expect(render('technician_en_route', 'sms')).toMatch(/: Your technician is on the way to 1200 Oak Ave/);
    expect(render('technician_en_route', 'email')).toBe(
      [
        'Hi,',
        'Your technician is on the way to 1200 Oak Ave, Apt 4, Springfield, IL 62704.',
        'You can see the details of the visit in your customer portal:\n' +
          'https://portal.example.com/l/k3j5n2q7w4x6z7m2p4r6t3v2y4b6d5f2',
        'Thank you,\nBrightside Plumbing',
      ].join('\n\n'),
    );
  });
});
