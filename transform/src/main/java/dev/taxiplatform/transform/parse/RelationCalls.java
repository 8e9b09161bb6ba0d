package dev.taxiplatform.transform.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code ref(...)} and {@code source(...)} calls written in a test's arguments. */
final class RelationCalls {
  private static final Pattern CALL =
      Pattern.compile(
          "\\b(ref|source)\\s*\\(\\s*(['\\\"])([^'\\\"]+)\\2\\s*(?:,\\s*(['\\\"])([^'\\\"]+)\\4\\s*)?\\)");

  private RelationCalls() {}

  /**
   * One call.
   *
   * @param function {@code ref} or {@code source}
   * @param arguments its string arguments
   */
  record Call(String function, List<String> arguments) {
    boolean isSource() {
      return function.equals("source");
    }
  }

  static List<Call> in(String text) {
    List<Call> calls = new ArrayList<>();
    if (text == null || (!text.contains("ref") && !text.contains("source"))) {
      return calls;
    }
    Matcher matcher = CALL.matcher(text);
    while (matcher.find()) {
      List<String> arguments = new ArrayList<>();
      arguments.add(matcher.group(3));
      if (matcher.group(5) != null) {
        arguments.add(matcher.group(5));
      }
      calls.add(new Call(matcher.group(1), arguments));
    }
    return calls;
  }
}
