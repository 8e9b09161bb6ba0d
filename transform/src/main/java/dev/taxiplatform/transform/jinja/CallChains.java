package dev.taxiplatform.transform.jinja;

/**
 * Jinja2 lets the result of a call be called ({@code adapter.dispatch('x')(a, b)}); Jinjava's
 * parser does not. This rewrites such chains inside Jinja tags into {@code
 * __taxi_call(adapter.dispatch('x'), a, b)} before parsing.
 */
final class CallChains {
  static final String FUNCTION = "__taxi_call";

  private CallChains() {}

  static String rewrite(String text) {
    if (!text.contains(")(") && !text.matches("(?s).*\\)\\s+\\(.*")) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() + 32);
    int i = 0;
    while (i < text.length()) {
      int open = nextTagOpen(text, i);
      if (open < 0) {
        out.append(text, i, text.length());
        break;
      }
      String close = text.charAt(open + 1) == '{' ? "}}" : "%}";
      int end = text.indexOf(close, open + 2);
      if (end < 0) {
        out.append(text, i, text.length());
        break;
      }
      out.append(text, i, open + 2);
      out.append(rewriteExpression(text.substring(open + 2, end)));
      out.append(close);
      i = end + 2;
    }
    return out.toString();
  }

  private static int nextTagOpen(String text, int from) {
    int expression = text.indexOf("{{", from);
    int statement = text.indexOf("{%", from);
    if (expression < 0) {
      return statement;
    }
    if (statement < 0) {
      return expression;
    }
    return Math.min(expression, statement);
  }

  /** Rewrites the innermost-first call chains of one tag's code until none are left. */
  static String rewriteExpression(String code) {
    String current = code;
    while (true) {
      int chain = findChain(current);
      if (chain < 0) {
        return current;
      }
      int closeFirst = chain;
      int openFirst = matchingOpen(current, closeFirst);
      int calleeStart = calleeStart(current, openFirst);
      int openSecond = current.indexOf('(', closeFirst + 1);
      int closeSecond = matchingClose(current, openSecond);
      if (openFirst < 0 || closeSecond < 0) {
        return current;
      }
      String callee = current.substring(calleeStart, closeFirst + 1);
      String arguments = current.substring(openSecond + 1, closeSecond).strip();
      current =
          current.substring(0, calleeStart)
              + FUNCTION
              + "("
              + callee
              + (arguments.isEmpty() ? "" : ", " + arguments)
              + ")"
              + current.substring(closeSecond + 1);
    }
  }

  /** The index of a {@code )} that is followed (after spaces) by {@code (}, outside strings. */
  private static int findChain(String code) {
    char quote = 0;
    for (int i = 0; i < code.length(); i++) {
      char c = code.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == ')') {
        int j = i + 1;
        while (j < code.length() && Character.isWhitespace(code.charAt(j))) {
          j++;
        }
        if (j < code.length() && code.charAt(j) == '(') {
          return i;
        }
      }
    }
    return -1;
  }

  private static int matchingOpen(String code, int close) {
    int depth = 0;
    for (int i = close; i >= 0; i--) {
      char c = code.charAt(i);
      if (c == ')') {
        depth++;
      } else if (c == '(') {
        depth--;
        if (depth == 0) {
          return i;
        }
      }
    }
    return -1;
  }

  private static int matchingClose(String code, int open) {
    if (open < 0) {
      return -1;
    }
    int depth = 0;
    char quote = 0;
    for (int i = open; i < code.length(); i++) {
      char c = code.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
        if (depth == 0) {
          return i;
        }
      }
    }
    return -1;
  }

  /** Where the callee before {@code (} starts: an identifier chain such as {@code a.b.c}. */
  private static int calleeStart(String code, int open) {
    int i = open - 1;
    while (i >= 0 && Character.isWhitespace(code.charAt(i))) {
      i--;
    }
    while (i >= 0
        && (Character.isLetterOrDigit(code.charAt(i))
            || code.charAt(i) == '_'
            || code.charAt(i) == '.')) {
      i--;
    }
    return i + 1;
  }
}
