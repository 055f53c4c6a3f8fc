// Owns authentication: Lucia-guide sessions, password hashing, sign-in throttling, staff sign-in, and portal
// sign-in (links, one-time codes bound to a browser, "send me a new code or link", portal sessions), and
// staff invitation links.
export * from './sessions';
export * from './password';
export * from './throttle';
export * from './sign-in';
export * from './link-tokens';
export * from './portal-binding';
export * from './portal-codes';
export * from './portal-organization';
export * from './portal-session';
export * from './portal-throttle';
export * from './portal-link-sign-in';
export * from './portal-code-sign-in';
export * from './portal-access-request';
export * from './staff-invite';
