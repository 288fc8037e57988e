export { verifyStage, describePlan, VERIFY_OFF, type VerifyOptions, type VerifyContext } from './stage.js';
export { verifiersOf, parseVerifier, hostsOf, VerifySpecError, type Verifier, type HttpVerifier } from './spec.js';
export { DOCUMENTED_HOSTS, hostAllowed } from './hosts.js';
export { signV4, amzDate } from './schemes/sigv4.js';
export type { Transport } from './http.js';
export { verifiersTable } from './docs.js';
