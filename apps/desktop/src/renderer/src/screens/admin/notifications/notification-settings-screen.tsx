// PLACEHOLDER (issue 6 in progress): replaced by the Notifications screen.
export function NotificationSettingsScreen() {
  return <h2>Notifications</h2>;
}
