// The template editor's right-hand side: a real task chosen from a list (searchable, newest first), the
// unsaved template rendered against it by the server (SMS as a phone bubble, email as its HTML and text
// parts), and "send a test" to an address or number the admin types.
import { describeClientError, useTRPC, type RouterOutputs } from '@portico/api-client';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useDebounced } from '../../../components/form-kit';
import type { Channel, NotificationType } from './notification-words';

type TaskItem = RouterOutputs['tasks']['list']['items'][number];

function describeTask(task: TaskItem): string {
  const when = task.appointmentDate
    ? `${new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(
        new Date(`${task.appointmentDate}T00:00:00Z`),
      )}${task.windowName ? `, ${task.windowName}` : ''}`
    : 'not booked';
  return `${task.customerName} · ${task.serviceType} · ${when}`;
}

export function TemplatePreview({
  type,
  channel,
  subject,
  body,
  hasProblems,
}: {
  type: NotificationType;
  channel: Channel;
  subject: string | undefined;
  body: string;
  hasProblems: boolean;
}) {
  const trpc = useTRPC();
  const ids = useId();
  const [term, setTerm] = useState('');
  const search = useDebounced(term.trim(), 200);
  const [picked, setTask] = useState<TaskItem | null>(null);
  const tasks = useQuery({
    ...trpc.tasks.list.queryOptions({ search: search || undefined, sort: 'created', limit: 8 }),
    placeholderData: keepPreviousData,
  });
  // until the admin picks one, the newest task (or the best match of the search) is the example
  const task = picked ?? tasks.data?.items[0] ?? null;

  const preview = useMutation(trpc.notifications.previewTemplate.mutationOptions());
  const { mutate: renderPreview, reset: clearPreview } = preview;
  // the server renders what is typed once typing pauses (strings, so an unchanged draft is not sent again)
  const draftSubject = useDebounced(subject ?? null, 400);
  const draftBody = useDebounced(body, 400);
  const taskId = task?.id ?? null;
  const canPreview = taskId !== null && !hasProblems && draftBody.trim() !== '';
  useEffect(() => {
    if (!taskId || !canPreview) {
      clearPreview();
      return;
    }
    renderPreview({
      taskId,
      type,
      channel,
      ...(draftSubject !== null ? { subject: draftSubject } : {}),
      body: draftBody,
    });
  }, [taskId, canPreview, type, channel, draftSubject, draftBody, renderPreview, clearPreview]);

  const [to, setTo] = useState('');
  const [sendError, setSendError] = useState<string | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const sendTest = useMutation(trpc.notifications.sendTest.mutationOptions());
  const send = (event: FormEvent) => {
    event.preventDefault();
    if (sendTest.isPending) return;
    setSendError(null);
    setSentTo(null);
    if (!taskId) {
      setSendError('Choose a task above: the test is filled in with its details.');
      return;
    }
    sendTest.mutate(
      { taskId, type, channel, ...(subject !== undefined ? { subject } : {}), body, to },
      {
        onSuccess: (result) => setSentTo(result.to),
        onError: (error) => {
          const info = describeClientError(error);
          const message = info.fieldErrors.to?.[0] ?? info.message;
          setSendError(
            info.code === 'TOO_MANY_REQUESTS' && info.retryAfterSeconds
              ? `${message} Try again in ${info.retryAfterSeconds} s.`
              : message,
          );
        },
      },
    );
  };

  const result = preview.data;
  return (
    <section className="na-preview" aria-labelledby={`${ids}-title`}>
      <div className="na-preview-side">
        <h3 id={`${ids}-title`}>Preview with a real task</h3>
        <div className="cu-field">
          <label htmlFor={`${ids}-search`}>Find a task</label>
          <input
            id={`${ids}-search`}
            type="search"
            value={term}
            placeholder="Task number, customer or service"
            onChange={(event) => setTerm(event.target.value)}
          />
        </div>
        {tasks.isPending ? (
          <p role="status">Loading tasks…</p>
        ) : tasks.isError ? (
          <p className="field-error" role="alert">
            {describeClientError(tasks.error).message}
          </p>
        ) : tasks.data.items.length === 0 ? (
          <p className="muted">
            {search ? 'No task matches this search.' : 'There are no tasks yet to preview with.'}
          </p>
        ) : (
          <ul className="na-task-list" aria-label="Tasks, newest first">
            {tasks.data.items.map((item) => (
              <li key={item.id}>
                <button
                  type="button"
                  className="na-task"
                  aria-pressed={item.id === taskId}
                  onClick={() => setTask(item)}
                >
                  <strong>T-{item.number}</strong> <span>{describeTask(item)}</span>
                </button>
              </li>
            ))}
          </ul>
        )}

        <form className="na-send" noValidate onSubmit={send} aria-label="Send a test">
          <div className="cu-field">
            <label htmlFor={`${ids}-to`}>
              {channel === 'email' ? 'Send a test email to' : 'Send a test SMS to'}
            </label>
            <div className="na-send-row">
              <input
                id={`${ids}-to`}
                type={channel === 'email' ? 'email' : 'tel'}
                autoComplete={channel === 'email' ? 'email' : 'tel'}
                placeholder={channel === 'email' ? 'you@example.com' : '+1 555 010 2030'}
                value={to}
                aria-invalid={sendError ? true : undefined}
                aria-describedby={sendError || sentTo ? `${ids}-to-result` : undefined}
                onChange={(event) => {
                  setTo(event.target.value);
                  setSendError(null);
                }}
              />
              <button type="submit" className="button" disabled={sendTest.isPending}>
                {sendTest.isPending ? 'Sending…' : 'Send test'}
              </button>
            </div>
            {sendError ? (
              <p className="field-error" id={`${ids}-to-result`} role="alert">
                {sendError}
              </p>
            ) : sentTo ? (
              <p className="na-saved" id={`${ids}-to-result`} role="status">
                Test sent to {sentTo} — it arrives within a minute.
              </p>
            ) : (
              <span className="cu-hint">
                Uses the text above, saved or not, filled in from the chosen task.
              </span>
            )}
          </div>
        </form>
      </div>

      <div className="na-preview-main" aria-live="polite" aria-busy={preview.isPending}>
        {!task ? (
          <p className="muted">Choose a task to see the message as its customer would get it.</p>
        ) : hasProblems ? (
          <p className="muted">Fix the problems in the template to see the preview.</p>
        ) : preview.isError ? (
          <p className="field-error" role="alert">
            {describeClientError(preview.error).message}
          </p>
        ) : !result ? (
          <p role="status">Rendering the preview…</p>
        ) : result.channel === 'sms' ? (
          <figure className="na-phone" aria-label="SMS preview">
            <div className="na-phone-screen">
              <p className="na-bubble">{result.text}</p>
            </div>
            <figcaption>
              T-{task.number}: {result.text.length.toLocaleString('en-US')} characters, {result.segments ?? 0}{' '}
              {result.segments === 1 ? 'segment' : 'segments'}
            </figcaption>
          </figure>
        ) : (
          <div className="na-email" aria-label="Email preview" role="group">
            <p className="na-email-subject">
              <span className="muted">Subject</span> <strong>{result.subject}</strong>
            </p>
            {result.html ? (
              <iframe className="na-email-frame" title="Email as HTML" sandbox="" srcDoc={result.html} />
            ) : null}
            <details className="na-email-text">
              <summary>Plain-text part</summary>
              <pre>{result.text}</pre>
            </details>
          </div>
        )}
      </div>
    </section>
  );
}
