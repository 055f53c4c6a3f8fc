// Owns turning template text into messages: tokenizing {{variables}}, substituting values, and rendering a
// notification for its channel (SMS text and segments, or email subject, text and branded HTML).
import type {
  Branding,
  Channel,
  NotificationType,
  RenderedMessage,
  Template,
  TemplateVariables,
} from '../contracts';
import { defaultTemplate } from './defaults';
import { renderEmailHtml } from './email-html';
import { countSmsSegments, toSmsFriendlyText } from './sms-segments';
import { isTemplateVariableName } from './variables';

export type TemplateToken =
  | { kind: 'text'; text: string; start: number }
  /** `name` is trimmed and may still be unknown; validateTemplate reports unknown names. */
  | { kind: 'variable'; name: string; raw: string; start: number }
  /**
   * Braces that do not make a variable: a "{{" never closed, a "}}" never opened, or "{{...}}" whose inside
   * is not a name. Rendered literally; validateTemplate refuses them.
   */
  | { kind: 'invalid'; problem: 'unclosed' | 'unopened' | 'malformed'; raw: string; start: number };

const VARIABLE_NAME = /^[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)*$/;

/** Splits template text into literal text, {{ variable }} references and braces that make no variable. */
export function parseTemplate(text: string): TemplateToken[] {
  const tokens: TemplateToken[] = [];
  let literalStart = 0;
  let i = 0;
  const flushText = (end: number) => {
    if (end > literalStart)
      tokens.push({ kind: 'text', text: text.slice(literalStart, end), start: literalStart });
  };

  while (i < text.length) {
    const open = text.indexOf('{{', i);
    const close = text.indexOf('}}', i);
    if (open === -1 && close === -1) break;

    if (close !== -1 && (open === -1 || close < open)) {
      flushText(close);
      tokens.push({ kind: 'invalid', problem: 'unopened', raw: '}}', start: close });
      i = literalStart = close + 2;
      continue;
    }

    const end = text.indexOf('}}', open + 2);
    const nextOpen = text.indexOf('{{', open + 2);
    flushText(open);
    if (end === -1 || (nextOpen !== -1 && nextOpen < end)) {
      tokens.push({ kind: 'invalid', problem: 'unclosed', raw: '{{', start: open });
      i = literalStart = open + 2;
      continue;
    }
    const raw = text.slice(open, end + 2);
    const name = text.slice(open + 2, end).trim();
    tokens.push(
      VARIABLE_NAME.test(name)
        ? { kind: 'variable', name, raw, start: open }
        : { kind: 'invalid', problem: 'malformed', raw, start: open },
    );
    i = literalStart = end + 2;
  }
  flushText(text.length);
  return tokens;
}

type Piece = { text: string; isValue: boolean };

const PUNCTUATION_AFTER_EMPTY = /^[.,!?;:)]/;
const SENTENCE_END = /^[.!?;:]/;

/**
 * Assembles one line, smoothing around empty values so "Hi {{contact.name}}, ..." reads "Hi, ..." and
 * "Thanks, {{contact.name}}!" reads "Thanks!" when the name is unknown.
 */
function assembleLine(pieces: Piece[]): string | null {
  const values = pieces.filter((piece) => piece.isValue);
  const isOnlyEmptyValues =
    values.length > 0 &&
    values.every((piece) => piece.text === '') &&
    pieces.every((piece) => piece.isValue || piece.text.trim() === '');
  // A line made only of variables that all came out empty (e.g. "{{office.phone}}") would be a stray blank.
  if (isOnlyEmptyValues) return null;

  let out = '';
  let skipLeadingSpace = false;
  pieces.forEach((piece, index) => {
    let text = piece.text;
    if (skipLeadingSpace && !piece.isValue) {
      text = text.replace(/^[ \t]+/, '');
      if (text !== '') skipLeadingSpace = false;
    }
    if (!(piece.isValue && piece.text === '')) {
      out += text;
      return;
    }
    const rest = pieces
      .slice(index + 1)
      .map((next) => next.text)
      .join('');
    const isAtLineStart = out.trim() === '';
    if (rest === '' || /^\s/.test(rest) || PUNCTUATION_AFTER_EMPTY.test(rest)) {
      out = out.replace(/[ \t]+$/, '');
      if (rest === '' || SENTENCE_END.test(rest)) out = out.replace(/,$/, '');
    }
    if (isAtLineStart) skipLeadingSpace = true;
  });
  return out.replace(/[ \t]+$/, '');
}

/**
 * Replaces each {{ name }} with its value. Values are inserted as plain text and never parsed again, so a value
 * containing "{{" stays literal. Unknown names render empty (validation refuses them before they are saved);
 * braces that make no variable stay as written.
 */
export function renderTemplate(text: string, variables: TemplateVariables): string {
  const lines: Piece[][] = [[]];
  for (const token of parseTemplate(text.replace(/\r\n?/g, '\n'))) {
    if (token.kind === 'variable') {
      const value = isTemplateVariableName(token.name) ? variables[token.name] : '';
      lines[lines.length - 1]!.push({ text: value ?? '', isValue: true });
      continue;
    }
    const literal = token.kind === 'text' ? token.text : token.raw;
    literal.split('\n').forEach((part, index) => {
      if (index > 0) lines.push([]);
      if (part !== '') lines[lines.length - 1]!.push({ text: part, isValue: false });
    });
  }
  return lines
    .map(assembleLine)
    .filter((line): line is string => line !== null)
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function smsFriendlyVariables(variables: TemplateVariables): TemplateVariables {
  return Object.fromEntries(
    Object.entries(variables).map(([name, value]) => [name, toSmsFriendlyText(value)]),
  ) as TemplateVariables;
}

/**
 * Renders the SMS text for a body. Values pass through toSmsFriendlyText (our "8:00 AM – 12:00 PM" would
 * otherwise force UCS-2 and halve each segment); the admin's own wording is sent as written.
 */
export function renderSmsText(body: string, variables: TemplateVariables): string {
  return renderTemplate(body, smsFriendlyVariables(variables));
}

export type RenderNotificationInput = {
  type: NotificationType;
  channel: Channel;
  /** The organization's template, or null for the built-in default. */
  template: Template | null;
  variables: TemplateVariables;
  branding: Branding;
};

/** Renders one notification for its channel, ready to hand to a provider and to record in the log. */
export function renderNotification(input: RenderNotificationInput): RenderedMessage {
  const fallback = defaultTemplate(input.type, input.channel);
  const body = input.template?.body.trim() ? input.template.body : fallback.body;

  if (input.channel === 'sms') {
    const text = renderSmsText(body, input.variables);
    return { channel: 'sms', subject: null, text, html: null, segments: countSmsSegments(text).segments };
  }

  const subjectSource = input.template?.subject?.trim() ? input.template.subject : (fallback.subject ?? '');
  // A subject is one header line: a value with a line break must not start a new header or a body.
  const subject = renderTemplate(subjectSource, input.variables).replace(/\s+/g, ' ').trim();
  const text = renderTemplate(body, input.variables);
  return {
    channel: 'email',
    subject,
    text,
    html: renderEmailHtml({ subject, text, branding: input.branding }),
    segments: null,
  };
}
