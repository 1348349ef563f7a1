/** The tag on lines a target marks as the function's own output, not the emulator's. */
export const FUNCTION_OUTPUT_TAG = 'function:';

/**
 * A bounded log: targets attach it to failing cases, so it must never grow with a long run. Lines
 * the function printed are tagged, so cases that judge the emulator's own record can leave them out.
 */
export class LogBuffer {
  private lines: string[] = [];

  constructor(private readonly maxLines = 4000) {}

  add(source: string, text: string, origin: 'emulator' | 'function' = 'emulator'): void {
    const tag = origin === 'function' ? `${FUNCTION_OUTPUT_TAG} ` : '';
    for (const line of text.split('\n')) {
      if (line.length === 0) continue;
      this.lines.push(`${new Date().toISOString()} [${source}] ${tag}${line}`);
    }
    if (this.lines.length > this.maxLines) this.lines.splice(0, this.lines.length - this.maxLines);
  }

  text(): string {
    return this.lines.join('\n');
  }

  /** The last lines one source wrote: with many processes in one log, what the one that failed said. */
  lastLinesOf(source: string, count = 15): string {
    return this.lines
      .filter((line) => line.includes(` [${source}] `))
      .slice(-count)
      .join('\n');
  }
}
