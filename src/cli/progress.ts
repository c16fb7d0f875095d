/** `[#####-----] 5/10`: the progress bar the CLIs draw on stderr (only when stderr is a terminal). */
export function progressBar(done: number, total: number, width = 30): string {
  const filled = Math.round((Math.min(done, total) / Math.max(1, total)) * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total}`;
}
