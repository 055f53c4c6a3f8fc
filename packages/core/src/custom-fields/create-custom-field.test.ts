import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { checkCustomField, type CustomFieldInput } from './create-custom-field';

function refusal(input: CustomFieldInput): { field: string | undefined; message: string } {
  try {
    checkCustomField(input);
  } catch (error) {
    if (error instanceof AppError) return { field: error.field, message: error.message };
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('checkCustomField', () => {
  it('keeps a valid definition of each kind, trimmed', () => {
    expect(
      checkCustomField({
        kind: 'dropdown',
        label: ' Where should we park? ',
        options: [' Driveway ', 'Street'],
        defaultValue: 'Driveway',
        required: true,
      }),
    ).toEqual({
      kind: 'dropdown',
      label: 'Where should we park?',
      description: null,
      required: true,
      defaultValue: 'Driveway',
      options: ['Driveway', 'Street'],
    });
    expect(checkCustomField({ kind: 'toggle', label: 'Adult home', defaultValue: false }).defaultValue).toBe(
      false,
    );
    expect(
      checkCustomField({ kind: 'text', label: 'Gate code', defaultValue: '  ' }).defaultValue,
    ).toBeNull();
    // one option is enough for a dropdown (say, a single service address to confirm)
    expect(
      checkCustomField({ kind: 'dropdown', label: 'Parking', options: ['Only'], defaultValue: 'Only' })
        .options,
    ).toEqual(['Only']);
  });

  it('refuses defaults and options that do not suit the kind, naming the input', () => {
    expect(refusal({ kind: 'toggle', label: 'Adult home' })).toMatchObject({ field: 'defaultValue' });
    expect(refusal({ kind: 'dropdown', label: 'Parking', defaultValue: 'Only' })).toEqual({
      field: 'options',
      message: 'A dropdown needs at least one option to choose from.',
    });
    expect(
      refusal({ kind: 'dropdown', label: 'Parking', options: ['A', ' '], defaultValue: 'A' }),
    ).toMatchObject({ field: 'options' });
    expect(refusal({ kind: 'dropdown', label: 'Parking', options: ['A', 'B'] })).toMatchObject({
      field: 'defaultValue',
    });
    expect(
      refusal({ kind: 'dropdown', label: 'Parking', options: ['A', 'B'], defaultValue: 'C' }),
    ).toMatchObject({ field: 'defaultValue' });
    expect(
      refusal({ kind: 'dropdown', label: 'Parking', options: ['A', 'A'], defaultValue: 'A' }),
    ).toMatchObject({
      field: 'options',
    });
    expect(refusal({ kind: 'static', label: 'Note', required: true })).toMatchObject({ field: 'required' });
    expect(refusal({ kind: 'text', label: 'Code', options: ['x'] })).toMatchObject({ field: 'options' });
    expect(refusal({ kind: 'text', label: '   ' })).toMatchObject({ field: 'label' });
    expect(refusal({ kind: 'text', label: 'x'.repeat(121) })).toMatchObject({ field: 'label' });
    expect(refusal({ kind: 'toggle', label: 'Adult home', defaultValue: 'yes' })).toMatchObject({
      field: 'defaultValue',
    });
    expect(refusal({ kind: 'checkbox' as never, label: 'Adult home' })).toEqual({
      field: 'kind',
      message: 'Choose toggle, text, static or dropdown.',
    });
  });
});
