/** A bounded log: targets attach it to failing cases, so it must never grow with a long run. */
export class LogBuffer {
  private lines: string[] = [];

  constructor(private readonly maxLines = 4000) {}

  add(source: string, text: string): void {
    for (const line of text.split('\n')) {
      if (line.length === 0) continue;
      this.lines.push(`${new Date().toISOString()} [${source}] ${line}`);
    }
    if (this.lines.length > this.maxLines) this.lines.splice(0, this.lines.length - this.maxLines);
  }

  text(): string {
    return this.lines.join('\n');
  }
}
