package dev.taxiplatform.transform.jinja;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.TemplateError;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The errors Jinjava records while rendering: a fatal one fails the render naming the file and
 * line, the others are logged; none is printed on standard error.
 */
class TemplateErrorsTest {
  private static final TemplateSource TEMPLATE = new TemplateSource("models/m.sql", "select 1");

  @Test
  void aFatalErrorNamesFileAndLineAndNothingIsPrinted() {
    JinjavaInterpreter interpreter = new Jinjava().newInterpreter();
    interpreter.addError(TemplateError.fromUnknownProperty("abc", "nope", 2));
    interpreter.addError(
        new TemplateError(
            TemplateError.ErrorType.FATAL,
            TemplateError.ErrorReason.EXCEPTION,
            TemplateError.ErrorItem.OTHER,
            "the render failed",
            null,
            7,
            null));

    String printed =
        standardErrorOf(
            () ->
                assertThatThrownBy(() -> JinjaEngine.failIfErrors(TEMPLATE, interpreter))
                    .isInstanceOf(TemplateException.class)
                    .hasMessage("Compilation Error in models/m.sql (line 7): the render failed"));

    assertThat(printed).isEmpty();
  }

  @Test
  void aWarningAloneIsNotAFailureAndIsNotPrinted() {
    JinjavaInterpreter interpreter = new Jinjava().newInterpreter();
    interpreter.addError(TemplateError.fromUnknownProperty("abc", "nope", 2));
    assertThat(interpreter.getErrors()).hasSize(1);

    assertThat(standardErrorOf(() -> JinjaEngine.failIfErrors(TEMPLATE, interpreter))).isEmpty();
  }

  private static String standardErrorOf(Runnable action) {
    PrintStream standardError = System.err;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      action.run();
    } finally {
      System.setErr(standardError);
    }
    return printed.toString(StandardCharsets.UTF_8);
  }
}
