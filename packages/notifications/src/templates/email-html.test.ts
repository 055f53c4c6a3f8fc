import { describe, expect, it } from 'vitest';
import type { Branding } from '../contracts';
import { renderEmailHtml } from './email-html';

const branding: Branding = {
  organizationName: 'Brightside Plumbing',
  primaryColor: '#0B5394',
  accentColor: '#f59e0b',
  logoUrl: null,
};

describe('renderEmailHtml', () => {
  it('builds a complete table-layout document with the name on the primary color and a footer', () => {
    const html = renderEmailHtml({ subject: 'Booked', text: 'Hello.', branding });
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
    expect(html).toContain('<title>Booked</title>');
    expect(html).toContain('<table role="presentation"');
    expect(html).toContain(
      '<td style="background-color:#0b5394;padding:20px 24px;border-bottom:4px solid #f59e0b;"><span style="font-family:',
    );
    expect(html).toContain(';color:#ffffff;">Brightside Plumbing</span>');
    expect(html).toContain('color:#6e7781;">Brightside Plumbing</td>');
    expect(html).not.toContain('<img');
  });

  it('turns blank-line separated text into paragraphs and single line breaks into <br>', () => {
    const html = renderEmailHtml({ subject: 's', text: 'One\nstill one\n\n\nTwo', branding });
    expect(html).toContain(
      '<p style="margin:0 0 16px 0;">One<br>\nstill one</p>\n<p style="margin:0 0 16px 0;">Two</p>',
    );
  });

  it('links URLs without the sentence punctuation after them, and escapes the href', () => {
    const html = renderEmailHtml({
      subject: 's',
      text: 'Open https://portal.example.com/l/a?x=1&y="2" now, or https://portal.example.com/p.',
      branding,
    });
    expect(html).toContain(
      'Open <a href="https://portal.example.com/l/a?x=1&amp;y=" style="color:#0b5394;text-decoration:underline;word-break:break-all;">https://portal.example.com/l/a?x=1&amp;y=</a>&quot;2&quot; now, or ',
    );
    expect(html).toContain('>https://portal.example.com/p</a>.</p>');
    expect(html).not.toContain('y="2"');
  });

  it('does not link javascript: or other schemes', () => {
    const html = renderEmailHtml({ subject: 's', text: 'javascript:alert(1) data:text/html,x', branding });
    expect(html).not.toContain('<a ');
    expect(html).toContain('javascript:alert(1) data:text/html,x');
  });

  it('escapes everything that comes from templates and variables', () => {
    const hostile: Branding = {
      organizationName: '<b onmouseover="x">Org</b>',
      primaryColor: 'red;background:url(javascript:alert(1))',
      accentColor: '#12345g',
      logoUrl: null,
    };
    const html = renderEmailHtml({
      subject: '</title><script>alert(1)</script>',
      text: 'Hi <script>alert("x")</script> & \'friends\'',
      branding: hostile,
    });
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b ');
    expect(html).toContain('<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>');
    expect(html).toContain('Hi &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;friends&#39;');
    expect(html).toContain('&lt;b onmouseover=&quot;x&quot;&gt;Org&lt;/b&gt;');
    // Colors that are not exactly #rrggbb are not used at all.
    expect(html).not.toContain('javascript');
    expect(html).not.toContain('#12345g');
    expect(html).toContain('background-color:#1f6feb;padding:20px 24px;">');
  });

  it('shows the logo when there is an http(s) logo URL, with the name as alt text', () => {
    const html = renderEmailHtml({
      subject: 's',
      text: 't',
      branding: { ...branding, logoUrl: 'https://cdn.example.com/logo.png?a=1&b="2"' },
    });
    expect(html).toContain(
      '<img src="https://cdn.example.com/logo.png?a=1&amp;b=&quot;2&quot;" alt="Brightside Plumbing" height="40"',
    );
    const relative = renderEmailHtml({
      subject: 's',
      text: 't',
      branding: { ...branding, logoUrl: 'javascript:x' },
    });
    expect(relative).not.toContain('<img');
  });

  it('keeps header text readable on a light primary color and links on a readable color', () => {
    const html = renderEmailHtml({
      subject: 's',
      text: 'https://x.example.com',
      branding: { ...branding, primaryColor: '#ffe066' },
    });
    expect(html).toContain(';color:#111111;">Brightside Plumbing</span>');
    expect(html).toContain('style="color:#1a56db;');
  });
});
