/** How an answer forms in a thread: its own module so the channel context can name it without the streamer. */
export interface StreamingSettings {
  /** At most one edit of the growing answer per this many ms (Discord allows 5 message edits per 5 s). */
  editIntervalMs: number;
  /** The typing indicator lasts about 10 s; it is sent again this often while the turn runs. */
  typingIntervalMs: number;
}

export const DEFAULT_STREAMING: StreamingSettings = { editIntervalMs: 1_000, typingIntervalMs: 8_000 };
