import { describe, expect, it } from 'vitest';
import { foldLines } from './diff-view';

describe('diff folding', () => {
  it('keeps changes with context and folds long unchanged runs', () => {
    const eq = (text: string) => ({ op: 'equal' as const, text });
    const lines = [
      eq('a'),
      eq('b'),
      eq('c'),
      eq('d'),
      { op: 'delete' as const, text: 'e' },
      { op: 'insert' as const, text: 'E' },
      eq('f'),
      eq('g'),
      eq('h'),
      eq('i'),
    ];
    expect(foldLines(lines, 1)).toEqual([
      { op: 'gap', count: 3 },
      eq('d'),
      { op: 'delete', text: 'e' },
      { op: 'insert', text: 'E' },
      eq('f'),
      { op: 'gap', count: 3 },
    ]);
  });
});
