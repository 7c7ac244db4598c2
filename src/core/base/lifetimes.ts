// How long things last and when they are worth a warning: shared by the pipeline (which dates a
// session) and what the user sees (which warns before it ends).

/** A session from `npm login` on the public registry lasts 2 hours. */
export const SESSION_LIFETIME_MS = 2 * 60 * 60_000;
/** A session this close to its end is shown as running out. */
export const SESSION_WARNING_MS = 15 * 60_000;
/** A token this close to its expiry is shown as running out. */
export const TOKEN_WARNING_MS = 3 * 24 * 60 * 60_000;
/** How long whoami, profile and token list answers are reused before a refresh asks again. */
export const ACCOUNT_FRESH_MS = 60_000;
