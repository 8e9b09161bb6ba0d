package dev.taxiplatform.cli;

import dev.taxiplatform.core.cli.ConfigOptions;
import dev.taxiplatform.core.cli.ExitCodes;
import dev.taxiplatform.core.cli.TextTable;
import dev.taxiplatform.core.config.ConfigKey;
import dev.taxiplatform.core.config.ConfigKeys;
import dev.taxiplatform.core.config.PlatformConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code platform config}: the effective configuration and where each value came from. */
@Command(
    name = "config",
    mixinStandardHelpOptions = true,
    description = {
      "Print the effective configuration: every key, its value (secrets masked) and where the value"
          + " came from (default, file, env, flag).",
      "Fails with exit code 2, naming the key, when the configuration is invalid."
    })
final class ConfigCommand implements Callable<Integer> {
  @Mixin private ConfigOptions configOptions;

  @Option(
      names = "--reference",
      description =
          "Print the reference of all keys (Markdown) instead: key, environment variables, default, meaning.")
  private boolean reference;

  @Override
  public Integer call() {
    if (reference) {
      System.out.print(ConfigReference.markdown());
      return ExitCodes.SUCCESS;
    }
    PlatformConfig config = configOptions.load();
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"KEY", "VALUE", "SOURCE"});
    for (PlatformConfig.ResolvedValue value : config.entries()) {
      rows.add(new String[] {value.key().name(), value.display(), value.source().describe()});
    }
    System.out.println("Effective configuration (data directory " + config.dataDir() + "):");
    System.out.print(TextTable.render(rows));
    return ExitCodes.SUCCESS;
  }

  /** The key reference, also used to keep the README's table true. */
  static final class ConfigReference {
    private ConfigReference() {}

    static String markdown() {
      StringBuilder text = new StringBuilder();
      text.append("| key | environment | default | meaning |\n");
      text.append("| --- | --- | --- | --- |\n");
      for (ConfigKey<?> key : ConfigKeys.ALL) {
        text.append("| `")
            .append(key.name())
            .append("` | ")
            .append(
                String.join(
                    ", ", key.environmentVariables().stream().map(v -> "`" + v + "`").toList()))
            .append(" | ")
            .append(defaultText(key))
            .append(" | ")
            .append(key.description())
            .append(" |\n");
      }
      return text.toString();
    }

    private static <T> String defaultText(ConfigKey<T> key) {
      return key.defaultValue().map(v -> "`" + key.display(v) + "`").orElse("(unset)");
    }
  }
}
