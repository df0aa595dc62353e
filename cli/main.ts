/**
 * `sdp-review`: the command line of the secretariat. Builds the program from one module per stage
 * or concern (cli/commands/), runs it, and exits with the code cli/errors.ts documents.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { auditCommand } from './commands/audit';
import { cancelCommand } from './commands/cancel';
import { resumeCommand } from './commands/resume';
import { deputyCommand, reassignCommand } from './commands/people';
import { remindCommand } from './commands/remind';
import { closeCommand, extendCommand, submitCommand, waiveCommand } from './commands/collecting';
import { draftCommand } from './commands/drafting';
import { listCommand } from './commands/list';
import { scheduleCommand } from './commands/schedule';
import { signCommand } from './commands/sign-off';
import { startCommand } from './commands/start';
import { statusCommand } from './commands/status';
import { timelineCommand } from './commands/timeline';
import { reportError } from './errors';
import { texts } from './texts';

/** Gives `cmd` and its subcommands the program's settings: `addCommand`, unlike `command`, does not. */
function adopt(parent: Command, cmd: Command): Command {
  cmd.copyInheritedSettings(parent);
  for (const sub of cmd.commands) adopt(cmd, sub);
  return cmd;
}

/**
 * The `sdp-review` program. Usage errors throw a CommanderError instead of exiting (exitOverride,
 * given to every command): `runCli` maps them to exit 2.
 */
export function buildProgram(): Command {
  const program = new Command('sdp-review').description(texts.program).exitOverride().showHelpAfterError();
  const commands = [
    startCommand(),
    statusCommand(),
    listCommand(),
    auditCommand(),
    scheduleCommand(),
    submitCommand(),
    draftCommand(),
    signCommand(),
    waiveCommand(),
    extendCommand(),
    closeCommand(),
    timelineCommand(),
    cancelCommand(),
    resumeCommand(),
    remindCommand(),
    reassignCommand(),
    deputyCommand(),
  ];
  for (const cmd of commands) program.addCommand(adopt(program, cmd));
  return program;
}

/** Runs the CLI on `argv` (as `process.argv`: node, script, arguments…); returns the exit code. */
export async function runCli(argv: string[]): Promise<number> {
  const program = buildProgram();
  let acting: string | undefined;
  program.hook('preAction', (_program, action) => {
    acting = action.name();
  });
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (err) {
    return reportError(err, acting);
  }
}

/**
 * Exits with `code` once stdout and stderr have been written out: a plain `process.exit` cuts a
 * piped output at 64 KiB (e.g. `audit --format json | jq`).
 */
export function exitAfterFlush(code: number): void {
  process.exitCode = code;
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}

// Run when executed directly (`tsx cli/main.ts …`); bin/sdp-review.mjs calls runCli itself.
if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // runCli reports every failure itself and resolves with the exit code.
  void runCli(process.argv).then(exitAfterFlush);
}
