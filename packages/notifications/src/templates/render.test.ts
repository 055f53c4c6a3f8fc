import { describe, expect, it } from 'vitest';
import type { Branding, TemplateVariables } from '../contracts';
import { parseTemplate, renderNotification, renderTemplate } from './render';
import { exampleTemplateVariables } from './variables';

const variables: TemplateVariables = {
  'customer.name': 'Jordan Alvarez',
  'contact.name': 'Sam Alvarez',
  'site.address': '1200 Oak Ave, Springfield, IL 62704',
  'appointment.date': 'Tuesday, March 10',
  'appointment.window': '8:00 AM – 12:00 PM',
  'technician.name': 'Chris Park',
  'portal.link': 'https://portal.example.com/l/abc123',
  'office.phone': '(555) 010-2030',
  'organization.name': 'Brightside Plumbing',
};

const branding: Branding = {
  organizationName: 'Brightside Plumbing',
  primaryColor: '#0b5394',
  accentColor: '#f59e0b',
  logoUrl: null,
};

const empty = (overrides: Partial<TemplateVariables>): TemplateVariables => ({
  ...exampleTemplateVariables,
  ...overrides,
});

describe('parseTemplate', () => {
  it('splits text and variables, allowing spaces inside the braces', () => {
    expect(parseTemplate('Hi {{ contact.name }}, see {{portal.link}}')).toEqual([
      { kind: 'text', text: 'Hi ', start: 0 },
      { kind: 'variable', name: 'contact.name', raw: '{{ contact.name }}', start: 3 },
      { kind: 'text', text: ', see ', start: 21 },
      { kind: 'variable', name: 'portal.link', raw: '{{portal.link}}', start: 27 },
    ]);
  });

  it('marks braces that make no variable', () => {
    expect(parseTemplate('a {{customer.name b')).toEqual([
      { kind: 'text', text: 'a ', start: 0 },
      { kind: 'invalid', problem: 'unclosed', raw: '{{', start: 2 },
      { kind: 'text', text: 'customer.name b', start: 4 },
    ]);
    expect(parseTemplate('x }} y')).toEqual([
      { kind: 'text', text: 'x ', start: 0 },
      { kind: 'invalid', problem: 'unopened', raw: '}}', start: 2 },
      { kind: 'text', text: ' y', start: 4 },
    ]);
    expect(parseTemplate('{{ 1 + 1 }}')).toEqual([
      { kind: 'invalid', problem: 'malformed', raw: '{{ 1 + 1 }}', start: 0 },
    ]);
    expect(parseTemplate('{{a {{portal.link}}').map((token) => token.kind)).toEqual([
      'invalid',
      'text',
      'variable',
    ]);
  });

  it('leaves single braces as text', () => {
    expect(parseTemplate('{ok}')).toEqual([{ kind: 'text', text: '{ok}', start: 0 }]);
  });
});

describe('renderTemplate', () => {
  it('replaces every variable with its value', () => {
    expect(
      renderTemplate(
        '{{organization.name}}: {{ technician.name }} is on the way to {{site.address}}.',
        variables,
      ),
    ).toBe('Brightside Plumbing: Chris Park is on the way to 1200 Oak Ave, Springfield, IL 62704.');
  });

  it('never evaluates or re-parses values: a value with braces stays literal', () => {
    const text = renderTemplate('Hi {{customer.name}}', {
      ...variables,
      'customer.name': '{{portal.link}} ${1+1}',
    });
    expect(text).toBe('Hi {{portal.link}} ${1+1}');
  });

  it('renders unknown variables as nothing and malformed braces as written', () => {
    expect(renderTemplate('A{{nope}}B {{ 1 + 1 }}', variables)).toBe('AB {{ 1 + 1 }}');
  });

  it('closes the gap an empty value leaves', () => {
    const vars = empty({ 'contact.name': '', 'technician.name': '' });
    expect(renderTemplate('Hi {{contact.name}}, your visit is booked.', vars)).toBe(
      'Hi, your visit is booked.',
    );
    expect(renderTemplate('Thanks, {{contact.name}}!', vars)).toBe('Thanks!');
    expect(renderTemplate('Your technician {{technician.name}} is on the way.', vars)).toBe(
      'Your technician is on the way.',
    );
    expect(renderTemplate('{{technician.name}} is here', vars)).toBe('is here');
  });

  it('drops a line that held only variables that came out empty, and extra blank lines', () => {
    const vars = empty({ 'office.phone': '' });
    expect(renderTemplate('Thank you,\n{{organization.name}}\n{{office.phone}}', vars)).toBe(
      'Thank you,\nBrightside Plumbing',
    );
    expect(renderTemplate('One.\n\n{{office.phone}}\n\nTwo.', vars)).toBe('One.\n\nTwo.');
    expect(renderTemplate('Call:\r\n{{office.phone}}  \r\nBye', empty({}))).toBe(
      'Call:\n(555) 010-2030\nBye',
    );
  });
});

