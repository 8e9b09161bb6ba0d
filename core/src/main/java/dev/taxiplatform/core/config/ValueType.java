package dev.taxiplatform.core.config;

/**
 * How a configuration value is read from text and written back.
 *
 * @param <T> the Java type of the value
 */
public interface ValueType<T> {
  /**
   * Parses a raw value.
   *
   * @throws IllegalArgumentException when the text is not a valid value of this type
   */
  T parse(String raw);

  /** What is allowed, completing the sentence "Expected ...". */
  String allowed();

  /** The value as text, in the form {@link #parse} accepts. */
  default String format(T value) {
    return String.valueOf(value);
  }
}
