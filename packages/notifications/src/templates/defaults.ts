// Owns the built-in templates every organization starts with, one per notification type and channel.
import type { Channel, NotificationType, Template } from '../contracts';

// SMS bodies use only GSM-7 characters (straight quotes, no dashes) so a segment holds 160/153 characters.
// Optional values (contact and technician name) sit where the renderer can close the gap when they are empty.
const smsBodies: Record<NotificationType, string> = {
  booking_invite:
    '{{organization.name}}: Hi {{contact.name}}, please choose a time for your visit at {{site.address}}: {{portal.link}}',
  booking_confirmation:
    '{{organization.name}}: Your visit at {{site.address}} is booked for {{appointment.date}}, {{appointment.window}}. Details or changes: {{portal.link}}',
  reminder_24h:
    '{{organization.name}}: Reminder: your visit is on {{appointment.date}}, {{appointment.window}} at {{site.address}}. Details: {{portal.link}}',
  technician_en_route:
    '{{organization.name}}: Your technician {{technician.name}} is on the way to {{site.address}}. Details: {{portal.link}}',
  task_completed:
    '{{organization.name}}: The work at {{site.address}} is complete. Thank you! Details: {{portal.link}}',
};

const signOff = 'Thank you,\n{{organization.name}}\n{{office.phone}}';

const emailTemplates: Record<NotificationType, { subject: string; body: string }> = {
  booking_invite: {
    subject: 'Choose a time for your visit from {{organization.name}}',
    body: [
      'Hi {{contact.name}},',
      '{{organization.name}} has a visit planned at {{site.address}}. Please choose the time that suits you best:',
      '{{portal.link}}',
      'The link opens your customer portal, where you can also see the details of the visit.',
      signOff,
    ].join('\n\n'),
  },
  booking_confirmation: {
    subject: 'Your visit is booked for {{appointment.date}}',
    body: [
      'Hi {{contact.name}},',
      'Your visit at {{site.address}} is booked for {{appointment.date}}, {{appointment.window}}.',
      'To see the details or choose another time, open your customer portal:\n{{portal.link}}',
      signOff,
    ].join('\n\n'),
  },
  reminder_24h: {
    subject: 'Reminder: your visit on {{appointment.date}}',
    body: [
      'Hi {{contact.name}},',
      'This is a reminder of your visit at {{site.address}} on {{appointment.date}}, {{appointment.window}}.',
      'To see the details or choose another time, open your customer portal:\n{{portal.link}}',
      signOff,
    ].join('\n\n'),
  },
  technician_en_route: {
    subject: 'Your technician is on the way',
    body: [
      'Hi {{contact.name}},',
      'Your technician {{technician.name}} is on the way to {{site.address}}.',
      'You can see the details of the visit in your customer portal:\n{{portal.link}}',
      signOff,
    ].join('\n\n'),
  },
  task_completed: {
    subject: 'Your visit is complete',
    body: [
      'Hi {{contact.name}},',
      'The work at {{site.address}} is complete. Thank you for choosing {{organization.name}}.',
      'You can see the details of the visit in your customer portal:\n{{portal.link}}',
      signOff,
    ].join('\n\n'),
  },
};

/** The built-in template for a type and channel (used whenever an organization has not saved its own). */
export function defaultTemplate(type: NotificationType, channel: Channel): Template {
  if (channel === 'sms') return { subject: null, body: smsBodies[type] };
  const template = emailTemplates[type];
  return { subject: template.subject, body: template.body };
}
