/** The credentials of every account that seed:scale creates (one argon2id hash shared by all). */
export const SCALE_PASSWORD = 'Skala-Negeri-Selangor-2026';
/** The normalised answer to each of the three security questions of every scale account. */
export const SCALE_ANSWER = 'nasi lemak';
