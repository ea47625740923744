// Bad usage of the `tessera` command: exit code 2, with a hint to the help of the command it concerns.
import type { COMMAND_USAGE } from './usage.js';

/** The subcommands. */
export type Command = keyof typeof COMMAND_USAGE;

/** Bad usage: reported with a hint to the help of `command` (or the main help), exit code 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly command?: Command,
  ) {
    super(message);
  }
}
