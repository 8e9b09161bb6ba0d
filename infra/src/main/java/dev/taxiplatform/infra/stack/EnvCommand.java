package dev.taxiplatform.infra.stack;

import dev.taxiplatform.core.cli.ConfigOptions;
import dev.taxiplatform.core.cli.ExitCodes;
import dev.taxiplatform.core.connect.ConnectionEnvironment;
import dev.taxiplatform.core.connect.Connections;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code platform env}: shell exports that point tools at the stack's servers. */
@Command(
    name = "env",
    mixinStandardHelpOptions = true,
    description = {
      "Print shell exports pointing tools at the stack's servers (Kafka, S3, PostgreSQL),"
          + " including the generated credentials:",
      "  eval \"$(./platform env)\"; aws --endpoint-url \"$S3_ENDPOINT\" s3 ls; psql"
    })
public final class EnvCommand implements Callable<Integer> {
  @Mixin private ConfigOptions configOptions;

  @Override
  public Integer call() {
    Map<String, String> environment =
        ConnectionEnvironment.all(new Connections(configOptions.load()));
    environment.forEach(
        (name, value) -> System.out.printf("export %s=%s%n", name, shellQuote(value)));
    return ExitCodes.SUCCESS;
  }

  static String shellQuote(String value) {
    return "'" + value.replace("'", "'\"'\"'") + "'";
  }
}
