import { LabelBuilder, ModalBuilder, TextInputBuilder, TextInputStyle } from 'discord.js';
import { QUESTION_FIELD_ID, TICKER_FIELD_ID, TRADE_MODAL_ID } from '../custom-ids';
import type { Catalogs } from '../locale';
import { truncate } from '../text';

export const QUESTION_MAX_LENGTH = 1_000;
export const TICKER_MAX_LENGTH = 50;

/** The /trade modal: the question, and the ticker (prefilled when the command's option was given). */
export function renderTradeModal(catalogs: Catalogs, ticker?: string): ModalBuilder {
  const t = catalogs.text.trade;
  const question = new TextInputBuilder()
    .setCustomId(QUESTION_FIELD_ID)
    .setStyle(TextInputStyle.Paragraph)
    .setRequired(true)
    .setMinLength(1)
    .setMaxLength(QUESTION_MAX_LENGTH)
    .setPlaceholder(t.questionPlaceholder);
  const tickerInput = new TextInputBuilder()
    .setCustomId(TICKER_FIELD_ID)
    .setStyle(TextInputStyle.Short)
    .setRequired(false)
    .setMaxLength(TICKER_MAX_LENGTH)
    .setPlaceholder(t.tickerPlaceholder);
  const prefill = ticker?.trim();
  if (prefill) tickerInput.setValue(truncate(prefill, TICKER_MAX_LENGTH));
  return new ModalBuilder()
    .setCustomId(TRADE_MODAL_ID)
    .setTitle(t.modalTitle)
    .addLabelComponents(
      new LabelBuilder()
        .setLabel(t.questionLabel)
        .setDescription(t.questionDescription)
        .setTextInputComponent(question),
      new LabelBuilder()
        .setLabel(t.tickerLabel)
        .setDescription(t.tickerDescription)
        .setTextInputComponent(tickerInput),
    );
}
