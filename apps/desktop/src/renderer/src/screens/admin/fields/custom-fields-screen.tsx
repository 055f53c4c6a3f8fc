// PLACEHOLDER (issue 6 in progress): replaced by the Custom fields screen.
export function CustomFieldsScreen() {
  return <h2>Custom fields</h2>;
}
