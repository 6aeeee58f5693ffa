// What a Copy as cURL command must do, read back: the curl arguments of a request (`auth` from the token the shell
// holds), a command read by the grammar of the shell it is for, and a real shell's paste session checked against
// the requests pasted. Shared by the example tests and the properties of Copy as cURL.
import * as assert from 'node:assert/strict';
import { CurlShell, TOKEN_VARIABLE } from '../../src/core/api/curlCommand';
import { AUTH_HEADER, KoreRequest } from '../../src/core/api/koreRequest';
import { readCmdCommand } from './cmdWords';
import { PasteSession, RealShell } from './pasteIntoShell';
import { readPowerShellCommand } from './powerShellWords';
import { parseShellCommands, ShellStopped } from './shellWords';

/** The curl arguments (after its name) the command must give: method, URL, then each header with `auth` first. */
export function curlArguments(request: KoreRequest, token: string): string[] {
  const headers = [[AUTH_HEADER, token], ...Object.entries(request.headers)].flatMap(([name, value]) => ['--header', `${name}: ${value}`]);
  return ['--globoff', '--request', request.method, '--url', request.url, ...headers];
}

export type Reading = { readonly ran: readonly string[] } | { readonly stopped: string };

/** The command read by the grammar of the shell it is for: the curl arguments it runs, or what it says when it stops. */
export function readCommand(command: string, shell: CurlShell, variables: Record<string, string>): Reading {
  switch (shell) {
    case 'posix':
      try {
        const commands = parseShellCommands(command, variables);
        assert.equal(commands.length, 1, command);
        assert.equal(commands[0][0], 'curl');
        return { ran: commands[0].slice(1) };
      } catch (error) {
        if (error instanceof ShellStopped) return { stopped: error.said };
        throw error;
      }
    case 'powershell':
      return readPowerShellCommand(command, variables);
    case 'cmd':
      return readCmdCommand(command, variables, TOKEN_VARIABLE);
  }
}

/** Exactly one curl per paste, with exactly its request, and not a word from the shell. */
export function assertExactlyTheRequests(shell: RealShell, session: PasteSession, requests: readonly KoreRequest[], pastes: readonly string[], token: string): void {
  const context = `${shell}; pasted:\n${pastes.join('\n---\n')}\nstderr:\n${session.stderr}`;
  assert.equal(session.stderr, '', `the shell said something: ${context}`);
  assert.equal(session.stdout, '', context);
  assert.equal(session.recorded.filter((command) => command.name === 'prev').length, 1, `the command before the paste ran again (history expansion): ${context}`);
  assert.deepEqual(session.curlsPerPaste, requests.map((request) => [curlArguments(request, token)]), context);
}
