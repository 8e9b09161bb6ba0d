package dev.taxiplatform.transform.invocation;

import dev.taxiplatform.transform.execution.NodeResult;
import java.util.List;

/**
 * The outcome of an invocation.
 *
 * @param exitCode the process exit code ({@link ExitCodes})
 * @param results per-node results (empty for commands that run nothing)
 */
public record InvocationResult(int exitCode, List<NodeResult> results) {
  public InvocationResult {
    results = List.copyOf(results);
  }
}
