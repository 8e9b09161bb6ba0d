package dev.taxiplatform.transform.seed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Seed columns get the type their values call for. */
class SeedTypesTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "1;2;3|integer",
        "1;;-3|integer",
        "1;2;3000000000|bigint",
        "1.5;2;-0.25|numeric",
        "1e3;2.5|numeric",
        "true;False;TRUE|boolean",
        "2024-01-01;2024-12-31|date",
        "2024-01-01 10:00:00;2024-01-02T11:30|timestamp without time zone",
        "2024-01-01;2024-01-02 10:00|text",
        "1;a|text",
        ";;|text",
        "yes;no|text",
      })
  void infers(String values, String type) {
    List<String> column =
        Arrays.stream(values.split(";", -1)).map(v -> v.isEmpty() ? null : v).toList();
    assertThat(SeedTypes.infer(column)).isEqualTo(type);
  }
}
