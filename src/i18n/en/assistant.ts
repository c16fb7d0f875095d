/** English text of the assistant's own notes: the same keys as `ko/assistant.ts`. */
import type { AssistantMessages } from '../ko/assistant';

const sides = { BUY: 'buy', SELL: 'sell' } as const;

function won(value: number): string {
  return `₩${value.toLocaleString('en-US')}`;
}

export const assistantEn: AssistantMessages = {
  budgetOffline: (p) =>
    `Today's language-model budget ($${(p.budgetCents / 100).toFixed(2)}) is used up, so the offline planner answers.`,
  modelFailedOffline: 'The language model could not be reached, so the offline planner answers this time.',
  toolRoundLimit: (p) =>
    `I stopped after ${p.rounds} rounds of tool calls in a row. Please split the question into smaller ones.`,
  emptyAnswer: '(The model sent an empty answer.)',
  emptyMessage: 'The message is empty.',
  messageTooLong: (p) => `The message is too long (at most ${p.max} characters).`,
  conversationNotFound: 'This conversation is not known. Please start a new one.',
  invalidInput: 'The request is not well-formed.',
  orderNote: (p) =>
    p.fill
      ? `Desk note: the ${p.ticker} ${sides[p.side]} order filled ${p.fill.quantity} shares at ${won(p.fill.price)} (${p.filledQuantity}/${p.quantity} in total, status ${p.status}).`
      : `Desk note: the ${p.ticker} ${sides[p.side]} order for ${p.quantity} shares is now ${p.status}.`,
  summary: {
    title: (p) => `Conversation summary: ${p.title}`,
    questions: 'Questions',
    actions: 'Looked up / proposed',
    answer: 'Last answer',
    date: (p) => `Date ${p.date}`,
  },
};
