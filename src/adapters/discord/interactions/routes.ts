import type {
  AutocompleteInteraction,
  ButtonInteraction,
  ChatInputCommandInteraction,
  ModalSubmitInteraction,
} from 'discord.js';
import type { ChannelContext } from '../context';
import type { ParsedCustomId } from '../custom-ids';

/** One slash command: its base name (what `interaction.commandName` always is) and its handler. */
export interface CommandRoute {
  name: string;
  run(interaction: ChatInputCommandInteraction, ctx: ChannelContext): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, ctx: ChannelContext): Promise<void>;
}

type WithAction<A extends ParsedCustomId['action']> = Extract<ParsedCustomId, { action: A }>;

export type ButtonAction = 'approve' | 'reject' | 'approve-plan' | 'cancel' | 'cancel-all';
export type ModalAction = 'trade-modal' | 'confirm-approve' | 'confirm-plan';

/** One handler per button custom-id prefix; each receives its custom id already parsed. */
export type ButtonHandlers = {
  [A in ButtonAction]: (
    interaction: ButtonInteraction,
    id: WithAction<A>,
    ctx: ChannelContext,
  ) => Promise<void>;
};

export type ModalHandlers = {
  [A in ModalAction]: (
    interaction: ModalSubmitInteraction,
    id: WithAction<A>,
    ctx: ChannelContext,
  ) => Promise<void>;
};
