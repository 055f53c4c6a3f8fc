// Owns authentication: Lucia-guide sessions, password hashing, sign-in throttling (codes and links arrive with the portal).
export * from './sessions';
