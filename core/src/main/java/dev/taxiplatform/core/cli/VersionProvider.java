package dev.taxiplatform.core.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The platform's version, as built. */
public final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {"Taxi Platform " + version(), "Java " + Runtime.version()};
  }

  /** The platform's version string, e.g. {@code 0.1.0-SNAPSHOT}. */
  public static String version() {
    try (InputStream in =
        VersionProvider.class.getResourceAsStream("/dev/taxiplatform/core/version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
