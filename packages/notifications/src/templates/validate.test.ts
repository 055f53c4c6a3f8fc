import { describe, expect, it } from 'vitest';
import { suggestVariableName, validateTemplate } from './validate';

const sms = (body: string, subject: string | null = null) =>
  validateTemplate({ type: 'booking_confirmation', channel: 'sms', subject, body });
const email = (subject: string | null, body: string) =>
  validateTemplate({ type: 'booking_confirmation', channel: 'email', subject, body });

describe('validateTemplate', () => {
  it('accepts a well-formed template', () => {
    expect(sms('{{organization.name}}: see you {{ appointment.date }} at {{appointment.window}}.')).toEqual(
      [],
    );
    expect(email('Booked: {{appointment.date}}', 'Hi {{contact.name}},\n\nSee {{portal.link}}')).toEqual([]);
  });

  it('names an unknown variable and suggests the closest known one', () => {
    expect(sms('Hi {{customer.nme}}')).toEqual([
      { field: 'body', message: 'Unknown variable {{customer.nme}}. Did you mean {{customer.name}}?' },
    ]);
    expect(sms('Hi {{ customerName }} and {{customer_name}}').map((problem) => problem.message)).toEqual([
      'Unknown variable {{customerName}}. Did you mean {{customer.name}}?',
      'Unknown variable {{customer_name}}. Did you mean {{customer.name}}?',
    ]);
    expect(sms('By {{technician}}')[0]?.message).toBe(
      'Unknown variable {{technician}}. Did you mean {{technician.name}}?',
    );
  });

  it('lists the known variables when nothing is close, and reports each unknown name once', () => {
    expect(sms('{{price}} {{price}}')).toEqual([
      {
        field: 'body',
        message:
          'Unknown variable {{price}}. Use one of {{customer.name}}, {{contact.name}}, {{site.address}}, ' +
          '{{appointment.date}}, {{appointment.window}}, {{technician.name}}, {{portal.link}}, ' +
          '{{office.phone}}, {{organization.name}}.',
      },
    ]);
  });

  it('refuses unbalanced and malformed braces', () => {
    expect(sms('Hi {{customer.name, bye')).toEqual([
      {
        field: 'body',
        message:
          'A "{{" is never closed (at "{{customer.name, bye"). Write variables as {{customer.name}}; braces cannot be used as text.',
      },
    ]);
    expect(sms('Hi customer.name}} there')).toEqual([
      {
        field: 'body',
        message:
          'A "}}" has no matching "{{" (at "Hi customer.name}}"). Write variables as {{customer.name}}; braces cannot be used as text.',
      },
    ]);
    expect(sms('Hi {{customer name}}')).toEqual([
      { field: 'body', message: '"{{customer name}}" is not a variable. Did you mean {{customer.name}}?' },
    ]);
    expect(sms('Total {{ 1 + 1 }}')[0]?.message).toMatch(
      /^"\{\{ 1 \+ 1 \}\}" is not a variable\. Use one of /,
    );
  });

  it('catches a variable written with single braces', () => {
    expect(sms('Hi {contact.name}, see you')).toEqual([
      { field: 'body', message: '"{contact.name}" needs double braces: write {{contact.name}}.' },
    ]);
    // Braces around something that is no variable are plain text.
    expect(sms('Codes like {ABC} are fine')).toEqual([]);
  });

  it('refuses an empty body', () => {
    expect(sms('   \n ')).toEqual([
      { field: 'body', message: 'The message is empty; write the text the customer should receive.' },
    ]);
  });

  it('requires a subject for email and refuses one for SMS', () => {
    expect(email(null, 'Hello')).toEqual([{ field: 'subject', message: 'An email needs a subject.' }]);
    expect(email('  ', 'Hello')).toEqual([{ field: 'subject', message: 'An email needs a subject.' }]);
    expect(sms('Hello', 'A subject')).toEqual([
      { field: 'subject', message: 'An SMS has no subject; leave the subject empty.' },
    ]);
    expect(sms('Hello', '')).toEqual([]);
  });

  it('checks the subject: one line, known variables, at most 200 characters', () => {
    expect(email('Line one\nLine two', 'Hello')).toEqual([
      { field: 'subject', message: 'The subject must be a single line.' },
    ]);
    expect(email('Visit {{apointment.date}}', 'Hello')).toEqual([
      {
        field: 'subject',
        message: 'Unknown variable {{apointment.date}}. Did you mean {{appointment.date}}?',
      },
    ]);
    expect(email('x'.repeat(200), 'Hello')).toEqual([]);
    expect(email('x'.repeat(201), 'Hello')).toEqual([
      { field: 'subject', message: 'The subject is 201 characters long; keep it within 200.' },
    ]);
  });

  it('caps the source length: 1,000 characters for SMS, 10,000 for email', () => {
    expect(sms('x'.repeat(1001))).toEqual([
      { field: 'body', message: 'The SMS text is 1,001 characters long; keep it within 1,000.' },
    ]);
    expect(email('Hi', 'x'.repeat(10_000))).toEqual([]);
    expect(email('Hi', 'x'.repeat(10_001))).toEqual([
      { field: 'body', message: 'The email text is 10,001 characters long; keep it within 10,000.' },
    ]);
  });

  it('refuses an SMS that renders past 3 segments with long sample values, naming count and encoding', () => {
    // 3 segments of GSM-7 hold 459 characters; the long customer name alone is 40.
    const fits = 'x'.repeat(419) + '{{customer.name}}';
    expect(sms(fits)).toEqual([]);
    expect(sms('x' + fits)).toEqual([
      {
        field: 'body',
        message:
          'This message needs 4 SMS segments (460 characters with long names and addresses); keep it within 3.',
      },
    ]);
    // A curly apostrophe makes it UCS-2: 3 segments hold 201 units.
    expect(sms('We’re coming. ' + 'x'.repeat(146) + ' {{customer.name}}')).toEqual([]);
    const curly = 'We’re coming. ' + 'x'.repeat(147) + ' {{customer.name}}';
    expect(sms(curly)).toEqual([
      {
        field: 'body',
        message: 'This message needs 4 SMS segments (UCS-2 because of “’”); keep it within 3.',
      },
    ]);
  });

  it('does not blame the en dash of our own window format for the SMS budget', () => {
    const body = '{{organization.name}}: {{appointment.window}} '.repeat(4);
    expect(sms(body)).toEqual([]);
  });

  it('requires {{portal.link}} in a booking invite, by SMS and by email', () => {
    const message = 'The invite must contain {{portal.link}}: it is how the customer opens the portal.';
    expect(
      validateTemplate({ type: 'booking_invite', channel: 'sms', subject: null, body: 'Pick a time!' }),
    ).toEqual([{ field: 'body', message }]);
    expect(
      validateTemplate({
        type: 'booking_invite',
        channel: 'email',
        subject: '{{portal.link}}',
        body: 'Pick a time',
      }),
    ).toEqual([{ field: 'body', message }]);
    expect(
      validateTemplate({
        type: 'booking_invite',
        channel: 'sms',
        subject: null,
        body: 'Pick: {{ portal.link }}',
      }),
    ).toEqual([]);
  });
});

describe('suggestVariableName', () => {
  it('suggests only when something is close', () => {
    expect(suggestVariableName('organisation.name')).toBe('organization.name');
    expect(suggestVariableName('Portal.Link')).toBe('portal.link');
    expect(suggestVariableName('phone')).toBe('office.phone');
    expect(suggestVariableName('name')).toBeNull();
    expect(suggestVariableName('price')).toBeNull();
  });
});
