package dev.taxiplatform.transform.jinja;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Templates render exactly as Jinja2 renders them, for the constructs dbt projects use. */
class JinjaRenderingTest {
  private final JinjaEngine engine =
      JinjaEngine.create(
          List.of(
              new MacroFile(
                  "proj",
                  new TemplateSource(
                      "macros/util.sql",
                      """
                  {% macro cents_to_dollars(column, scale=2) -%}
                      round({{ column }} / 100.0, {{ scale }})
                  {%- endmacro %}

                  {% macro columns_of(kind) %}
                    {% if kind == 'money' %}{{ return(['fare', 'tip']) }}{% endif %}
                    {{ return(['id']) }}
                  {% endmacro %}

                  {% macro greeting(name) %}hello {{ name }}{% endmacro %}
                  """)),
              new MacroFile(
                  "proj",
                  new TemplateSource(
                      "macros/override.sql",
                      "{% macro greeting(name) %}hi {{ name | upper }}{% endmacro %}")),
              new MacroFile(
                  "proj",
                  new TemplateSource(
                      "tests/generic/positive.sql",
                      "{% test positive(model, column_name) %}\nselect * from {{ model }} where {{ column_name }} <= 0\n{% endtest %}"))),
          List.of());

  private String render(String template) {
    return engine.render(
        new TemplateSource("models/m.sql", template), Map.of("rows", List.of(1, 2)), List.of());
  }

  static List<Arguments> cases() {
    return List.of(
        Arguments.of(
            "select\n    {%- for c in ['a', 'b'] %}\n    {{ c }}{% if not loop.last %},{% endif %}\n    {%- endfor %}\nfrom t\n",
            "select\n    a,\n    b\nfrom t"),
        Arguments.of("select 1\n", "select 1"),
        Arguments.of("select 1\n\n", "select 1\n"),
        Arguments.of("a\n{% if true %}\nb\n{% endif %}\nc", "a\n\nb\n\nc"),
        Arguments.of("a\n{%- if true %}\nb\n{%- endif %}\nc", "a\nb\nc"),
        Arguments.of("a {# a comment #}b", "a b"),
        Arguments.of("{{ cents_to_dollars('amount') }}", "round(amount / 100.0, 2)"),
        Arguments.of("{{ cents_to_dollars('amount', scale=4) }}", "round(amount / 100.0, 4)"),
        Arguments.of("{{ greeting('ana') }}", "hi ANA"),
        Arguments.of("{% for c in columns_of('money') %}{{ c }};{% endfor %}", "fare;tip;"),
        Arguments.of("{% for c in columns_of('other') %}{{ c }};{% endfor %}", "id;"),
        Arguments.of("{{ test_positive('t', 'x') }}", "\nselect * from t where x <= 0\n"),
        Arguments.of(
            "{{ True }} {{ False }} {{ [1, 'a', True] }} {{ {'k': 'v'} }}",
            "True False [1, 'a', True] {'k': 'v'}"),
        Arguments.of("{{ 7 / 2 }} {{ 7 // 2 }} {{ 1.50 }} {{ 10 % 3 }}", "3.5 3 1.5 1"),
        Arguments.of("{% set x = 'abc' %}{{ x | upper }}-{{ x | length }}", "ABC-3"),
        Arguments.of(
            "{% for i in range(3) %}{{ loop.index }}{% if not loop.last %},{% endif %}{% endfor %}",
            "1,2,3"),
        Arguments.of(
            "{% for k, v in {'a': 1, 'b': 2}.items() %}{{ k }}={{ v }};{% endfor %}", "a=1;b=2;"),
        Arguments.of(
            "{{ 'a,b'.split(',') | join('|') }}|{{ ' x '.strip() }}|{{ 'Ab'.lower() }}|{{ 'ab'.upper() }}",
            "a|b|x|ab|AB"),
        Arguments.of("{{ 'abc'.startswith('a') }} {{ 'abc'.replace('b', 'B') }}", "True aBc"),
        Arguments.of("{{ ['b', 'a'] | sort | join(', ') }}", "a, b"),
        Arguments.of("{{ undefined_thing | default('fallback') }}", "fallback"),
        Arguments.of("[{{ undefined_thing }}]", "[]"),
        Arguments.of(
            "{{ rows | length }} {{ rows | sum }} {{ rows | first }} {{ rows | last }}", "2 3 1 2"),
        Arguments.of(
            "{% set parts = [] %}{% for r in rows %}{% do parts.append('p' ~ r) %}{% endfor %}{{ parts | join(',') }}",
            "p1,p2"),
        Arguments.of("{{ 'x' if rows else 'y' }}", "x"),
        Arguments.of("{{ \"%s-%s\" | format(1, 2) }}", "1-2"),
        Arguments.of(
            "{%- set cols = ['a', 'b'] -%}\nselect {{ cols | join(', ') }}", "select a, b"),
        Arguments.of(
            "{{ '1.5' | as_number + 1 }} {{ 'true' | as_bool }} {{ 5 | as_text }}", "2.5 True 5"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("cases")
  void rendersAsJinja2(String template, String expected) {
    assertThat(render(template)).isEqualTo(expected);
  }

  @Test
  void anUnknownTagFailsWithItsFileAndLine() {
    assertThatThrownBy(() -> render("select 1\n{% snapshot x %}"))
        .isInstanceOf(TemplateException.class)
        .hasMessage(
            "Compilation Error in models/m.sql (line 2): '{% snapshot %}' blocks belong in the"
                + " project's snapshot paths (snapshots/)");
    assertThatThrownBy(() -> render("a\n\n{% frobnicate %}"))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("models/m.sql")
        .hasMessageContaining("Unknown tag: frobnicate");
  }

  @Test
  void anUnknownFunctionOrFilterFailsInsteadOfRenderingEmpty() {
    assertThatThrownBy(() -> render("select\n{{ dbt_utils.star('x') }}"))
        .isInstanceOf(TemplateException.class)
        .hasMessageStartingWith("Compilation Error in models/m.sql (line 2):");
    assertThatThrownBy(() -> render("select\n{{ nope(1) }}"))
        .isInstanceOf(TemplateException.class)
        .hasMessage(
            "Compilation Error in models/m.sql (line 2): Syntax error in 'nope(1)': Could not resolve function 'nope'");
    assertThatThrownBy(() -> render("select 1\n\n{{ 'x' | shout }}"))
        .hasMessage(
            "Compilation Error in models/m.sql (line 3): unknown filter 'shout'; this engine supports Jinja2's built-in filters and dbt's as_text, as_bool, as_number, as_native");
  }
}
