import { stripVTControlCharacters } from 'node:util';
/**
 * The one line that says why a case failed: the assertion's own words, plus Expected/Received when
 * the matcher gave them (h2spec style). Reports print it, and manifest signatures are matched on it,
 * so both must read it the same way.
 */
export const stripAnsi = (text: string) => stripVTControlCharacters(text);

export function failureLine(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const lines = stripAnsi(text)
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const first = lines[0]?.replace(/^Error: /, '');
  if (!first || first.includes(' arrived')) return first;
  const expected = lines.find((line) => /^Expected( pattern| value| length)?:/.test(line));
  const received = lines.find((line) => /^Received( string| value| length)?:/.test(line));
  if (expected && /:\s*(true|false)$/.test(expected)) return first;
  if (expected && received)
    return `${first}: ${expected.replace(/^Expected[^:]*:\s*/, 'expected ')}, ${received.replace(/^Received[^:]*:\s*/, 'received ')}`;
  // `.not.toBe(x)` says only what it must not be.
  if (expected) return `${first}: ${expected.replace(/^Expected[^:]*:\s*/, 'expected ')}`;
  // A deep-equality diff: its "-" side is the expected value, its "+" side what arrived.
  const side = (sign: string) =>
    shorten(
      lines
        .filter((line) => line.startsWith(`${sign} `) && !/^[-+] (Expected|Received)\s/.test(line))
        .map((line) => line.slice(2).trim())
        .join(' '),
    );
  const [wanted, got] = [side('-'), side('+')];
  return wanted || got ? `${first}: expected ${wanted || '(nothing)'}, received ${got || '(nothing)'}` : first;
}

const shorten = (text: string) => (text.length > 160 ? `${text.slice(0, 157)}…` : text);
