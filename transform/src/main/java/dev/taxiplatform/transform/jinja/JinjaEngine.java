package dev.taxiplatform.transform.jinja;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.el.JinjavaInterpreterResolver;
import com.hubspot.jinjava.el.ext.AbstractCallableMethod;
import com.hubspot.jinjava.el.ext.NamedParameter;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.ContextConfigurationIF.ErrorHandlingStrategyIF.TemplateErrorTypeHandlingStrategy;
import com.hubspot.jinjava.interpret.ErrorHandlingStrategy;
import com.hubspot.jinjava.interpret.InterpretException;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.fn.MacroFunction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jinjava.javax.el.CompositeELResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders dbt templates with Jinjava, configured to behave as Jinja2 does for dbt: Python-style
 * printing of values, Jinja2's whitespace handling (no trim or lstrip of blocks, the final newline
 * dropped), macros visible from every template, {@code return()}, and errors that stop the render
 * and name the file and line.
 *
 * <p>Macros are loaded once ({@link #create}); later files override earlier ones with the same
 * name, which is how a project overrides a built-in macro. An engine is safe to use from several
 * threads once created: each render has its own context.
 */
public final class JinjaEngine {
  private static final Logger LOG = LoggerFactory.getLogger(JinjaEngine.class);
  static final String FAILURE_KEY = "__taxi_failure__";
  private static final String PATH_KEY = "__taxi_template_path__";
  private static final Pattern UNSUPPORTED_BLOCK =
      Pattern.compile("\\{%-?\\s*(materialization|snapshot|endmaterialization|endsnapshot)\\b");
  private static final Pattern TEST_BLOCK = Pattern.compile("\\{%(-?)\\s*test\\s+([A-Za-z_]\\w*)");
  private static final Pattern END_TEST_BLOCK = Pattern.compile("\\{%(-?)\\s*endtest\\s*(-?)%}");

  private static final PythonOutputStrategy OUTPUT = new PythonOutputStrategy();

  private final Jinjava jinjava;
  private final JinjavaConfig config;
  private final Context macros;
  private final Map<String, Map<String, MacroFunction>> namespaces = new LinkedHashMap<>();

  private JinjaEngine(Jinjava jinjava, JinjavaConfig config, Context macros) {
    this.jinjava = jinjava;
    this.config = config;
    this.macros = macros;
  }

  /**
   * Creates an engine whose templates see the macros defined in {@code macroFiles} (in order: a
   * later definition replaces an earlier one of the same name) and the given global functions. Each
   * package's macros are also reachable through its namespace: {@code package.macro(...)}.
   */
  public static JinjaEngine create(List<MacroFile> macroFiles, List<MacroFunction> globals) {
    CompositeELResolver resolver = new CompositeELResolver();
    resolver.add(new PythonMethodResolver());
    resolver.add(JinjavaInterpreterResolver.DEFAULT_RESOLVER_READ_WRITE);
    JinjavaConfig config =
        JinjavaConfig.newBuilder()
            .withEnableRecursiveMacroCalls(true)
            .withMaxMacroRecursionDepth(0)
            .withNestedInterpretationEnabled(false)
            .withFailOnUnknownTokens(false)
            .withKeepTrailingNewline(false)
            .withMaxRenderDepth(100)
            .withElResolver(resolver)
            .withLegacyOverrides(
                LegacyOverrides.newBuilder()
                    .withEvaluateMapKeys(true)
                    .withIterateOverMapKeys(true)
                    .withUsePyishObjectMapper(true)
                    .withUseNaturalOperatorPrecedence(true)
                    .withParseWhitespaceControlStrictly(true)
                    .withUseTrimmingForNotesAndExpressions(true)
                    .withKeepNullableLoopValues(true)
                    .withHandleBackslashInQuotesOnly(true)
                    .build())
            .build();
    Jinjava jinjava = new Jinjava(config);
    jinjava.getGlobalContext().registerTag(new ProjectMacroTag());
    DbtFilters.register(jinjava.getGlobalContext());
    Context macros = new Context(jinjava.getGlobalContext());
    for (MacroFunction global : globals) {
      macros.addGlobalMacro(global);
    }
    macros.addGlobalMacro(
        JavaFunction.of(
            "return",
            List.of("value"),
            (args, kwargs, varargs) -> {
              ReturnFrames.current().returnValue(args.get("value"));
              return "";
            }));
    macros.addGlobalMacro(
        JavaFunction.of(
            CallChains.FUNCTION,
            List.of(),
            (args, kwargs, varargs) -> {
              if (varargs.isEmpty() || !(varargs.get(0) instanceof AbstractCallableMethod callee)) {
                throw new IllegalArgumentException(
                    "'%s' is not callable".formatted(varargs.isEmpty() ? "None" : varargs.get(0)));
              }
              List<Object> parameters = new ArrayList<>(varargs.subList(1, varargs.size()));
              kwargs.forEach((name, value) -> parameters.add(new NamedParameter(name, value)));
              return callee.evaluate(parameters.toArray());
            }));
    JinjaEngine engine = new JinjaEngine(jinjava, config, macros);
    for (MacroFile file : macroFiles) {
      engine
          .namespaces
          .computeIfAbsent(file.packageName(), k -> new LinkedHashMap<>())
          .putAll(engine.loadMacros(file.source()));
    }
    engine.namespaces.forEach(macros::put);
    return engine;
  }

  /** Whether a macro of that name is defined (by the project or built in). */
  public boolean hasMacro(String name) {
    return macros.getGlobalMacro(name) != null;
  }

  /** The macro {@code name} of a package's namespace, if that package defines it. */
  public Optional<MacroFunction> macro(String packageName, String name) {
    return Optional.ofNullable(namespaces.getOrDefault(packageName, Map.of()).get(name));
  }

  /** Whether {@code name} is a package whose macros templates can call as {@code name.macro()}. */
  public boolean isNamespace(String name) {
    return namespaces.containsKey(name);
  }

  /** The macro of that name, if defined. */
  public Optional<MacroFunction> macro(String name) {
    return Optional.ofNullable(macros.getGlobalMacro(name));
  }

  /**
   * Renders a template.
   *
   * @param template the template and its path (for error messages)
   * @param bindings variables visible to the template
   * @param functions functions for this render only ({@code ref}, {@code config}, ...)
   * @return the rendered text
   * @throws TemplateException if the template cannot be rendered; the message names the file and
   *     the line
   */
  public String render(
      TemplateSource template, Map<String, ?> bindings, List<? extends MacroFunction> functions) {
    Objects.requireNonNull(template, "template");
    String text = withoutFinalNewline(prepare(template));
    UndefinedCalls.check(
        template, bindings.keySet(), functions, name -> hasMacro(name) || isNamespace(name));
    Context context = new Context(macros, bindings, config.getDisabled());
    throwErrors(context);
    context.setExpressionStrategy(OUTPUT);
    context.put(ReturnFrames.CONTEXT_KEY, new ReturnFrames());
    context.put(PATH_KEY, template.path());
    for (MacroFunction function : functions) {
      context.addGlobalMacro(function);
    }
    JinjavaInterpreter interpreter = new JinjavaInterpreter(jinjava, context, config);
    try {
      String rendered = interpreter.render(text);
      failIfErrors(template, interpreter);
      return rendered;
    } catch (TemplateException e) {
      throw e;
    } catch (InterpretException e) {
      throw translate(template, context, e.getLineNumber(), e.getMessage(), e);
    } catch (RuntimeException e) {
      throw translate(template, context, interpreter.getLineNumber(), e.toString(), e);
    }
  }

  private Map<String, MacroFunction> loadMacros(TemplateSource file) {
    String text = prepare(file);
    Context context = new Context(macros, Map.of(), config.getDisabled());
    throwErrors(context);
    context.setExpressionStrategy(OUTPUT);
    context.put(ReturnFrames.CONTEXT_KEY, new ReturnFrames());
    context.put(PATH_KEY, file.path());
    JinjavaInterpreter interpreter = new JinjavaInterpreter(jinjava, context, config);
    try {
      interpreter.render(text);
      failIfErrors(file, interpreter);
    } catch (InterpretException e) {
      throw translate(file, context, e.getLineNumber(), e.getMessage(), e);
    }
    // A macro file's macros become visible to every template.
    context.getGlobalMacros().values().forEach(macros::addGlobalMacro);
    return context.getGlobalMacros();
  }

  /**
   * Rewrites dbt's block tags that Jinjava lacks: {@code {% test name(...) %}} defines the macro
   * {@code test_name}. Blocks the engine does not support fail here with their line.
   */
  String prepare(TemplateSource template) {
    String text = template.text();
    checkFilters(template);
    Matcher unsupported = UNSUPPORTED_BLOCK.matcher(text);
    if (unsupported.find()) {
      throw new TemplateException(
          template.path(),
          lineOf(text, unsupported.start()),
          unsupported.group(1).contains("snapshot")
              ? "'{% snapshot %}' blocks belong in the project's snapshot paths (snapshots/)"
              : "'{%% %s %%}' blocks are not supported by this engine; custom materializations"
                      .formatted(unsupported.group(1))
                  + " must be rewritten as models",
          null);
    }
    text = CallChains.rewrite(text);
    if (text.contains("test")) {
      text = TEST_BLOCK.matcher(text).replaceAll("{%$1 macro test_$2");
      text = END_TEST_BLOCK.matcher(text).replaceAll("{%$1 endmacro $2%}");
    }
    return text;
  }

  private static final Pattern JINJA_REGION =
      Pattern.compile("\\{\\{(.*?)}}|\\{%(.*?)%}", Pattern.DOTALL);
  private static final Pattern STRING_LITERAL =
      Pattern.compile("'(?:[^'\\\\]|\\\\.)*'|\"(?:[^\"\\\\]|\\\\.)*\"");
  private static final Pattern FILTER_USE = Pattern.compile("\\|\\s*([A-Za-z_]\\w*)");

  /**
   * Jinjava renders an unknown filter as an empty value; Jinja2 fails. Checks every filter a
   * template uses before rendering it.
   */
  private void checkFilters(TemplateSource template) {
    String text = template.text();
    if (text.indexOf('|') < 0) {
      return;
    }
    Matcher region = JINJA_REGION.matcher(text);
    while (region.find()) {
      String code = region.group(1) != null ? region.group(1) : region.group(2);
      if (code.indexOf('|') < 0) {
        continue;
      }
      Matcher filter = FILTER_USE.matcher(STRING_LITERAL.matcher(code).replaceAll("''"));
      while (filter.find()) {
        String name = filter.group(1);
        if (jinjava.getGlobalContext().getFilter(name) == null) {
          throw new TemplateException(
              template.path(),
              lineOf(text, region.start()),
              "unknown filter '%s'; this engine supports Jinja2's built-in filters and dbt's as_text, as_bool, as_number, as_native"
                  .formatted(name),
              null);
        }
      }
    }
  }

  /**
   * Fails on Jinjava's first fatal error, naming the file and line; the others (Jinja2 would not
   * report them) are logged at debug level with where they arose.
   */
  static void failIfErrors(TemplateSource template, JinjavaInterpreter interpreter) {
    for (TemplateError error : interpreter.getErrors()) {
      if (error.getSeverity() == TemplateError.ErrorType.FATAL) {
        throw new TemplateException(
            template.path(), error.getLineno(), error.getMessage(), error.getException());
      }
      LOG.debug(
          "{}:{}: {} {} ({})",
          template.path(),
          error.getLineno(),
          error.getSeverity(),
          error.getMessage(),
          error.getReason());
    }
  }

  private static TemplateException translate(
      TemplateSource template, Context context, int line, String message, Throwable cause) {
    Object failure = context.get(FAILURE_KEY);
    if (failure instanceof TemplateException located) {
      return located;
    }
    if (failure instanceof RuntimeException original) {
      return new TemplateException(template.path(), line, original.getMessage(), original);
    }
    return new TemplateException(template.path(), line, clean(message), cause);
  }

  private static String clean(String message) {
    if (message == null) {
      return "unknown error";
    }
    return message.replaceFirst("^Error resolving expression \\[[^]]*]: ", "");
  }

  /**
   * Fatal errors stop the render (Jinjava's default collects them and renders on); warnings, such
   * as an undefined variable (empty in Jinja2 too), are ignored.
   */
  private static void throwErrors(Context context) {
    context.setErrorHandlingStrategy(
        ErrorHandlingStrategy.builder()
            .setFatalErrorStrategy(TemplateErrorTypeHandlingStrategy.THROW_EXCEPTION)
            .setNonFatalErrorStrategy(TemplateErrorTypeHandlingStrategy.IGNORE)
            .build());
  }

  /** Jinja2 (keep_trailing_newline off) drops one newline at the end of the template's source. */
  private static String withoutFinalNewline(String text) {
    if (text.endsWith("\r\n")) {
      return text.substring(0, text.length() - 2);
    }
    return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
  }

  static int lineOf(String text, int offset) {
    int line = 1;
    for (int i = 0; i < offset && i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  /** Records the first Java exception of a render, so the error reported is the original one. */
  static void recordFailure(RuntimeException failure) {
    JinjavaInterpreter interpreter = JinjavaInterpreter.getCurrent();
    if (interpreter != null && interpreter.getContext().get(FAILURE_KEY) == null) {
      Context root = interpreter.getContext();
      while (root.getParent() != null && root.getParent().get(PATH_KEY) != null) {
        root = root.getParent();
      }
      root.put(FAILURE_KEY, failure);
    }
  }
}
