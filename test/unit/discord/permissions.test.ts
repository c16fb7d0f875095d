import { DiscordAPIError } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { missingPermissionOf } from '../../../src/adapters/discord/permissions';

const API = 'http://127.0.0.1:1/api/v10';

function apiError(code: number, method: string, path: string): DiscordAPIError {
  return new DiscordAPIError(
    { code, message: 'Missing Permissions' },
    code,
    403,
    method,
    `${API}${path}`,
    {},
  );
}

describe('missing Discord permissions', () => {
  it.each([
    ['creating a thread', 'POST', '/channels/111111111111111111/threads', 'CreatePublicThreads'],
    [
      'starting a thread from a message',
      'POST',
      '/channels/111111111111111111/messages/2222222222222222/threads',
      'CreatePublicThreads',
    ],
    ['posting in a channel', 'POST', '/channels/111111111111111111/messages', 'SendMessages'],
    ['changing a thread', 'PATCH', '/channels/111111111111111111', 'ManageThreads'],
  ])('when 50013 answers %s then the permission is named', (_label, method, path, permission) => {
    expect(missingPermissionOf(apiError(50013, method, path))).toEqual({
      permission,
      channelId: '111111111111111111',
    });
  });

  it('when 50013 answers a post in a thread then it is Send Messages in Threads', () => {
    const error = apiError(50013, 'POST', '/channels/333333333333333333/messages');

    expect(missingPermissionOf(error, (id) => id === '333333333333333333')?.permission).toBe(
      'SendMessagesInThreads',
    );
  });

  it('when the error is another Discord code or not a Discord error then it is not a missing permission', () => {
    expect(missingPermissionOf(apiError(50083, 'PATCH', '/channels/1/messages/2'))).toBeNull();
    expect(missingPermissionOf(new Error('Missing Permissions'))).toBeNull();
  });
});
