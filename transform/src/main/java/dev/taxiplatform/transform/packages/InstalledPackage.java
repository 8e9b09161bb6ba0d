package dev.taxiplatform.transform.packages;

import java.util.Map;
import java.util.Objects;

/**
 * A package installed by {@code deps}.
 *
 * @param name its project name (its directory under the install path)
 * @param lockEntry its entry in {@code package-lock.yml}
 * @param version what was installed, for the output ({@code 1.1.1}, a git revision, {@code local})
 */
public record InstalledPackage(String name, Map<String, Object> lockEntry, String version) {
  public InstalledPackage {
    Objects.requireNonNull(name, "name");
    lockEntry = Map.copyOf(lockEntry);
    Objects.requireNonNull(version, "version");
  }
}
