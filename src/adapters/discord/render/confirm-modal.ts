import { LabelBuilder, ModalBuilder, TextInputBuilder, TextInputStyle } from 'discord.js';
import { CONFIRM_QUANTITY_FIELD_ID, confirmApproveId, confirmPlanId } from '../custom-ids';
import type { Catalogs } from '../locale';
import { truncate } from '../text';

function quantityInput(catalogs: Catalogs): TextInputBuilder {
  return new TextInputBuilder()
    .setCustomId(CONFIRM_QUANTITY_FIELD_ID)
    .setStyle(TextInputStyle.Short)
    .setRequired(true)
    .setMinLength(1)
    .setMaxLength(9)
    .setPlaceholder(catalogs.text.confirm.placeholder);
}

/** LIVE ✅: the approver types the card's quantity before anything is sent. */
export function renderConfirmApproveModal(
  intentId: string,
  order: { ticker: string; side: string },
  catalogs: Catalogs,
): ModalBuilder {
  const c = catalogs.text.confirm;
  return new ModalBuilder()
    .setCustomId(confirmApproveId(intentId))
    .setTitle(c.title)
    .addLabelComponents(
      new LabelBuilder()
        .setLabel(c.quantityLabel)
        .setDescription(truncate(c.quantityDescription(order.ticker, order.side), 100))
        .setTextInputComponent(quantityInput(catalogs)),
    );
}

/** LIVE "approve all": the approver types the total quantity of the legs still waiting. */
export function renderConfirmPlanModal(dailyRunId: string, legs: number, catalogs: Catalogs): ModalBuilder {
  const c = catalogs.text.confirm;
  return new ModalBuilder()
    .setCustomId(confirmPlanId(dailyRunId))
    .setTitle(c.title)
    .addLabelComponents(
      new LabelBuilder()
        .setLabel(c.planLabel)
        .setDescription(truncate(c.planDescription(legs), 100))
        .setTextInputComponent(quantityInput(catalogs)),
    );
}
