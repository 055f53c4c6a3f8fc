import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import {
  findFirstMissingField,
  isFieldMissing,
  normalizeAnswer,
  type FieldDefinition,
  type FieldValue,
} from './field-rules';

const field = (overrides: Partial<FieldDefinition>): FieldDefinition => ({
  id: 'f',
  kind: 'text',
  label: 'Gate code',
  required: true,
  options: [],
  defaultValue: null,
  ...overrides,
});

const toggle = field({ kind: 'toggle', label: 'Adult home', defaultValue: false });
const dropdown = field({
  kind: 'dropdown',
  label: 'Parking',
  options: ['Driveway', 'Street'],
  defaultValue: null,
});
const text = field({ kind: 'text' });
const staticNote = field({ kind: 'static', label: 'Clear the area', required: true });

function refusal(run: () => unknown): { message: string; field: string | undefined } {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return { message: error.message, field: error.field };
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('isFieldMissing', () => {
  it.each<[string, FieldDefinition, FieldValue, boolean]>([
    ['toggle off by default', toggle, null, true],
    ['toggle answered off', toggle, false, true],
    ['toggle answered on', toggle, true, false],
    ['toggle on by default', { ...toggle, defaultValue: true }, null, false],
    ['dropdown with nothing', dropdown, null, true],
    ['dropdown with an option', dropdown, 'Street', false],
    ['dropdown with the default', { ...dropdown, defaultValue: 'Driveway' }, null, false],
    ['dropdown with a removed option', dropdown, 'Garage', true],
    ['text empty', text, null, true],
    ['text blank', text, '   ', true],
    ['text given', text, ' 1234 ', false],
    ['static, even when marked required', staticNote, null, false],
    ['optional text empty', { ...text, required: false }, null, false],
  ])('%s', (_name, definition, answer, missing) => {
    expect(isFieldMissing(definition, answer)).toBe(missing);
  });

  it('names the first missing field in page order', () => {
    expect(
      findFirstMissingField([
        { field: staticNote, answer: null },
        { field: toggle, answer: true },
        { field: text, answer: null },
        { field: dropdown, answer: null },
      ])?.label,
    ).toBe('Gate code');
    expect(findFirstMissingField([{ field: toggle, answer: true }])).toBeNull();
  });
});

describe('normalizeAnswer', () => {
  it('accepts each kind its own type, trims text and clears on null or blank', () => {
    expect(normalizeAnswer(toggle, true)).toBe(true);
    expect(normalizeAnswer(dropdown, 'Street')).toBe('Street');
    expect(normalizeAnswer(text, '  12 34 ')).toBe('12 34');
    expect(normalizeAnswer(text, '   ')).toBeNull();
    expect(normalizeAnswer(toggle, null)).toBeNull();
  });

  it('refuses wrong kinds with a message about the value', () => {
    expect(refusal(() => normalizeAnswer(toggle, 'yes'))).toEqual({
      message: 'Answer “Adult home” with yes or no.',
      field: 'value',
    });
    expect(refusal(() => normalizeAnswer(dropdown, 'Garage'))).toEqual({
      message: 'Pick one of the listed options.',
      field: 'value',
    });
    expect(refusal(() => normalizeAnswer(dropdown, true)).message).toBe('Pick one of the listed options.');
    expect(refusal(() => normalizeAnswer(text, false)).message).toBe('Answer “Gate code” with some text.');
    expect(refusal(() => normalizeAnswer(text, `${'x'.repeat(2001)}`)).message).toBe(
      'Keep the answer under 2000 characters.',
    );
    expect(refusal(() => normalizeAnswer(staticNote, 'hi')).message).toBe(
      '“Clear the area” is information only; it takes no answer.',
    );
    expect(refusal(() => normalizeAnswer(staticNote, null)).field).toBe('value');
  });
});
