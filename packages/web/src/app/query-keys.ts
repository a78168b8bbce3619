/** Query-key roots, so that realtime events and mutations invalidate the same caches the pages read. */
export const queryKeys = {
  todos: ['home', 'todos'] as const,
  departments: ['org', 'departments'] as const,
  users: ['org', 'users'] as const,
  user: (id: number) => ['org', 'users', 'detail', id] as const,
  userOptions: ['org', 'user-options'] as const,
  teams: ['org', 'teams'] as const,
  systems: ['org', 'systems'] as const,
  roles: ['roles'] as const,
  roleHolders: (id: number) => ['roles', 'holders', id] as const,
  audit: ['audit'] as const,
  tokens: ['auth', 'tokens'] as const,
  timeline: (recordType: string, recordId: number) => ['timeline', recordType, recordId] as const,
  files: (recordType: string, recordId: number) => ['files', recordType, recordId] as const,
  tickets: ['tickets'] as const,
  /** The bell: unread count and the notification lists (a realtime `notification` event makes them stale). */
  notifications: ['notifications', 'inbox'] as const,
};

/** Which caches a change to a record type makes stale. */
export const RECORD_QUERY_KEYS: Record<string, readonly (readonly string[])[]> = {
  user: [queryKeys.users, queryKeys.userOptions, queryKeys.departments, queryKeys.teams, queryKeys.roles],
  department: [queryKeys.departments, queryKeys.users],
  team: [queryKeys.teams],
  system: [queryKeys.systems],
  role: [queryKeys.roles, queryKeys.users],
  grant: [queryKeys.roles, queryKeys.users],
  ticket: [queryKeys.tickets],
};
