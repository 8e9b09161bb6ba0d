package dev.taxiplatform.transform.jinja;

import com.hubspot.jinjava.lib.fn.MacroFunction;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Jinja2 fails when a template calls a method of something undefined ({@code dbt_utils.star(...)}
 * without the package); Jinjava renders it as empty. This finds such calls before rendering: a
 * dotted call whose first name is neither a variable of the render, a function, a macro, nor a name
 * the template itself binds ({@code set}, {@code for}, macro parameters).
 */
final class UndefinedCalls {
  private static final Pattern REGION =
      Pattern.compile("\\{\\{(.*?)}}|\\{%(.*?)%}", Pattern.DOTALL);
  private static final Pattern STRING =
      Pattern.compile("'(?:[^'\\\\]|\\\\.)*'|\"(?:[^\"\\\\]|\\\\.)*\"");
  private static final Pattern DOTTED_CALL =
      Pattern.compile("(?<![\\w.)\\]])([A-Za-z_]\\w*)\\s*\\.\\s*[A-Za-z_]\\w*\\s*\\(");
  private static final Pattern BINDING =
      Pattern.compile(
          "^\\s*-?\\s*(?:set|for)\\s+([A-Za-z_][\\w\\s,]*?)\\s*(?:=|in\\b|-?$)|^\\s*-?\\s*(?:macro|test|call)\\b[^(]*\\(([^)]*)\\)",
          Pattern.DOTALL);
  private static final Set<String> ALWAYS =
      Set.of(
          "loop",
          "caller",
          "kwargs",
          "varargs",
          "self",
          "super",
          "namespace",
          "range",
          "dict",
          "cycler",
          "joiner",
          "lipsum",
          "modules",
          "api",
          "builtins",
          "graph");

  private UndefinedCalls() {}

  static void check(
      TemplateSource template,
      Set<String> variables,
      List<? extends MacroFunction> functions,
      Predicate<String> isMacro) {
    String text = template.text();
    if (text.indexOf('.') < 0) {
      return;
    }
    Set<String> known = new HashSet<>(variables);
    known.addAll(ALWAYS);
    functions.forEach(f -> known.add(f.getName()));
    Matcher region = REGION.matcher(text);
    while (region.find()) {
      if (region.group(2) != null) {
        Matcher binding = BINDING.matcher(STRING.matcher(region.group(2)).replaceAll("''"));
        if (binding.find()) {
          String names = binding.group(1) != null ? binding.group(1) : binding.group(2);
          for (String name : names.split(",")) {
            String trimmed = name.strip().split("\\s*=")[0].strip();
            if (!trimmed.isEmpty()) {
              known.add(trimmed);
            }
          }
        }
      }
    }
    region.reset();
    while (region.find()) {
      String code = region.group(1) != null ? region.group(1) : region.group(2);
      Matcher call = DOTTED_CALL.matcher(STRING.matcher(code).replaceAll("''"));
      while (call.find()) {
        String base = call.group(1);
        if (!known.contains(base) && !isMacro.test(base)) {
          throw new TemplateException(
              template.path(),
              JinjaEngine.lineOf(text, region.start()),
              ("'%s' is undefined. If it is a package (dbt_utils and the like), declare it in"
                      + " packages.yml and run `transform deps`; otherwise define the macro in the"
                      + " project's macros/")
                  .formatted(base),
              null);
        }
      }
    }
  }
}
