// The rules of custom-field answers, without a database: which answer a kind accepts, and when a required
// field counts as missing (the Confirm button waits for those).
import { AppError } from '../errors';

export type FieldKind = 'toggle' | 'text' | 'static' | 'dropdown';
export type FieldValue = string | boolean | null;

export type FieldDefinition = {
  id: string;
  kind: FieldKind;
  label: string;
  required: boolean;
  options: readonly string[];
  defaultValue: FieldValue;
};

/** Longest free-text answer, in characters after trimming. */
export const maxTextAnswerLength = 2000;

/** The value that counts for a field: the saved answer, else the definition's default. */
export function effectiveValue(field: FieldDefinition, answer: FieldValue): FieldValue {
  return answer ?? field.defaultValue;
}

/** Static text is information only: it is never required, whatever its row says. */
export function isFieldRequired(field: Pick<FieldDefinition, 'kind' | 'required'>): boolean {
  return field.required && field.kind !== 'static';
}

/**
 * A required field is missing when its effective value does not satisfy it: a toggle must be on, a dropdown
 * must hold one of its options, a text must have something besides spaces.
 */
export function isFieldMissing(field: FieldDefinition, answer: FieldValue): boolean {
  if (!isFieldRequired(field)) return false;
  const value = effectiveValue(field, answer);
  switch (field.kind) {
    case 'toggle':
      return value !== true;
    case 'dropdown':
      return typeof value !== 'string' || !field.options.includes(value);
    case 'text':
      return typeof value !== 'string' || value.trim() === '';
    default:
      return false;
  }
}

/** The first required field that is missing, in the order given (the page's order). */
export function findFirstMissingField<F extends FieldDefinition>(
  fields: ReadonlyArray<{ field: F; answer: FieldValue }>,
): F | null {
  return fields.find(({ field, answer }) => isFieldMissing(field, answer))?.field ?? null;
}

/** “Gate code”, how messages quote a field's label. */
export function quoteLabel(label: string): string {
  return `“${label}”`;
}

/**
 * The answer to store for `value`, or BAD_REQUEST (field 'value') saying what the field accepts. null clears the
 * answer; text is trimmed and a blank text clears it too.
 */
export function normalizeAnswer(field: FieldDefinition, value: unknown): FieldValue {
  const refuse = (message: string) => new AppError('BAD_REQUEST', message, { field: 'value' });
  if (field.kind === 'static') {
    throw refuse(`${quoteLabel(field.label)} is information only; it takes no answer.`);
  }
  if (value === null) return null;
  switch (field.kind) {
    case 'toggle':
      if (typeof value !== 'boolean') throw refuse(`Answer ${quoteLabel(field.label)} with yes or no.`);
      return value;
    case 'dropdown':
      if (typeof value !== 'string' || !field.options.includes(value)) {
        throw refuse('Pick one of the listed options.');
      }
      return value;
    case 'text': {
      if (typeof value !== 'string') throw refuse(`Answer ${quoteLabel(field.label)} with some text.`);
      const text = value.trim();
      if (text.length > maxTextAnswerLength) {
        throw refuse(`Keep the answer under ${maxTextAnswerLength} characters.`);
      }
      return text === '' ? null : text;
    }
  }
}
