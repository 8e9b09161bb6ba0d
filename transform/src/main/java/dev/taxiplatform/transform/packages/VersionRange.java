package dev.taxiplatform.transform.packages;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Semantic versions and the ranges {@code version:} takes ({@code 1.1.1}, {@code >=1.0.0}, ...).
 */
final class VersionRange {
  private static final Pattern RANGE =
      Pattern.compile("^\\s*(>=|<=|>|<|=|==)?\\s*v?([0-9][^\\s]*)\\s*$");

  private VersionRange() {}

  /** Whether the version has no pre-release part ({@code 1.2.0}, not {@code 1.2.0-b1}). */
  static boolean isRelease(String version) {
    return version.matches("\\d+(\\.\\d+)*");
  }

  static boolean matches(String version, String range) {
    Matcher matcher = RANGE.matcher(range);
    if (!matcher.matches()) {
      throw new DepsException(
          "Cannot read the version range '%s': write 1.2.3, >=1.0.0 or <2.0.0".formatted(range),
          false);
    }
    String operator = matcher.group(1) == null ? "=" : matcher.group(1);
    int comparison = compare(version, matcher.group(2));
    return switch (operator) {
      case ">=" -> comparison >= 0;
      case "<=" -> comparison <= 0;
      case ">" -> comparison > 0;
      case "<" -> comparison < 0;
      default -> comparison == 0;
    };
  }

  static int compare(String left, String right) {
    String[] a = left.split("[.-]");
    String[] b = right.split("[.-]");
    for (int i = 0; i < Math.max(a.length, b.length); i++) {
      int x = i < a.length ? number(a[i]) : 0;
      int y = i < b.length ? number(b[i]) : 0;
      if (x != y) {
        return Integer.compare(x, y);
      }
    }
    return 0;
  }

  private static int number(String part) {
    return part.matches("\\d+") ? Integer.parseInt(part) : -1;
  }
}
