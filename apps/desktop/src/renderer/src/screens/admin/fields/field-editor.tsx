// The form for one custom field: label, description, required, default value and a dropdown's options. The
// draft lives in the screen (the preview shows it as it is typed); refusals land next to their input.
import { useId, type FormEvent } from 'react';
import { Field, FormBanner, type FormErrors } from '../../../components/form-kit';
import { kindChoices, type FieldDraft } from './field-draft';

type Props = {
  draft: FieldDraft;
  errors: FormErrors;
  isPending: boolean;
  onChange: (draft: FieldDraft) => void;
  onSave: () => void;
  onCancel: () => void;
  /** Absent for a new field. */
  onRetire?: () => void;
};

export function FieldEditor({ draft, errors, isPending, onChange, onSave, onCancel, onRetire }: Props) {
  const optionsLabelId = useId();
  const optionsErrorId = useId();
  const set = <K extends keyof FieldDraft>(key: K, value: FieldDraft[K]) =>
    onChange({ ...draft, [key]: value });
  const kind = kindChoices.find((k) => k.kind === draft.kind)!;
  const isNew = draft.id === null;
  const title = isNew ? `New field: ${kind.title}` : `Edit field: ${draft.label || 'untitled'}`;

  function submit(event: FormEvent) {
    event.preventDefault();
    onSave();
  }

  function renameOption(index: number, value: string) {
    const previous = draft.options[index];
    const options = draft.options.map((o, i) => (i === index ? value : o));
    // a renamed default stays the default; a first option becomes the default when there was none
    const defaultValue =
      draft.defaultValue === previous && previous !== ''
        ? value
        : draft.defaultValue === null && index === 0 && value !== ''
          ? value
          : draft.defaultValue;
    onChange({ ...draft, options, defaultValue });
  }

  const cleanOptions = draft.options.filter((o) => o.trim() !== '');
  const isDefaultMissing =
    draft.kind === 'dropdown' &&
    typeof draft.defaultValue === 'string' &&
    !cleanOptions.includes(draft.defaultValue);

  return (
    <form className="cu-form cf-editor" aria-label={title} noValidate onSubmit={submit}>
      <h3 className="cu-form-title">{title}</h3>
      <p className="cu-hint">{kind.explain}</p>
      <FormBanner message={errors.form} />
      <div className="cf-editor-fields">
        <Field
          label="Label"
          error={errors.fields.label}
          hint={draft.kind === 'static' ? 'The heading customers read.' : 'The question customers answer.'}
        >
          {(p) => (
            <input
              {...p}
              autoFocus
              value={draft.label}
              maxLength={200}
              onChange={(e) => set('label', e.target.value)}
            />
          )}
        </Field>
        <Field label="Description" error={errors.fields.description} hint="Optional. Shown under the label.">
          {(p) => (
            <textarea
              {...p}
              rows={2}
              value={draft.description}
              onChange={(e) => set('description', e.target.value)}
            />
          )}
        </Field>
        {draft.kind !== 'static' ? (
          <label className="cu-check cf-check">
            <input
              type="checkbox"
              checked={draft.required}
              onChange={(e) => set('required', e.target.checked)}
            />
            Required — the customer must answer before confirming
          </label>
        ) : null}
        {errors.fields.required ? <p className="field-error">{errors.fields.required}</p> : null}

        {draft.kind === 'dropdown' ? (
          <fieldset
            className="cf-options"
            aria-labelledby={optionsLabelId}
            aria-describedby={errors.fields.options ? optionsErrorId : undefined}
          >
            <legend id={optionsLabelId} className="cu-field-label">
              Options
            </legend>
            {draft.options.length === 0 ? <p className="muted">No options yet.</p> : null}
            <ul>
              {draft.options.map((option, index) => (
                <li key={index} className="cf-option">
                  <input
                    aria-label={`Option ${index + 1}`}
                    value={option}
                    aria-invalid={errors.fields.options ? true : undefined}
                    onChange={(e) => renameOption(index, e.target.value)}
                  />
                  <button
                    type="button"
                    className="button button-secondary cf-small"
                    aria-label={`Remove option ${option || index + 1}`}
                    onClick={() =>
                      set(
                        'options',
                        draft.options.filter((_, i) => i !== index),
                      )
                    }
                  >
                    Remove
                  </button>
                </li>
              ))}
            </ul>
            <button
              type="button"
              className="button button-secondary cf-small"
              onClick={() => set('options', [...draft.options, ''])}
            >
              Add option
            </button>
            {errors.fields.options ? (
              <p className="field-error" id={optionsErrorId}>
                {errors.fields.options}
              </p>
            ) : null}
          </fieldset>
        ) : null}

        {draft.kind === 'toggle' ? (
          <Field
            label="Default value"
            error={errors.fields.defaultValue}
            hint="What the switch shows before the customer answers."
          >
            {(p) => (
              <select
                {...p}
                value={draft.defaultValue === true ? 'on' : draft.defaultValue === false ? 'off' : ''}
                onChange={(e) => set('defaultValue', e.target.value === '' ? null : e.target.value === 'on')}
              >
                <option value="">Choose…</option>
                <option value="off">Off (no)</option>
                <option value="on">On (yes)</option>
              </select>
            )}
          </Field>
        ) : null}
        {draft.kind === 'dropdown' ? (
          <Field
            label="Default value"
            error={errors.fields.defaultValue}
            hint="The option picked before the customer answers."
          >
            {(p) => (
              <select
                {...p}
                value={typeof draft.defaultValue === 'string' ? draft.defaultValue : ''}
                onChange={(e) => set('defaultValue', e.target.value === '' ? null : e.target.value)}
              >
                <option value="">Choose…</option>
                {cleanOptions.map((option) => (
                  <option key={option} value={option}>
                    {option}
                  </option>
                ))}
                {isDefaultMissing ? (
                  <option
                    value={draft.defaultValue as string}
                  >{`${draft.defaultValue as string} (not an option)`}</option>
                ) : null}
              </select>
            )}
          </Field>
        ) : null}
        {draft.kind === 'text' ? (
          <Field
            label="Default value"
            error={errors.fields.defaultValue}
            hint="Optional. Prefilled in the answer box."
          >
            {(p) => (
              <input
                {...p}
                value={typeof draft.defaultValue === 'string' ? draft.defaultValue : ''}
                onChange={(e) => set('defaultValue', e.target.value)}
              />
            )}
          </Field>
        ) : null}
        {errors.fields.kind ? <p className="field-error">{errors.fields.kind}</p> : null}
      </div>
      <div className="cu-actions cf-editor-actions">
        <button type="submit" className="button" disabled={isPending}>
          {isPending ? 'Saving…' : isNew ? 'Create field' : 'Save field'}
        </button>
        <button type="button" className="button button-secondary" disabled={isPending} onClick={onCancel}>
          Cancel
        </button>
        {onRetire ? (
          <button
            type="button"
            className="button button-secondary cf-danger"
            disabled={isPending}
            onClick={onRetire}
          >
            Retire field…
          </button>
        ) : null}
      </div>
    </form>
  );
}