describe('renderNotification', () => {
  it('renders the default SMS with GSM-7 friendly values and counts its segments', () => {
    const message = renderNotification({
      type: 'booking_confirmation',
      channel: 'sms',
      template: null,
      variables,
      branding,
    });
    expect(message).toEqual({
      channel: 'sms',
      subject: null,
      text:
        'Brightside Plumbing: Your visit at 1200 Oak Ave, Springfield, IL 62704 is booked for Tuesday, March 10, ' +
        '8:00 AM - 12:00 PM. Details or changes: https://portal.example.com/l/abc123',
      html: null,
      segments: 2,
    });
  });

  it('renders an organization SMS template as written, counting UCS-2 when the admin used a curly quote', () => {
    const message = renderNotification({
      type: 'technician_en_route',
      channel: 'sms',
      template: { subject: null, body: '{{technician.name}}’s on the way!' },
      variables,
      branding,
    });
    expect(message.text).toBe('Chris Park’s on the way!');
    expect(message.segments).toBe(1);
  });

  it('renders the default email: subject, plain text and branded HTML', () => {
    const message = renderNotification({
      type: 'reminder_24h',
      channel: 'email',
      template: null,
      variables,
      branding,
    });
    expect(message.channel).toBe('email');
    expect(message.subject).toBe('Reminder: your visit on Tuesday, March 10');
    expect(message.text).toBe(
      [
        'Hi Sam Alvarez,',
        'This is a reminder of your visit at 1200 Oak Ave, Springfield, IL 62704 on Tuesday, March 10, 8:00 AM – 12:00 PM.',
        'To see the details or choose another time, open your customer portal:\nhttps://portal.example.com/l/abc123',
        'Thank you,\nBrightside Plumbing\n(555) 010-2030',
      ].join('\n\n'),
    );
    expect(message.segments).toBeNull();
    expect(message.html).toContain('<title>Reminder: your visit on Tuesday, March 10</title>');
    expect(message.html).toContain(
      '<a href="https://portal.example.com/l/abc123" style="color:#0b5394;text-decoration:underline;word-break:break-all;">https://portal.example.com/l/abc123</a>',
    );
  });

  it('uses the organization template and keeps a hostile value out of the subject header and the HTML', () => {
    const message = renderNotification({
      type: 'task_completed',
      channel: 'email',
      template: { subject: 'Done for {{customer.name}}', body: 'Hello {{customer.name}}.' },
      variables: { ...variables, 'customer.name': '<script>alert(1)</script>\nBcc: x@example.com' },
      branding,
    });
    expect(message.subject).toBe('Done for <script>alert(1)</script> Bcc: x@example.com');
    expect(message.text).toBe('Hello <script>alert(1)</script>\nBcc: x@example.com.');
    expect(message.html).not.toContain('<script>');
    expect(message.html).toContain('Hello &lt;script&gt;alert(1)&lt;/script&gt;<br>');
    expect(message.html).toContain(
      '<title>Done for &lt;script&gt;alert(1)&lt;/script&gt; Bcc: x@example.com</title>',
    );
  });

  it('falls back to the default subject when an email template has none', () => {
    const message = renderNotification({
      type: 'technician_en_route',
      channel: 'email',
      template: { subject: null, body: 'On the way: {{technician.name}}' },
      variables,
      branding,
    });
    expect(message.subject).toBe('Your technician is on the way');
    expect(message.text).toBe('On the way: Chris Park');
  });
});
