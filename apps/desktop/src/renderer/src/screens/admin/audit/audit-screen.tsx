// PLACEHOLDER (issue 6 in progress): replaced by the Audit log screen.
export function AuditScreen() {
  return <h2>Audit log</h2>;
}
