package dev.taxiplatform.transform.invocation;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The engine's version, from the build. */
public final class Version {
  private Version() {}

  public static String current() {
    Properties properties = new Properties();
    try (InputStream in =
        Version.class.getResourceAsStream("/dev/taxiplatform/transform/version.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      return "unknown";
    }
    return properties.getProperty("version", "unknown");
  }
}
