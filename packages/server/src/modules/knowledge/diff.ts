export interface DiffLine {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}

const MAX_LINES = 2000;

/**
 * A line-based diff (longest common subsequence) of two texts: what a reader needs to see what changed
 * between two versions. Very long texts are compared as a whole replacement past MAX_LINES.
 */
export function lineDiff(before: string, after: string): DiffLine[] {
  const a = before ? before.split('\n') : [];
  const b = after ? after.split('\n') : [];
  if (a.length > MAX_LINES || b.length > MAX_LINES) {
    return [...a.map((text) => ({ op: 'delete' as const, text })), ...b.map((text) => ({ op: 'insert' as const, text }))];
  }
  // lcs[i][j]: length of the LCS of a[i..] and b[j..].
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      const row = lcs[i] as number[];
      row[j] =
        a[i] === b[j]
          ? ((lcs[i + 1] as number[])[j + 1] as number) + 1
          : Math.max((lcs[i + 1] as number[])[j] as number, row[j + 1] as number);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      out.push({ op: 'equal', text: a[i] as string });
      i++;
      j++;
    } else if (((lcs[i + 1] as number[])[j] as number) >= ((lcs[i] as number[])[j + 1] as number)) {
      out.push({ op: 'delete', text: a[i++] as string });
    } else {
      out.push({ op: 'insert', text: b[j++] as string });
    }
  }
  while (i < a.length) out.push({ op: 'delete', text: a[i++] as string });
  while (j < b.length) out.push({ op: 'insert', text: b[j++] as string });
  return out;
}
