package dev.taxiplatform.infra.stack;

import dev.taxiplatform.core.cli.TextTable;
import dev.taxiplatform.core.stack.ServiceState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The stack's services as a table, as {@code up} and {@code status} print them. */
final class StatusTable {
  private StatusTable() {}

  static String render(List<ServiceState> services, Path workingDirectory) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"SERVICE", "KIND", "ENDPOINT", "PID", "HEALTH", "RESTARTS", "LOG"});
    for (ServiceState service : services) {
      rows.add(
          new String[] {
            service.name(),
            service.kind().name().toLowerCase(Locale.ROOT),
            service.endpoint(),
            service.pid() == 0 ? "-" : Long.toString(service.pid()),
            service.health().name().toLowerCase(Locale.ROOT),
            Integer.toString(service.restarts()),
            service.logFile().isEmpty()
                ? "-"
                : relative(Path.of(service.logFile()), workingDirectory)
          });
    }
    return TextTable.render(rows);
  }

  private static String relative(Path path, Path workingDirectory) {
    Path absolute = workingDirectory.toAbsolutePath().normalize();
    return path.startsWith(absolute) ? absolute.relativize(path).toString() : path.toString();
  }
}
