import { Fragment, type ReactNode } from 'react';

/** Splits text and keys each piece by where it starts, so React can tell the pieces apart. */
function pieces(text: string, separator: RegExp): { at: number; text: string }[] {
  const out: { at: number; text: string }[] = [];
  let at = 0;
  for (const part of text.split(separator)) {
    out.push({ at, text: part });
    at += part.length + 1;
  }
  return out;
}

/**
 * The catalogue's descriptions are short markdown written by admins; this shows the parts they use
 * (paragraphs, line breaks, **bold**) as text, never as HTML.
 */
export function RichText({ text, className }: { text: string; className?: string }) {
  const paragraphs = pieces(text, /\n{2,}/).filter((p) => p.text.trim());
  return (
    <div className={className}>
      {paragraphs.map((paragraph, index) => (
        <p key={`p${paragraph.at}`} style={{ margin: index === paragraphs.length - 1 ? 0 : '0 0 8px' }}>
          {pieces(paragraph.text, /\n/).map((line, i) => (
            <Fragment key={`l${line.at}`}>
              {i > 0 && <br />}
              {bold(line.text)}
            </Fragment>
          ))}
        </p>
      ))}
    </div>
  );
}

/** The same text without markdown marks, for one-line previews. */
export function plainText(text: string): string {
  return text.replace(/\*\*/g, '').replace(/\s+/g, ' ').trim();
}

function bold(line: string): ReactNode[] {
  let at = 0;
  return line.split(/(\*\*[^*]+\*\*)/g).map((part) => {
    const key = `b${at}`;
    at += part.length;
    return part.startsWith('**') && part.endsWith('**') && part.length > 4 ? <strong key={key}>{part.slice(2, -2)}</strong> : part;
  });
}
