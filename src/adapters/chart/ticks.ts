/** Compact labels: 1500000 → "1.5M", 25000 → "25K", 0.25 → "0.25". */
export function formatCompact(value: number): string {
  const abs = Math.abs(value);
  const trim = (n: number): string => String(Number(n.toFixed(2)));
  if (abs >= 1e9) return `${trim(value / 1e9)}B`;
  if (abs >= 1e6) return `${trim(value / 1e6)}M`;
  if (abs >= 1e3) return `${trim(value / 1e3)}K`;
  return trim(value);
}
