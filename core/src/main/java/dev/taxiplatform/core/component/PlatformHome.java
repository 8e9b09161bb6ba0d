package dev.taxiplatform.core.component;

import dev.taxiplatform.core.cli.ExitCodes;
import dev.taxiplatform.core.cli.PlatformException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The platform's installation directory: the root of the source tree that holds the modules. */
public final class PlatformHome {
  /** System property naming the installation directory (set by the {@code platform} launcher). */
  public static final String PROPERTY = "platform.home";

  /** Environment variable naming the installation directory (set for component processes). */
  public static final String VARIABLE = "PLATFORM_HOME";

  private PlatformHome() {}

  /** The installation directory from {@code -Dplatform.home} or {@code PLATFORM_HOME}. */
  public static Path locate() {
    String location = System.getProperty(PROPERTY);
    if (location == null || location.isBlank()) {
      location = System.getenv(VARIABLE);
    }
    if (location == null || location.isBlank()) {
      throw new PlatformException(
          ExitCodes.USAGE,
          "Cannot tell where the platform is installed: run it through the ./platform launcher,"
              + " or set PLATFORM_HOME to the directory that holds it.");
    }
    Path home = Path.of(location).toAbsolutePath().normalize();
    if (!Files.isDirectory(home)) {
      throw new PlatformException(
          ExitCodes.USAGE, "The platform home %s is not a directory.".formatted(home));
    }
    return home;
  }
}
