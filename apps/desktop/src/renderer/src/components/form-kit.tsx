// The small form parts every customers-area form shares: server errors per field, labelled inputs, a form banner.
import { describeClientError } from '@portico/api-client';
import { useCallback, useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';

export type FormErrors = { fields: Record<string, string>; form: string | null };

export const noErrors: FormErrors = { fields: {}, form: null };

/**
 * Spreads a refused save over the form: zod issues per field, the domain error's field, and whatever the form
 * has no field for as a banner (so no message is ever lost).
 */
export function errorsFrom(error: unknown, knownFields: readonly string[]): FormErrors {
  const info = describeClientError(error);
  const fields: Record<string, string> = {};
  for (const [key, messages] of Object.entries(info.fieldErrors)) {
    const first = messages[0];
    if (first && knownFields.includes(key)) fields[key] = first;
  }
  if (info.field && knownFields.includes(info.field) && !fields[info.field]) {
    // A zod refusal's message lists every issue ("phone: …"); a domain error's message is about this field.
    fields[info.field] = info.fieldErrors[info.field]?.[0] ?? info.message;
  }
  const isCovered = Object.keys(fields).length > 0;
  return { fields, form: isCovered ? null : info.message };
}

export function FormBanner({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p className="banner banner-error cu-banner" role="alert">
      {message}
    </p>
  );
}

type FieldProps = {
  label: string;
  error: string | undefined;
  hint?: string;
  children: (props: {
    id: string;
    'aria-invalid': true | undefined;
    'aria-describedby': string | undefined;
  }) => ReactNode;
  wide?: boolean;
};

/** A label, the control (render prop so inputs and selects share it) and its server message underneath. */
export function Field({ label, error, hint, children, wide }: FieldProps) {
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  // the hint is hidden while an error shows, so only what is on screen describes the control
  const describedBy = (error ? errorId : hint ? hintId : '') || undefined;
  return (
    <div className={wide ? 'cu-field cu-field-wide' : 'cu-field'}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy })}
      {hint && !error ? (
        <span className="cu-hint" id={hintId}>
          {hint}
        </span>
      ) : null}
      {error ? (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** Formats an instant for people in the given time zone, e.g. "Mar 2, 2026, 9:14 AM". */
export function formatInstant(date: Date | null, timeZone: string): string {
  if (!date) return '—';
  return new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(date);
}

/**
 * Runs one save at a time: a second click while the first is on its way does nothing, and a refusal becomes
 * field messages while the form keeps what was typed (the inputs are never reset on failure).
 */
export function useSubmitter(knownFields: readonly string[]) {
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [isPending, setIsPending] = useState(false);
  const isBusy = useRef(false);
  const run = useCallback(
    async (action: () => Promise<void>) => {
      if (isBusy.current) return;
      isBusy.current = true;
      setIsPending(true);
      setErrors(noErrors);
      try {
        await action();
      } catch (error) {
        setErrors(errorsFrom(error, knownFields));
      } finally {
        isBusy.current = false;
        setIsPending(false);
      }
    },
    [knownFields],
  );
  return { errors, isPending, run };
}

/** The value after it has stopped changing for `delayMs`, so typing a search does not query per keystroke. */
export function useDebounced<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}

/**
 * A form's values with a typed setter, and a submit that saves them through useSubmitter (one save at a time,
 * refusals as field messages, nothing typed is lost).
 */
export function useEditForm<V extends object>(
  initial: V,
  knownFields: readonly string[],
  onSave: (values: V) => Promise<void>,
) {
  const [values, setValues] = useState(initial);
  const { errors, isPending, run } = useSubmitter(knownFields);
  const set = <K extends keyof V>(key: K, value: V[K]) => setValues((v) => ({ ...v, [key]: value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(() => onSave(values));
  };
  return { values, set, errors, isPending, submit };
}

/** The frame of a side-panel form: title, the refusal banner, the fields, Save and Cancel (Escape cancels). */
export function PanelForm({
  title,
  submitLabel,
  formError,
  isPending,
  onSubmit,
  onCancel,
  children,
}: {
  title: string;
  submitLabel: string;
  formError: string | null;
  isPending: boolean;
  onSubmit: (event: FormEvent) => void;
  onCancel: () => void;
  children: ReactNode;
}) {
  return (
    <form
      className="cu-form"
      aria-label={title}
      noValidate
      onSubmit={onSubmit}
      onKeyDown={(e) => e.key === 'Escape' && onCancel()}
    >
      <h2 className="cu-form-title">{title}</h2>
      <FormBanner message={formError} />
      <div className="cu-grid">{children}</div>
      <div className="cu-actions">
        <button type="submit" className="button" disabled={isPending}>
          {isPending ? 'Saving…' : submitLabel}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel} disabled={isPending}>
          Cancel
        </button>
      </div>
    </form>
  );
}
