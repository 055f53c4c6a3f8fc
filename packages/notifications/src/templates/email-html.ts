// Owns the branded HTML part of notification emails: a table layout with inline styles that email clients keep.
import type { Branding } from '../contracts';

const HEX_COLOR = /^#[0-9a-f]{6}$/i;
const DEFAULT_PRIMARY = '#1f6feb';
const DEFAULT_LINK = '#1a56db';
const FONT = "-apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A branding color, only when it is exactly #rrggbb: anything else could break out of a style attribute. */
function safeColor(value: string | null | undefined): string | null {
  return value && HEX_COLOR.test(value) ? value.toLowerCase() : null;
}

function relativeLuminance(hex: string): number {
  const channel = (offset: number) => {
    const value = parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

function contrastWithWhite(hex: string): number {
  return 1.05 / (relativeLuminance(hex) + 0.05);
}

// Trailing punctuation usually ends the sentence, not the URL ("open https://x.example/p.").
const URL_PATTERN = /\bhttps?:\/\/[^\s<>"'`]+/gi;
const TRAILING_PUNCTUATION = /[.,;:!?)\]}]+$/;

/** Escapes a paragraph and turns its http(s) URLs into links; the href is escaped like any other text. */
function paragraphHtml(paragraph: string, linkColor: string): string {
  let html = '';
  let last = 0;
  for (const match of paragraph.matchAll(URL_PATTERN)) {
    const url = match[0].replace(TRAILING_PUNCTUATION, '');
    if (url.length <= 'https://'.length) continue;
    const start = match.index;
    html += escapeHtml(paragraph.slice(last, start));
    html += `<a href="${escapeHtml(url)}" style="color:${linkColor};text-decoration:underline;word-break:break-all;">${escapeHtml(url)}</a>`;
    last = start + url.length;
  }
  html += escapeHtml(paragraph.slice(last));
  return html.replace(/\n/g, '<br>\n');
}

export type RenderEmailHtmlInput = { subject: string; text: string; branding: Branding };

/** A complete HTML document for the email: branded header, the text as paragraphs, a footer. */
export function renderEmailHtml({ subject, text, branding }: RenderEmailHtmlInput): string {
  const organizationName = branding.organizationName.trim();
  const primary = safeColor(branding.primaryColor) ?? DEFAULT_PRIMARY;
  const accent = safeColor(branding.accentColor);
  const headerText = contrastWithWhite(primary) >= 3 ? '#ffffff' : '#111111';
  const linkColor = contrastWithWhite(primary) >= 4.5 ? primary : DEFAULT_LINK;
  const logoUrl = branding.logoUrl && /^https?:\/\//i.test(branding.logoUrl) ? branding.logoUrl : null;

  const header = logoUrl
    ? `<img src="${escapeHtml(logoUrl)}" alt="${escapeHtml(organizationName)}" height="40" style="display:block;height:40px;max-height:40px;width:auto;border:0;outline:none;text-decoration:none;">`
    : `<span style="font-family:${FONT};font-size:20px;font-weight:bold;color:${headerText};">${escapeHtml(organizationName)}</span>`;
  const headerBorder = accent ? `border-bottom:4px solid ${accent};` : '';

  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== '')
    .map((paragraph) => `<p style="margin:0 0 16px 0;">${paragraphHtml(paragraph, linkColor)}</p>`)
    .join('\n');

  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(subject)}</title>
</head>
<body style="margin:0;padding:0;background-color:#f4f5f7;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:#f4f5f7;">
<tr>
<td align="center" style="padding:24px 12px;">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:600px;background-color:#ffffff;">
<tr>
<td style="background-color:${primary};padding:20px 24px;${headerBorder}">${header}</td>
</tr>
<tr>
<td style="padding:24px;font-family:${FONT};font-size:16px;line-height:24px;color:#1f2328;">
${paragraphs}
</td>
</tr>
<tr>
<td style="padding:16px 24px;border-top:1px solid #e5e7eb;font-family:${FONT};font-size:12px;line-height:18px;color:#6e7781;">${escapeHtml(organizationName)}</td>
</tr>
</table>
</td>
</tr>
</table>
</body>
</html>
`;
}
