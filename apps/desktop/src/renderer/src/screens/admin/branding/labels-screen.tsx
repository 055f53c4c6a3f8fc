// PLACEHOLDER (issue 6 in progress): replaced by the Portal wording screen.
export function LabelsScreen() {
  return <h2>Portal wording</h2>;
}
