// Owns the rules a template must meet before it is saved: known variables, well-formed braces, lengths and
// the SMS segment budget.
import type { Channel, NotificationType, TemplateProblem } from '../contracts';
import { parseTemplate, renderSmsText, type TemplateToken } from './render';
import { countSmsSegments, findNonGsmCharacters } from './sms-segments';
import { isTemplateVariableName, longSampleTemplateVariables, templateVariableNames } from './variables';

export const TEMPLATE_LIMITS = {
  smsBodyCharacters: 1000,
  emailBodyCharacters: 10_000,
  subjectCharacters: 200,
  /** With long sample values; beyond this a message costs too much and may arrive out of order. */
  smsSegments: 3,
} as const;

export type ValidateTemplateInput = {
  type: NotificationType;
  channel: Channel;
  subject: string | null | undefined;
  body: string;
};

const knownNames = templateVariableNames.map((variable) => variable.name);

function levenshtein(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** The known variable someone most likely meant, or null when nothing is close enough to suggest. */
export function suggestVariableName(name: string): string | null {
  const wanted = name
    .toLowerCase()
    .replace(/[{}]/g, '')
    .trim()
    .replace(/[\s_-]+/g, '.');
  if (wanted === '') return null;
  let best: { name: string; distance: number } | null = null;
  for (const known of knownNames) {
    const distance = levenshtein(wanted, known);
    if (!best || distance < best.distance) best = { name: known, distance };
  }
  if (best && best.distance <= Math.max(2, Math.floor(wanted.length / 4))) return best.name;
  // "{{technician}}", "{{phone}}", "{{link}}": one half of exactly one known name.
  const byPart = knownNames.filter((known) => known.split('.').includes(wanted));
  return byPart.length === 1 ? byPart[0]! : null;
}

function knownList(): string {
  return knownNames.map((name) => `{{${name}}}`).join(', ');
}

function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}

/** A short excerpt of the source around a position, for messages about braces. */
function excerpt(text: string, start: number): string {
  const line = text.slice(start).split('\n')[0] ?? '';
  return line.length > 30 ? `${line.slice(0, 30)}…` : line;
}

function showCharacter(char: string): string {
  const isInvisible = /^[\s\p{C}]$/u.test(char);
  const shown = isInvisible ? `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}` : char;
  return `“${shown}”`;
}

function syntaxProblems(
  field: TemplateProblem['field'],
  text: string,
  tokens: TemplateToken[],
): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  const reportedUnknown = new Set<string>();
  for (const token of tokens) {
    if (token.kind === 'variable') {
      if (isTemplateVariableName(token.name) || reportedUnknown.has(token.name)) continue;
      reportedUnknown.add(token.name);
      const suggestion = suggestVariableName(token.name);
      problems.push({
        field,
        message: suggestion
          ? `Unknown variable {{${token.name}}}. Did you mean {{${suggestion}}}?`
          : `Unknown variable {{${token.name}}}. Use one of ${knownList()}.`,
      });
      continue;
    }
    if (token.kind === 'text') {
      // "{customer.name}" is almost always a variable written with single braces; it would go out as written.
      for (const match of token.text.matchAll(/(?<!\{)\{\s*([\w.-]+)\s*\}(?!\})/g)) {
        const inner = match[1]!;
        const meant = isTemplateVariableName(inner) ? inner : suggestVariableName(inner);
        if (meant) {
          problems.push({
            field,
            message: `"${match[0]}" needs double braces: write {{${meant}}}.`,
          });
        }
      }
      continue;
    }
    if (token.kind === 'invalid') {
      if (token.problem === 'unclosed') {
        problems.push({
          field,
          message: `A "{{" is never closed (at "${excerpt(text, token.start)}"). Write variables as {{customer.name}}; braces cannot be used as text.`,
        });
      } else if (token.problem === 'unopened') {
        const before = text.slice(Math.max(0, token.start - 20), token.start + 2);
        problems.push({
          field,
          message: `A "}}" has no matching "{{" (at "${before}"). Write variables as {{customer.name}}; braces cannot be used as text.`,
        });
      } else {
        const suggestion = suggestVariableName(token.raw);
        problems.push({
          field,
          message: `"${token.raw}" is not a variable. ${
            suggestion ? `Did you mean {{${suggestion}}}?` : `Use one of ${knownList()}.`
          }`,
        });
      }
    }
  }
  return problems;
}

/** Everything wrong with a template, as messages an admin can act on; an empty list means it can be saved. */
export function validateTemplate(input: ValidateTemplateInput): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  const subject = input.subject ?? '';
  const body = input.body;

  if (input.channel === 'sms') {
    if (subject.trim() !== '') {
      problems.push({ field: 'subject', message: 'An SMS has no subject; leave the subject empty.' });
    }
  } else if (subject.trim() === '') {
    problems.push({ field: 'subject', message: 'An email needs a subject.' });
  } else {
    if (subject.length > TEMPLATE_LIMITS.subjectCharacters) {
      problems.push({
        field: 'subject',
        message: `The subject is ${formatCount(subject.length)} characters long; keep it within ${TEMPLATE_LIMITS.subjectCharacters}.`,
      });
    }
    if (/[\r\n]/.test(subject)) {
      problems.push({ field: 'subject', message: 'The subject must be a single line.' });
    }
    problems.push(...syntaxProblems('subject', subject, parseTemplate(subject)));
  }

  if (body.trim() === '') {
    problems.push({
      field: 'body',
      message: 'The message is empty; write the text the customer should receive.',
    });
    return problems;
  }

  const bodyLimit =
    input.channel === 'sms' ? TEMPLATE_LIMITS.smsBodyCharacters : TEMPLATE_LIMITS.emailBodyCharacters;
  if (body.length > bodyLimit) {
    problems.push({
      field: 'body',
      message: `The ${input.channel === 'sms' ? 'SMS text' : 'email text'} is ${formatCount(body.length)} characters long; keep it within ${formatCount(bodyLimit)}.`,
    });
  }

  const tokens = parseTemplate(body);
  const bodySyntax = syntaxProblems('body', body, tokens);
  problems.push(...bodySyntax);

  if (
    input.type === 'booking_invite' &&
    !tokens.some((token) => token.kind === 'variable' && token.name === 'portal.link')
  ) {
    problems.push({
      field: 'body',
      message: 'The invite must contain {{portal.link}}: it is how the customer opens the portal.',
    });
  }

  // The budget is only meaningful for a body that renders as it will be sent.
  if (input.channel === 'sms' && bodySyntax.length === 0 && body.length <= bodyLimit) {
    const rendered = renderSmsText(body, longSampleTemplateVariables);
    const count = countSmsSegments(rendered);
    if (count.segments > TEMPLATE_LIMITS.smsSegments) {
      const reason =
        count.encoding === 'UCS-2'
          ? `UCS-2 because of ${findNonGsmCharacters(rendered).slice(0, 5).map(showCharacter).join(', ')}`
          : `${formatCount(count.characters)} characters with long names and addresses`;
      problems.push({
        field: 'body',
        message: `This message needs ${count.segments} SMS segments (${reason}); keep it within ${TEMPLATE_LIMITS.smsSegments}.`,
      });
    }
  }

  return problems;
}
