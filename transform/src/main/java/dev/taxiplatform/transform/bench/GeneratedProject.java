package dev.taxiplatform.transform.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A generated project of {@code models} models as real projects are shaped: staging views over
 * sources, layers of intermediate models each joining two earlier ones, a macro used everywhere,
 * configs in the project file and in models, and a property file with two tests per model.
 */
final class GeneratedProject {
  private GeneratedProject() {}

  static Path write(Path dir, int models) {
    Map<String, String> files = new LinkedHashMap<>();
    files.put(
        "dbt_project.yml",
        """
        name: generated
        profile: generated
        config-version: 2
        vars:
          start_date: '2024-01-01'
        models:
          generated:
            staging:
              +materialized: view
              +schema: staging
            layers:
              +materialized: table
              +tags: ["layers"]
        """);
    files.put(
        "macros/money.sql",
        "{% macro money(expression, scale=2) -%}\n    round(({{ expression }})::numeric, {{ scale }})\n{%- endmacro %}\n");
    int staging = Math.max(1, models / 10);
    StringBuilder sources = new StringBuilder("version: 2\nsources:\n  - name: raw\n    tables:\n");
    StringBuilder properties = new StringBuilder("version: 2\nmodels:\n");
    for (int i = 0; i < models; i++) {
      String name = "m%04d".formatted(i);
      String sql;
      if (i < staging) {
        sources.append("      - name: t%04d\n".formatted(i));
        sql =
            """
            select id, amount, created_at
            from {{ source('raw', 't%04d') }}
            where created_at >= '{{ var('start_date') }}'
            """
                .formatted(i);
        files.put("models/staging/" + name + ".sql", sql);
      } else {
        int left = (i * 7) % i;
        int right = (i * 13 + 5) % i;
        sql =
            """
            {{ config(materialized='%s') }}
            {%% set columns = ['id', 'amount'] %%}
            select
                {%% for column in columns -%%}
                l.{{ column }}{%% if not loop.last %%},{%% endif %%}
                {%% endfor %%}, {{ money('l.amount + r.amount') }} as total
            from {{ ref('m%04d') }} as l
            join {{ ref('m%04d') }} as r using (id)
            {%% if is_incremental() %%}where l.id > (select max(id) from {{ this }}){%% endif %%}
            """
                .formatted(i % 5 == 0 ? "incremental" : "table", left, right);
        files.put("models/layers/layer%d/%s.sql".formatted(i / 100, name), sql);
      }
      properties.append(
          "  - name: %s\n    description: generated model %d\n    columns:\n      - name: id\n        data_tests: [not_null, unique]\n"
              .formatted(name, i));
    }
    files.put("models/sources.yml", sources.toString());
    files.put("models/properties.yml", properties.toString());
    return ProjectFiles.write(dir, files);
  }
}
