package dev.taxiplatform.orchestrator.pipeline;

import dev.taxiplatform.core.cli.ExitCodes;
import dev.taxiplatform.core.cli.PlatformException;

/** A pipeline file that cannot be used: the message names the file, the task and the key. */
public final class PipelineException extends PlatformException {
  private static final long serialVersionUID = 1L;

  public PipelineException(String message) {
    super(ExitCodes.USAGE, message);
  }
}
