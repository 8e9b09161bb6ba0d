package dev.taxiplatform.deploy;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders the chart with Helm running inside the JVM (helm-java): no helm or kubectl binary. */
final class ChartRenderer {
  static final String RELEASE = "taxi";
  static final String RELEASE_NAMESPACE = "taxi-platform";

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private final Path chart;

  ChartRenderer(Path chart) {
    this.chart = requireNonNull(chart, "chart");
  }

  /** The chart in this source tree (the build passes its directory). */
  static ChartRenderer ofProject() {
    return new ChartRenderer(Path.of(System.getProperty("chart.dir", "../helm/taxi-platform")));
  }

  Path chart() {
    return chart;
  }

  RenderedChart render(Profile profile) {
    return render(profile, Map.of());
  }

  /** Renders a profile with values set on top ({@code --set key=value}). */
  RenderedChart render(Profile profile, Map<String, String> sets) {
    return RenderedChart.of(profile, parse(template(profile, sets)));
  }

  String template(Profile profile, Map<String, String> sets) {
    TemplateCommand command =
        new Helm(chart)
            .template()
            .withName(RELEASE)
            .withNamespace(RELEASE_NAMESPACE)
            .withKubeVersion("1.33.0");
    if (profile.valuesFile() != null) {
      command = command.withValuesFile(chart.resolve(profile.valuesFile()));
    }
    for (Map.Entry<String, String> set : new LinkedHashMap<>(sets).entrySet()) {
      command = command.set(set.getKey(), set.getValue());
    }
    return command.call();
  }

  /** The objects of a multi-document YAML stream, each as a JSON-like map. */
  static List<Map<String, Object>> parse(String yaml) {
    List<Map<String, Object>> objects = new ArrayList<>();
    try (YAMLParser parser = (YAMLParser) YAML.getFactory().createParser(yaml)) {
      var iterator = YAML.readValues(parser, Map.class);
      while (iterator.hasNext()) {
        @SuppressWarnings("unchecked")
        Map<String, Object> object = (Map<String, Object>) iterator.next();
        if (object != null && !object.isEmpty()) {
          objects.add(object);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return objects;
  }

  static String toJson(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
