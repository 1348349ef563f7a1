/**
 * The annotation value that marks a case whose precondition did not hold. The fixtures set it in the
 * worker and the reporter reads it; it lives apart so the reporter need not load the fixtures.
 */
export const INCONCLUSIVE = 'INCONCLUSIVE';
