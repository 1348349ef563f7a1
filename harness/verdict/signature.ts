/**
 * A manifest entry's signature: a regular expression over a case's one-line failure message, so an
 * entry excuses that failure only. Kept apart from the manifest reader, whose YAML and schema
 * libraries a Playwright worker never needs: it only matches signatures.
 */

/** `literal` as a regular expression that matches exactly it. */
export const escapeRegExp = (literal: string): string => literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A signature for one observed failure message: the message itself, with what varies from run to run
 * (times, durations, ports, request ids) generalised, and what tells one failure from another
 * (statuses, counts, sizes, wording) kept literal.
 */
export function signatureOf(message: string): string {
  const text = message.slice(0, 400);
  // Request ids; loopback ports; a number after "t=" or "+" (a moment); a number followed by a unit of
  // time; any decimal number (measured, never a status or a count).
  const volatile =
    /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|(?<=127\.0\.0\.1:)\d+|(?<=t=|\+)\d+(?:\.\d+)?|\d+(?:\.\d+)?(?= ?(?:ms|s)\b)|\d+\.\d+/gi;
  let pattern = '^';
  let at = 0;
  for (const match of text.matchAll(volatile)) {
    pattern += escapeRegExp(text.slice(at, match.index));
    pattern += match[0].includes('-') ? '[0-9a-f-]{36}' : '\\d+(?:\\.\\d+)?';
    at = match.index + match[0].length;
  }
  pattern += escapeRegExp(text.slice(at));
  return message.length > 400 ? pattern : `${pattern}$`;
}

export function matchesSignature(expectation: { signature?: string }, message: string | undefined): boolean {
  return expectation.signature === undefined || new RegExp(expectation.signature).test(message ?? '');
}

/** Whether a manifest entry lists PASS among the verdicts the target's own timing decides between. */
export const allowsPass = (expectation: { verdict: string | readonly string[] }): boolean => [expectation.verdict].flat().includes('PASS');

/**
 * Why a failed case is not the failure a manifest entry excuses, or undefined when it is: the verdict
 * is one the entry allows (an INCONCLUSIVE only where it names INCONCLUSIVE) and the message matches.
 */
export function failedDifferently(
  expectation: { verdict: string | readonly string[]; signature?: string; note: string },
  observed: { inconclusive: boolean; message: string },
): string | undefined {
  const allowed = [expectation.verdict].flat();
  const allowsVerdict = observed.inconclusive
    ? allowed.includes('INCONCLUSIVE')
    : allowed.includes('FAIL') || allowed.includes('NON_STRICT');
  if (allowsVerdict && matchesSignature(expectation, observed.message)) return undefined;
  const verdict = observed.inconclusive ? 'INCONCLUSIVE' : 'FAIL';
  return `the manifest expects ${allowed.filter((verdict) => verdict !== 'PASS').join(' or ')} matching /${expectation.signature}/ (${expectation.note}); observed ${verdict}: ${observed.message}`;
}
