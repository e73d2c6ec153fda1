package rack.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code rack} command line (DESIGN B3). Exit codes: 0 ok, 1 findings (check), 2 error. */
@Command(
    name = "rack",
    mixinStandardHelpOptions = true,
    version = "rack 0.1.0",
    description = "Runs an infrastructure engineer's incident loops as durable Temporal workflows.",
    subcommands = {
      DevCommand.class,
      WorkerCommand.class,
      CheckCommand.class,
      MonitorCommand.class,
      LoopCommand.class,
      LoopsCommand.class,
      PrCommand.class,
      BaselineCommand.class,
      CommandLine.HelpCommand.class
    })
public final class RackCommand implements Runnable {
  public static final int OK = 0;
  public static final int FINDINGS = 1;
  public static final int ERROR = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(newCommandLine().execute(args));
  }

  /** Every failure the user can cause ends as one line on stderr and exit code 2, never a stack trace. */
  public static CommandLine newCommandLine() {
    CommandLine cli = new CommandLine(new RackCommand());
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      commandLine.getErr().println("rack: " + UserError.describe(e));
      if (System.getenv("RACK_DEBUG") != null) e.printStackTrace(commandLine.getErr());
      return ERROR;
    });
    cli.setParameterExceptionHandler((e, args) -> {
      e.getCommandLine().getErr().println("rack: " + e.getMessage());
      e.getCommandLine().getErr().println("(see: rack " + e.getCommandLine().getCommandName() + " --help)");
      return ERROR;
    });
    return cli;
  }
}
