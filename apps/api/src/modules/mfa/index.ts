/** Two-factor sign-in's public face: the module (routes and throttle), and what admin and the purge job use. */
export { mfaModule } from './mfa.module.ts';
export { deleteEnabledMfa, findUsersWithMfa, purgeChallenges } from './mfa.repository.ts';
