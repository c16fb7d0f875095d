import type { Desk, Locale } from '../../app/desk-api';
import type { CardRef } from '../../app/trading-store';
import { BoundedMap } from './bounded-map';
import { safeError } from './safe-error';
import type { DiscordLogger } from './logger';

export interface CardLocation {
  ref: CardRef;
  /** The language the card's thread speaks (follow-ups use it). */
  locale: Locale;
}

/**
 * Where each intent's card lives, so order updates find their thread and the clock can close a card. The
 * desk stores it (`attachCard`, the intent's cardRef); the in-memory copy saves a read and covers a failed store.
 */
export class CardRegistry {
  private readonly locations = new BoundedMap<string, CardLocation>(10_000);

  constructor(
    private readonly desk: Desk,
    private readonly logger: DiscordLogger,
  ) {}

  /** A card was just posted: remember it and have the desk store it. A failed store only loses the restart case. */
  async record(intentId: string, ref: CardRef, locale: Locale): Promise<void> {
    this.locations.set(intentId, { ref, locale });
    try {
      await this.desk.attachCard(intentId, ref);
    } catch (error) {
      this.logger.warn({ err: safeError(error), intentId }, 'could not store the card ref; kept in memory');
    }
  }

  /** Learned from a click on the card (e.g. after a restart): memory only, the desk already has it or never will. */
  note(intentId: string, ref: CardRef, locale: Locale): void {
    const known = this.locations.get(intentId);
    this.locations.set(intentId, { ref, locale: known?.locale ?? locale });
  }

  find(intentId: string, persisted: CardRef | null, fallbackLocale: Locale): CardLocation | null {
    const known = this.locations.get(intentId);
    if (known) return known;
    if (persisted?.channel === 'discord') return { ref: persisted, locale: fallbackLocale };
    return null;
  }
}
