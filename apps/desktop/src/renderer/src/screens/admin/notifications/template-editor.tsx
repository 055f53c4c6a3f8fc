// The template editor for one notification type and channel: subject (email) and body with a variable picker,
// the same checks the server runs shown as you type (unknown variables, braces, the SMS segment budget), and
// Save, Reset to default and Discard. Beside it, the preview against a real task and "send a test".
import { describeClientError, useTRPC } from '@portico/api-client';
import {
  countSmsSegments,
  findNonGsmCharacters,
  longSampleTemplateVariables,
  renderSmsText,
  TEMPLATE_LIMITS,
  validateTemplate,
} from '@portico/notifications/templates';
import type { NotificationTemplate } from '@portico/validators/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useLayoutEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { errorsFrom, noErrors, type FormErrors } from '../../../components/form-kit';
import { channelNames, typeNames } from './notification-words';
import { TemplatePreview } from './template-preview';

type FieldName = 'subject' | 'body';
type Notice = { kind: 'saved' | 'reset' | 'discarded' } | null;

export function TemplateEditor({
  template,
  onClose,
}: {
  template: NotificationTemplate;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const ids = useId();
  const isEmail = template.channel === 'email';
  const [subject, setSubject] = useState(template.subject ?? '');
  const [body, setBody] = useState(template.body);
  // the version this draft is based on: sent with Save so a change someone else made in between is not lost
  const [version, setVersion] = useState(template.version);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [isConflict, setIsConflict] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);
  const [isConfirmingReset, setIsConfirmingReset] = useState(false);
  const [isReloading, setIsReloading] = useState(false);
  const subjectRef = useRef<HTMLInputElement>(null);
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const lastField = useRef<FieldName>('body');
  const pendingCaret = useRef<{ field: FieldName; position: number } | null>(null);
  const variables = useQuery(trpc.notifications.variables.queryOptions());
  const save = useMutation(trpc.notifications.updateTemplate.mutationOptions());
  const reset = useMutation(trpc.notifications.resetTemplate.mutationOptions());
  const isPending = save.isPending || reset.isPending;

  const isDirty = body !== template.body || (isEmail && subject !== (template.subject ?? ''));
  const problems = useMemo(
    () =>
      validateTemplate({
        type: template.type,
        channel: template.channel,
        subject: isEmail ? subject : null,
        body,
      }),
    [template.type, template.channel, isEmail, subject, body],
  );
  const problemsOf = (field: FieldName) => problems.filter((p) => p.field === field).map((p) => p.message);
  const sms = useMemo(() => {
    if (isEmail) return null;
    const rendered = renderSmsText(body, longSampleTemplateVariables);
    return { ...countSmsSegments(rendered), nonGsm: findNonGsmCharacters(rendered) };
  }, [isEmail, body]);

  // after a variable is inserted, put the caret right after it (once React has written the new value)
  useLayoutEffect(() => {
    const caret = pendingCaret.current;
    if (!caret) return;
    pendingCaret.current = null;
    const element = caret.field === 'subject' ? subjectRef.current : bodyRef.current;
    element?.focus();
    element?.setSelectionRange(caret.position, caret.position);
  });

  const insertVariable = (name: string) => {
    const field: FieldName = isEmail ? lastField.current : 'body';
    const element = field === 'subject' ? subjectRef.current : bodyRef.current;
    const value = field === 'subject' ? subject : body;
    const start = element?.selectionStart ?? value.length;
    const end = element?.selectionEnd ?? start;
    const token = `{{${name}}}`;
    const next = value.slice(0, start) + token + value.slice(end);
    pendingCaret.current = { field, position: start + token.length };
    if (field === 'subject') setSubject(next);
    else setBody(next);
    setNotice(null);
  };

  const applyTemplate = (saved: NotificationTemplate) => {
    queryClient.setQueryData(trpc.notifications.templates.queryKey(), (old) =>
      old?.map((t) => (t.type === saved.type && t.channel === saved.channel ? saved : t)),
    );
    setSubject(saved.subject ?? '');
    setBody(saved.body);
    setVersion(saved.version);
  };

  const showRefusal = (error: unknown) => {
    const info = describeClientError(error);
    if (info.code === 'CONFLICT') {
      setIsConflict(true);
      setErrors({
        fields: {},
        form: 'Someone else changed this template since you opened it. Reload to see their version (your text here will be replaced), or copy your text first.',
      });
      return;
    }
    setErrors(errorsFrom(error, ['subject', 'body']));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (isPending) return;
    setErrors(noErrors);
    setIsConflict(false);
    setNotice(null);
    // the server runs the same checks and words the refusal; the draft stays as typed when it refuses
    save.mutate(
      {
        type: template.type,
        channel: template.channel,
        ...(isEmail ? { subject } : {}),
        body,
        version,
      },
      {
        onSuccess: (saved) => {
          applyTemplate(saved);
          setNotice({ kind: 'saved' });
        },
        onError: showRefusal,
      },
    );
  };

  const doReset = () => {
    if (isPending) return;
    setErrors(noErrors);
    setIsConflict(false);
    setNotice(null);
    reset.mutate(
      { type: template.type, channel: template.channel, version },
      {
        onSuccess: (saved) => {
          setIsConfirmingReset(false);
          applyTemplate(saved);
          setNotice({ kind: 'reset' });
        },
        onError: (error) => {
          setIsConfirmingReset(false);
          showRefusal(error);
        },
      },
    );
  };

  const discard = () => {
    setSubject(template.subject ?? '');
    setBody(template.body);
    setVersion(template.version);
    setErrors(noErrors);
    setIsConflict(false);
    setNotice({ kind: 'discarded' });
  };

  const reload = async () => {
    setIsReloading(true);
    try {
      await queryClient.refetchQueries({ queryKey: trpc.notifications.templates.queryKey() });
      const fresh = queryClient
        .getQueryData(trpc.notifications.templates.queryKey())
        ?.find((t) => t.type === template.type && t.channel === template.channel);
      if (fresh) {
        setSubject(fresh.subject ?? '');
        setBody(fresh.body);
        setVersion(fresh.version);
      }
      setErrors(noErrors);
      setIsConflict(false);
    } finally {
      setIsReloading(false);
    }
  };

  const title = `${typeNames[template.type]} · ${channelNames[template.channel]}`;
  const subjectProblems = problemsOf('subject');
  const bodyProblems = problemsOf('body');
  const fieldBlock = (field: FieldName, live: string[]) => {
    const refusal = errors.fields[field];
    return (
      <>
        {refusal ? (
          <p className="field-error na-refusal" id={`${ids}-${field}-error`} role="alert">
            Not saved: {refusal}
          </p>
        ) : null}
        {live.length > 0 ? (
          <ul className="na-checks" id={`${ids}-${field}-checks`} aria-label={`Problems in the ${field}`}>
            {live.map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
        ) : null}
      </>
    );
  };
  const describedBy = (field: FieldName, live: string[], hint?: string) =>
    [
      errors.fields[field] ? `${ids}-${field}-error` : null,
      live.length > 0 ? `${ids}-${field}-checks` : null,
      hint ?? null,
    ]
      .filter(Boolean)
      .join(' ') || undefined;

  return (
    <section className="na-editor" aria-labelledby={`${ids}-title`}>
      <header className="na-editor-head">
        <div>
          <h2 id={`${ids}-title`}>{title}</h2>
          <p className="muted na-editor-state">
            {template.isDefault ? 'Using the built-in text.' : 'Using your own text.'}
            {isDirty ? ' You have unsaved changes.' : ''}
          </p>
        </div>
        <button type="button" className="button button-secondary" onClick={onClose}>
          Close
        </button>
      </header>

      <div className="na-editor-grid">
        <form className="na-form" noValidate onSubmit={submit} aria-label={`${title} template`}>
          {isEmail ? (
            <div className="cu-field">
              <label htmlFor={`${ids}-subject`}>Subject</label>
              <input
                ref={subjectRef}
                id={`${ids}-subject`}
                value={subject}
                maxLength={TEMPLATE_LIMITS.subjectCharacters * 2}
                aria-invalid={errors.fields.subject || subjectProblems.length > 0 ? true : undefined}
                aria-describedby={describedBy('subject', subjectProblems)}
                onFocus={() => (lastField.current = 'subject')}
                onChange={(event) => {
                  setSubject(event.target.value);
                  setNotice(null);
                }}
              />
              {fieldBlock('subject', subjectProblems)}
            </div>
          ) : null}
          <div className="cu-field">
            <label htmlFor={`${ids}-body`}>{isEmail ? 'Message' : 'SMS text'}</label>
            <textarea
              ref={bodyRef}
              id={`${ids}-body`}
              className="na-body"
              rows={isEmail ? 14 : 6}
              value={body}
              aria-invalid={errors.fields.body || bodyProblems.length > 0 ? true : undefined}
              aria-describedby={describedBy('body', bodyProblems, sms ? `${ids}-segments` : undefined)}
              onFocus={() => (lastField.current = 'body')}
              onChange={(event) => {
                setBody(event.target.value);
                setNotice(null);
              }}
            />
            {fieldBlock('body', bodyProblems)}
            {sms ? (
              <p
                className={
                  sms.segments > TEMPLATE_LIMITS.smsSegments ? 'na-segments na-segments-over' : 'na-segments'
                }
                id={`${ids}-segments`}
                aria-live="polite"
              >
                <span>
                  <strong>{sms.characters.toLocaleString('en-US')}</strong> characters
                </span>
                <span>
                  Encoding <strong>{sms.encoding}</strong>
                  {sms.encoding === 'UCS-2' && sms.nonGsm.length > 0
                    ? ` (because of ${sms.nonGsm
                        .slice(0, 5)
                        .map((c) => `“${c}”`)
                        .join(', ')})`
                    : ''}
                </span>
                <span>
                  <strong>
                    {sms.segments} of {TEMPLATE_LIMITS.smsSegments}
                  </strong>{' '}
                  segments
                </span>
                <span className="muted">counted with long names and addresses</span>
              </p>
            ) : null}
            {isEmail ? (
              <span className="cu-hint">
                A blank line starts a new paragraph. Links are made clickable in the email.
              </span>
            ) : null}
          </div>

          {errors.form ? (
            <div className="banner banner-error na-banner" role="alert">
              <span>{errors.form}</span>
              {isConflict ? (
                <button
                  type="button"
                  className="button button-secondary na-small-button"
                  disabled={isReloading}
                  onClick={() => void reload()}
                >
                  {isReloading ? 'Reloading…' : 'Reload'}
                </button>
              ) : null}
            </div>
          ) : null}

          <div className="na-actions">
            <button type="submit" className="button" disabled={isPending}>
              {save.isPending ? 'Saving…' : 'Save'}
            </button>
            <button
              type="button"
              className="button button-secondary"
              disabled={!isDirty || isPending}
              onClick={discard}
            >
              Discard
            </button>
            {isConfirmingReset ? (
              <span className="na-confirm" role="group" aria-label="Confirm reset">
                <span>Replace this text with the built-in one?</span>
                <button
                  type="button"
                  className="button button-secondary"
                  disabled={isPending}
                  onClick={doReset}
                >
                  {reset.isPending ? 'Resetting…' : 'Yes, reset'}
                </button>
                <button
                  type="button"
                  className="button button-secondary"
                  disabled={isPending}
                  onClick={() => setIsConfirmingReset(false)}
                >
                  Keep mine
                </button>
              </span>
            ) : (
              <button
                type="button"
                className="button button-secondary"
                disabled={isPending || (template.isDefault && !isDirty)}
                onClick={() => setIsConfirmingReset(true)}
              >
                Reset to default
              </button>
            )}
            <span className="na-notice" aria-live="polite">
              {notice?.kind === 'saved'
                ? 'Saved. The next message uses this text.'
                : notice?.kind === 'reset'
                  ? 'Reset to the built-in text.'
                  : notice?.kind === 'discarded'
                    ? 'Changes discarded.'
                    : ''}
            </span>
          </div>
        </form>

        <aside className="na-variables" aria-labelledby={`${ids}-variables`}>
          <h3 id={`${ids}-variables`}>Variables</h3>
          <p className="cu-hint">Click one (or press Enter on it) to insert it at the cursor.</p>
          {variables.isPending ? (
            <p role="status">Loading variables…</p>
          ) : variables.isError ? (
            <p className="field-error" role="alert">
              {describeClientError(variables.error).message}
            </p>
          ) : variables.data.length === 0 ? (
            <p className="muted">No variables are available.</p>
          ) : (
            <ul className="na-variable-list">
              {variables.data.map((variable) => (
                <li key={variable.name}>
                  <button
                    type="button"
                    className="na-variable"
                    aria-label={`Insert {{${variable.name}}}`}
                    // keep the caret where it is in the field while the button is pressed
                    onMouseDown={(event) => event.preventDefault()}
                    onClick={() => insertVariable(variable.name)}
                  >
                    <code>{`{{${variable.name}}}`}</code>
                    <span className="na-variable-description">{variable.description}</span>
                    <span className="na-variable-example">e.g. {variable.example}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </aside>
      </div>

      <TemplatePreview
        type={template.type}
        channel={template.channel}
        subject={isEmail ? subject : undefined}
        body={body}
        hasProblems={problems.length > 0}
      />
    </section>
  );
}
