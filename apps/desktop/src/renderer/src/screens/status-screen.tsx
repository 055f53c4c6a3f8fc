// A full-window message: starting up, loading, or a failure with one way forward.
export function StatusScreen({
  title,
  message,
  busy = false,
  action,
}: {
  title: string;
  message?: string;
  busy?: boolean;
  action?: { label: string; run: () => void };
}) {
  return (
    <div className="status-screen" role={busy ? 'status' : 'alert'} aria-live="polite">
      {busy ? <span className="spinner" aria-hidden="true" /> : null}
      <h1>{title}</h1>
      {message ? <p className="muted">{message}</p> : null}
      {action ? (
        <button type="button" className="button" onClick={action.run}>
          {action.label}
        </button>
      ) : null}
    </div>
  );
}
