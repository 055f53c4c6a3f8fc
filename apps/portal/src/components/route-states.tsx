// The screens shown while a route loads, when it fails, and when nothing matches the address.
import { describeClientError } from '@portico/api-client';
import { Link, useRouter, type ErrorComponentProps } from '@tanstack/react-router';

export function RoutePending() {
  return (
    <div className="state" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <p>Loading…</p>
    </div>
  );
}

export function RouteError({ error, reset }: ErrorComponentProps) {
  const router = useRouter();
  const { message } = describeClientError(error);
  return (
    <div className="state" role="alert">
      <h1>We could not load this page</h1>
      <p>{message}</p>
      <button
        type="button"
        className="button"
        onClick={() => {
          reset();
          void router.invalidate();
        }}
      >
        Try again
      </button>
    </div>
  );
}

export function NotFound() {
  return (
    <div className="state">
      <h1>Page not found</h1>
      <p>This link may be old or mistyped. Open the latest link your service company sent you.</p>
      <Link to="/" className="button button-secondary">
        Go to the start page
      </Link>
    </div>
  );
}
