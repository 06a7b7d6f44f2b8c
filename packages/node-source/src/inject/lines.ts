// Line arithmetic over a source string (1-based lines, JS string offsets), shared by finder and injector.

export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(readonly source: string) {
    for (let i = 0; i < source.length; i++) if (source.charCodeAt(i) === 10) this.starts.push(i + 1);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** offset of the first character of a 1-based line */
  lineStart(line: number): number {
    return this.starts[line - 1] ?? this.source.length;
  }

  /** offset just past the line's text: before its '\r\n' or '\n' (or the end of the source) */
  lineEnd(line: number): number {
    const next = this.starts[line];
    if (next === undefined) return this.source.length;
    return this.source.charCodeAt(next - 2) === 13 ? next - 2 : next - 1;
  }

  /** the 1-based line holding an offset */
  lineOf(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  lineText(line: number): string {
    return this.source.slice(this.lineStart(line), this.lineEnd(line));
  }

  isBlank(line: number): boolean {
    return this.lineText(line).trim() === '';
  }
}

/** The line ending new lines get: the file's own ('\r\n' when its first line break is one). */
export function lineEndingOf(source: string): '\r\n' | '\n' {
  const lf = source.indexOf('\n');
  return lf > 0 && source.charCodeAt(lf - 1) === 13 ? '\r\n' : '\n';
}
