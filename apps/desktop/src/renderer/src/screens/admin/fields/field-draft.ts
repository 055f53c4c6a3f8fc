// The custom-field builder's unsaved state: a field being written, what the preview shows, and moving rows.
import type { CustomField } from '@portico/validators/custom-fields';

export type FieldKind = CustomField['kind'];

export type FieldDraft = {
  /** null while adding a new field. */
  id: string | null;
  version: number;
  kind: FieldKind;
  label: string;
  description: string;
  required: boolean;
  defaultValue: string | boolean | null;
  options: string[];
};

/** The four kinds, in the words an admin reads when adding one. */
export const kindChoices: { kind: FieldKind; title: string; explain: string }[] = [
  {
    kind: 'toggle',
    title: 'Yes / no switch',
    explain: 'The customer turns it on or off, e.g. “Pets on site?”.',
  },
  { kind: 'text', title: 'Free text', explain: 'The customer types an answer, e.g. a gate code.' },
  {
    kind: 'static',
    title: 'Information only',
    explain: 'Text the customer reads; nothing to answer, e.g. “Please clear a path to the boiler”.',
  },
  { kind: 'dropdown', title: 'Dropdown', explain: 'The customer picks one of the options you list.' },
];

export const kindNames: Record<FieldKind, string> = {
  toggle: 'Yes / no',
  text: 'Free text',
  static: 'Information only',
  dropdown: 'Dropdown',
};

export function newDraft(kind: FieldKind): FieldDraft {
  return {
    id: null,
    version: 0,
    kind,
    label: '',
    description: '',
    required: false,
    // toggle and dropdown need a default; a toggle starts off, a dropdown once its first option exists
    defaultValue: kind === 'toggle' ? false : null,
    options: kind === 'dropdown' ? [''] : [],
  };
}

export function draftOf(field: CustomField): FieldDraft {
  return {
    id: field.id,
    version: field.version,
    kind: field.kind,
    label: field.label,
    description: field.description ?? '',
    required: field.required,
    defaultValue: field.defaultValue,
    options: [...field.options],
  };
}

/** The draft as the server wants it: only what the kind uses, an empty description as none. */
export function payloadOf(draft: FieldDraft) {
  const description = draft.description.trim() === '' ? null : draft.description;
  const base = { label: draft.label, description };
  switch (draft.kind) {
    case 'static':
      return { ...base };
    case 'text':
      return {
        ...base,
        required: draft.required,
        defaultValue:
          typeof draft.defaultValue === 'string' && draft.defaultValue !== '' ? draft.defaultValue : null,
      };
    case 'toggle':
      return { ...base, required: draft.required, defaultValue: draft.defaultValue };
    case 'dropdown':
      return { ...base, required: draft.required, defaultValue: draft.defaultValue, options: draft.options };
  }
}

export type PreviewFieldShape = {
  id: string;
  kind: FieldKind;
  label: string;
  description: string | null;
  required: boolean;
  defaultValue: string | boolean | null;
  options: string[];
};

export const NEW_FIELD_PREVIEW_ID = 'new-field';

/** What the customer would see with the draft saved: the draft in its place, or appended when new. */
export function previewFieldsOf(active: CustomField[], draft: FieldDraft | null): PreviewFieldShape[] {
  const shown: PreviewFieldShape[] = active.map((f) => ({
    id: f.id,
    kind: f.kind,
    label: f.label,
    description: f.description,
    required: f.required,
    defaultValue: f.defaultValue,
    options: f.options,
  }));
  if (!draft) return shown;
  const fromDraft: PreviewFieldShape = {
    id: draft.id ?? NEW_FIELD_PREVIEW_ID,
    kind: draft.kind,
    label: draft.label,
    description: draft.description.trim() === '' ? null : draft.description,
    required: draft.kind === 'static' ? false : draft.required,
    defaultValue: draft.kind === 'static' ? null : draft.defaultValue,
    options: draft.kind === 'dropdown' ? draft.options.filter((o) => o.trim() !== '') : [],
  };
  const index = shown.findIndex((f) => f.id === draft.id);
  if (index === -1) return [...shown, fromDraft];
  return shown.map((f, i) => (i === index ? fromDraft : f));
}

/** The list with the item at `from` moved to `to` (both clamped to the list). */
export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
  const next = [...items];
  const target = Math.max(0, Math.min(next.length - 1, to));
  const [item] = next.splice(from, 1);
  if (item === undefined) return next;
  next.splice(target, 0, item);
  return next;
}
