/** The Shuyun mark: a rising line on the brand blue. Plain SVG so both ends can use it. */
export function BrandMark({ size = 32 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 64 64" aria-hidden="true" focusable="false">
      <rect width="64" height="64" rx="14" fill="#1668dc" />
      <path d="M14 44 L27 29 L36 37 L50 20" fill="none" stroke="#fff" strokeWidth="6" strokeLinecap="round" strokeLinejoin="round" />
      <circle cx="50" cy="20" r="4.5" fill="#7fe0c2" />
    </svg>
  );
}
