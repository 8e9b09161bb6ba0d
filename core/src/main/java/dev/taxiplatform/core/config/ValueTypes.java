package dev.taxiplatform.core.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The value types configuration keys use. */
public final class ValueTypes {
  private static final Pattern SIMPLE_DURATION =
      Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)?", Pattern.CASE_INSENSITIVE);
  private static final Pattern HOST_PORT = Pattern.compile("[A-Za-z0-9._\\-\\[\\]:]+:\\d{1,5}");

  private ValueTypes() {}

  /** Any non-blank text, trimmed. */
  public static ValueType<String> text() {
    return new ValueType<>() {
      @Override
      public String parse(String raw) {
        String trimmed = raw.trim();
        if (trimmed.isEmpty()) {
          throw new IllegalArgumentException("blank");
        }
        return trimmed;
      }

      @Override
      public String allowed() {
        return "a non-empty text";
      }
    };
  }

  /** An integer within {@code [min, max]}. */
  public static ValueType<Integer> integer(int min, int max) {
    return new ValueType<>() {
      @Override
      public Integer parse(String raw) {
        int value = Integer.parseInt(raw.trim());
        if (value < min || value > max) {
          throw new IllegalArgumentException("out of range");
        }
        return value;
      }

      @Override
      public String allowed() {
        return "an integer from %d to %d".formatted(min, max);
      }
    };
  }

  /** One of a fixed set of words (case-insensitive; the canonical spelling is kept). */
  public static ValueType<String> choice(String... choices) {
    List<String> allowed = List.of(choices);
    return new ValueType<>() {
      @Override
      public String parse(String raw) {
        String trimmed = raw.trim();
        return allowed.stream()
            .filter(c -> c.equalsIgnoreCase(trimmed))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("not one of " + allowed));
      }

      @Override
      public String allowed() {
        return "one of " + String.join(", ", allowed);
      }
    };
  }

  /** A TCP port. */
  public static ValueType<Integer> port() {
    return new ValueType<>() {
      private final ValueType<Integer> range = integer(1, 65535);

      @Override
      public Integer parse(String raw) {
        return range.parse(raw);
      }

      @Override
      public String allowed() {
        return "a TCP port from 1 to 65535";
      }
    };
  }

  /**
   * A file-system path; relative paths are kept relative (resolved against the working directory).
   */
  public static ValueType<Path> path() {
    return new ValueType<>() {
      @Override
      public Path parse(String raw) {
        String trimmed = raw.trim();
        if (trimmed.isEmpty()) {
          throw new IllegalArgumentException("blank");
        }
        try {
          return Path.of(trimmed);
        } catch (InvalidPathException e) {
          throw new IllegalArgumentException(e.getMessage(), e);
        }
      }

      @Override
      public String allowed() {
        return "a file-system path";
      }
    };
  }

  /**
   * A positive duration: a number with a unit ({@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h},
   * {@code 1d}), ISO-8601 ({@code PT30S}), or a bare number in {@code bareUnit}s.
   */
  public static ValueType<Duration> duration(String bareUnit) {
    return new ValueType<>() {
      @Override
      public Duration parse(String raw) {
        String trimmed = raw.trim();
        Duration value = parseDuration(trimmed, bareUnit);
        if (value.isNegative() || value.isZero()) {
          throw new IllegalArgumentException("not positive");
        }
        return value;
      }

      @Override
      public String allowed() {
        return "a positive duration such as 500ms, 30s, 5m, 2h or PT30S (a bare number means "
            + bareUnit
            + ")";
      }

      @Override
      public String format(Duration value) {
        return formatDuration(value);
      }
    };
  }

  /** A comma-separated list of {@code host:port} pairs, as Kafka's bootstrap servers. */
  public static ValueType<String> hostPortList() {
    return new ValueType<>() {
      @Override
      public String parse(String raw) {
        List<String> parts = Arrays.stream(raw.split(",", -1)).map(String::trim).toList();
        if (parts.isEmpty() || !parts.stream().allMatch(p -> HOST_PORT.matcher(p).matches())) {
          throw new IllegalArgumentException("not host:port");
        }
        return String.join(",", parts);
      }

      @Override
      public String allowed() {
        return "a comma-separated list of host:port pairs, e.g. broker-1:9092,broker-2:9092";
      }
    };
  }

  /** An absolute http or https URL. */
  public static ValueType<URI> httpUrl() {
    return new ValueType<>() {
      @Override
      public URI parse(String raw) {
        try {
          URI uri = new URI(raw.trim());
          String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
          if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new IllegalArgumentException("not an http(s) URL");
          }
          return uri;
        } catch (URISyntaxException e) {
          throw new IllegalArgumentException(e.getMessage(), e);
        }
      }

      @Override
      public String allowed() {
        return "an http:// or https:// URL with a host, e.g. http://localhost:4566";
      }
    };
  }

  /** An S3 bucket name as AWS defines it: 3-63 lower-case letters, digits, dots and hyphens. */
  public static ValueType<String> bucketName() {
    return new ValueType<>() {
      private final Pattern pattern = Pattern.compile("[a-z0-9][a-z0-9.\\-]{1,61}[a-z0-9]");

      @Override
      public String parse(String raw) {
        String trimmed = raw.trim();
        if (!pattern.matcher(trimmed).matches()) {
          throw new IllegalArgumentException("not a bucket name");
        }
        return trimmed;
      }

      @Override
      public String allowed() {
        return "a bucket name: 3 to 63 lower-case letters, digits, dots or hyphens";
      }
    };
  }

  /** One of an enum's constants, written in lower case with hyphens for underscores. */
  public static <E extends Enum<E>> ValueType<E> oneOf(Class<E> type) {
    return new ValueType<>() {
      @Override
      public E parse(String raw) {
        String wanted = raw.trim().replace('-', '_').toUpperCase(Locale.ROOT);
        for (E constant : type.getEnumConstants()) {
          if (constant.name().equals(wanted)) {
            return constant;
          }
        }
        throw new IllegalArgumentException("not one of " + allowed());
      }

      @Override
      public String allowed() {
        return "one of "
            + String.join(
                ", ", java.util.Arrays.stream(type.getEnumConstants()).map(this::format).toList());
      }

      @Override
      public String format(E value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
      }
    };
  }

  /** A host name or IP address (IPv6 with or without brackets), without scheme or port. */
  public static ValueType<String> host() {
    return new ValueType<>() {
      private final Pattern name =
          Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.\\-]{0,251}[A-Za-z0-9])?");
      private final Pattern ipv6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

      @Override
      public String parse(String raw) {
        String trimmed = raw.trim();
        String bare =
            trimmed.startsWith("[") && trimmed.endsWith("]")
                ? trimmed.substring(1, trimmed.length() - 1)
                : trimmed;
        if (!name.matcher(bare).matches() && !ipv6.matcher(bare).matches()) {
          throw new IllegalArgumentException("not a host");
        }
        return bare;
      }

      @Override
      public String allowed() {
        return "a host name or IP address without port, e.g. 127.0.0.1, 0.0.0.0 or kafka";
      }
    };
  }

  /** A region-based time zone id of the IANA database, such as {@code America/New_York}. */
  public static ValueType<ZoneId> timeZone() {
    return new ValueType<>() {
      @Override
      public ZoneId parse(String raw) {
        String trimmed = raw.trim();
        if (!trimmed.contains("/") && !trimmed.equals("UTC")) {
          throw new IllegalArgumentException("not a region time zone id");
        }
        try {
          return ZoneId.of(trimmed);
        } catch (DateTimeException e) {
          throw new IllegalArgumentException("not a known time zone id", e);
        }
      }

      @Override
      public String allowed() {
        return "an IANA time zone id such as America/New_York, Europe/Berlin or UTC";
      }
    };
  }

  /** A Kafka topic name: 1-249 letters, digits, dots, underscores or hyphens. */
  public static ValueType<String> topicName() {
    return new ValueType<>() {
      private final Pattern pattern = Pattern.compile("[A-Za-z0-9._\\-]{1,249}");

      @Override
      public String parse(String raw) {
        String trimmed = raw.trim();
        if (!pattern.matcher(trimmed).matches() || trimmed.equals(".") || trimmed.equals("..")) {
          throw new IllegalArgumentException("not a topic name");
        }
        return trimmed;
      }

      @Override
      public String allowed() {
        return "a topic name: 1 to 249 letters, digits, dots, underscores or hyphens";
      }
    };
  }

  private static Duration parseDuration(String text, String bareUnit) {
    if (text.toUpperCase(Locale.ROOT).startsWith("P")) {
      try {
        return Duration.parse(text.toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(e.getMessage(), e);
      }
    }
    Matcher matcher = SIMPLE_DURATION.matcher(text);
    if (!matcher.matches()) {
      throw new IllegalArgumentException("not a duration");
    }
    long amount = Long.parseLong(matcher.group(1));
    String unit = matcher.group(2) == null ? bareUnit : matcher.group(2).toLowerCase(Locale.ROOT);
    return switch (unit) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      case "d" -> Duration.ofDays(amount);
      default -> throw new IllegalStateException("unit " + unit);
    };
  }

  static String formatDuration(Duration value) {
    long millis = value.toMillis();
    if (millis % 86_400_000 == 0) {
      return millis / 86_400_000 + "d";
    }
    if (millis % 3_600_000 == 0) {
      return millis / 3_600_000 + "h";
    }
    if (millis % 60_000 == 0) {
      return millis / 60_000 + "m";
    }
    if (millis % 1000 == 0) {
      return millis / 1000 + "s";
    }
    return millis + "ms";
  }
}
