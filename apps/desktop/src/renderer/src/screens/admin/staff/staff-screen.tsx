// PLACEHOLDER (issue 6 in progress): replaced by the Staff screen.
export function StaffScreen() {
  return <h2>Staff</h2>;
}
