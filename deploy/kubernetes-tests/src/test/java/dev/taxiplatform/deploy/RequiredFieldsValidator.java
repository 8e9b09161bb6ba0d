package dev.taxiplatform.deploy;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** The npm kubernetes-models validators (JSON schemas: required fields, enumerations, formats). */
final class RequiredFieldsValidator {
  /** One object's verdict. */
  record Verdict(String kind, String name, String status, String error) {}

  private final NodeTools node;

  RequiredFieldsValidator(NodeTools node) {
    this.node = requireNonNull(node, "node");
  }

  List<Verdict> validate(List<KubeObject> objects) {
    String output =
        node.run(
            "validate-required.mjs",
            ChartRenderer.toJson(objects.stream().map(KubeObject::tree).toList()));
    try {
      return JsonMapper.builder().build().readValue(output, new TypeReference<List<Verdict>>() {});
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
