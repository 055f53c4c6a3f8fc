// PLACEHOLDER (issue 6 in progress): replaced by the Portal policies screen.
export function PoliciesScreen() {
  return <h2>Portal policies</h2>;
}
