import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The clauses of docs/spec.md, the project's own statement of Lambda's streaming behaviour. Each
 * begins with an anchor line `<a id="ID"></a>` followed by `**ID.** statement`; cases cite them by ID.
 */
export interface SpecClause {
  id: string;
  statement: string;
  provenance: string;
}

export const SPEC_FILE = fileURLToPath(new URL('../../docs/spec.md', import.meta.url));

let cached: Map<string, SpecClause> | undefined;

export function specClauses(): Map<string, SpecClause> {
  if (cached) return cached;
  const text = readFileSync(SPEC_FILE, 'utf8');
  const clauses = new Map<string, SpecClause>();
  const anchor = /^<a id="([A-Z][A-Z0-9-]+)"><\/a>\n\*\*\1\.\*\* (.+)$/gm;
  for (const match of text.matchAll(anchor)) {
    const rest = text.slice(match.index + match[0].length);
    const provenance = /^Provenance: (\S+)/m.exec(rest)?.[1] ?? 'unknown';
    clauses.set(match[1]!, { id: match[1]!, statement: match[2]!, provenance });
  }
  cached = clauses;
  return clauses;
}

/** Where a clause is read: docs/spec.md of this installation, at the clause's anchor. */
export const clauseLink = (id: string) => `${new URL('../../docs/spec.md', import.meta.url).href}#${id}`;
