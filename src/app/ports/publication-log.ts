/**
 * Keys of what a channel has published (plan cards, briefings), kept durably so a crash between posting and
 * the cycle's checkpoint does not post the same thing twice after the restart.
 */
export interface PublicationLog {
  has(key: string): Promise<boolean>;
  add(key: string): Promise<void>;
}
