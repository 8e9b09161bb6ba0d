package dev.taxiplatform.core.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Runs a picocli command with the platform's conventions: a {@link PlatformException} prints its
 * message (no stack trace) and exits with its code, bad usage and an unwritable data directory
 * ({@link UnwritablePath}) exit with {@link ExitCodes#USAGE}, anything unexpected prints its stack
 * trace and exits with {@link ExitCodes#FAILED}.
 */
public final class CommandRunner {
  private CommandRunner() {}

  /** Builds the command line for {@code command} with the platform's error handling. */
  public static CommandLine commandLine(Object command) {
    CommandLine commandLine = new CommandLine(command);
    commandLine.setExecutionExceptionHandler(CommandRunner::handleExecutionException);
    commandLine.setParameterExceptionHandler(CommandRunner::handleParameterException);
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    return commandLine;
  }

  /** Runs {@code command} with {@code args} and returns the exit code. */
  public static int run(Object command, String... args) {
    return commandLine(command).execute(args);
  }

  /** Runs {@code command} with {@code args} and exits the JVM with the command's exit code. */
  public static void runAndExit(Object command, String... args) {
    System.exit(run(command, args));
  }

  private static int handleExecutionException(
      Exception exception, CommandLine commandLine, CommandLine.ParseResult parseResult) {
    PrintWriter err = commandLine.getErr();
    PlatformException platformException =
        UnwritablePath.in(exception).orElseGet(() -> findPlatformException(exception));
    if (platformException != null) {
      err.println(
          commandLine.getColorScheme().errorText("error: " + platformException.getMessage()));
      err.flush();
      return platformException.exitCode();
    }
    err.println(
        commandLine
            .getColorScheme()
            .errorText("error: " + commandLine.getCommandName() + " failed unexpectedly:"));
    exception.printStackTrace(err);
    err.flush();
    return ExitCodes.FAILED;
  }

  private static int handleParameterException(
      CommandLine.ParameterException exception, String[] args) {
    CommandLine commandLine = exception.getCommandLine();
    PrintWriter err = commandLine.getErr();
    err.println(commandLine.getColorScheme().errorText("error: " + exception.getMessage()));
    CommandLine.UnmatchedArgumentException.printSuggestions(exception, err);
    err.println(
        "Run '%s --help' for usage.".formatted(commandLine.getCommandSpec().qualifiedName()));
    err.flush();
    return ExitCodes.USAGE;
  }

  private static PlatformException findPlatformException(Throwable throwable) {
    for (Throwable t = throwable; t != null; t = t.getCause()) {
      if (t instanceof PlatformException platformException) {
        return platformException;
      }
    }
    return null;
  }
}
