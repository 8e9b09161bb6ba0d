package dev.taxiplatform.core.ride;

/** Untrusted text made safe to print: control characters escaped, the length cut. */
public final class PrintableText {
  private PrintableText() {}

  /**
   * {@code value} with control characters as {@code \}{@code uXXXX}, cut after {@code maxChars}
   * characters (marked with "…").
   */
  public static String of(String value, int maxChars) {
    StringBuilder text = new StringBuilder();
    int shown = Math.min(value.length(), maxChars);
    for (int i = 0; i < shown; i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c == 0x7F) {
        text.append("\\u%04x".formatted((int) c));
      } else {
        text.append(c);
      }
    }
    return value.length() > shown ? text.append('…').toString() : text.toString();
  }
}
