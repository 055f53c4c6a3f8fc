// What a customer sees before signing in: where their appointments will be and how to get there.
export function SignedOutPlaceholder() {
  return (
    <section className="card" aria-labelledby="placeholder-title">
      <div className="card-icon" aria-hidden="true">
        <svg viewBox="0 0 24 24" width="28" height="28" fill="none" stroke="currentColor" strokeWidth="1.8">
          <rect x="3.5" y="5" width="17" height="15" rx="2.5" />
          <path d="M3.5 10h17M8 3v4M16 3v4" strokeLinecap="round" />
        </svg>
      </div>
      <h1 id="placeholder-title">Your appointments will appear here after you sign in</h1>
      <p>
        Use the link in the text message or email from your service company. It brings you straight to your
        appointment, where you can pick a time, confirm, or reschedule.
      </p>
      <p className="muted">Lost the message? Call your service company and ask them to send a new link.</p>
    </section>
  );
}
