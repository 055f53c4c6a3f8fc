// Owns authentication: Lucia-guide sessions, password hashing, sign-in throttling and staff sign-in
// (codes and links arrive with the portal).
export * from './sessions';
export * from './password';
export * from './throttle';
export * from './sign-in';
export * from './link-tokens';
