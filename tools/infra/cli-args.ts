export const COMMANDS = ['up', 'start', 'stop', 'test', 'bench', 'status', 'help'] as const;
export type Command = (typeof COMMANDS)[number];

export interface CliArgs {
  command: Command;
  /** Arguments after the command (unused today, kept for the commands that may want them). */
  rest: string[];
}

export const USAGE =
  'usage: npm run infra -- <up|start|stop|test|bench|status>  (npm start|stop|test|bench)';

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

function isCommand(value: string): value is Command {
  return (COMMANDS as readonly string[]).includes(value);
}

/** `main.ts up` → { command: 'up' }; no argument → status; -h/--help → help. */
export function parseCliArgs(argv: readonly string[]): CliArgs {
  const [first, ...rest] = argv;
  if (first === undefined) return { command: 'status', rest: [] };
  if (first === '-h' || first === '--help') return { command: 'help', rest };
  if (!isCommand(first)) throw new UsageError(`unknown command "${first}"; ${USAGE}`);
  return { command: first, rest };
}
