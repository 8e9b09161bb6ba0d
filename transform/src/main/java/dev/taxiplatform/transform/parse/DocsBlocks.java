package dev.taxiplatform.transform.parse;

import dev.taxiplatform.transform.project.ProjectException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads {@code {% docs name %}...{% enddocs %}} blocks from Markdown files. */
final class DocsBlocks {
  private static final Pattern BLOCK =
      Pattern.compile(
          "\\{%-?\\s*docs\\s+([A-Za-z_][\\w]*)\\s*-?%}(.*?)\\{%-?\\s*enddocs\\s*-?%}",
          Pattern.DOTALL);

  private DocsBlocks() {}

  static Map<String, String> parse(String text, String origin) {
    Map<String, String> blocks = new LinkedHashMap<>();
    Matcher matcher = BLOCK.matcher(text);
    while (matcher.find()) {
      String name = matcher.group(1);
      if (blocks.containsKey(name)) {
        throw new ProjectException("%s defines the docs block '%s' twice".formatted(origin, name));
      }
      blocks.put(name, matcher.group(2).strip());
    }
    return blocks;
  }
}
