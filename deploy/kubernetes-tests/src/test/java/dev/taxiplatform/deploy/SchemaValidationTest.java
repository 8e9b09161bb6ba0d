package dev.taxiplatform.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every rendered object validates: strictly against its Java model (fabric8, Strimzi 0.51.0) and
 * for required fields against the npm kubernetes-models schemas; each check is shown to fail on a
 * planted error.
 */
class SchemaValidationTest {
  /** Kinds no model here covers: checked by field lists below. */
  private static final Set<String> WITHOUT_MODEL = Set.of("Cluster");

  private static final Set<String> STRIMZI_KINDS = Set.of("Kafka", "KafkaNodePool", "KafkaTopic");

  private final ChartRenderer renderer = ChartRenderer.ofProject();
  private final StrictModelValidator strict = new StrictModelValidator();
  private final RequiredFieldsValidator required =
      new RequiredFieldsValidator(NodeTools.ofProject());

  @ParameterizedTest
  @EnumSource(
      value = Profile.class,
      names = {"MINIKUBE", "PRODUCTION"})
  void everyObjectDecodesStrictlyIntoItsModel(Profile profile) {
    RenderedChart chart = renderSparkAndIngressToo(profile);

    for (KubeObject object : chart.objects()) {
      if (WITHOUT_MODEL.contains(object.kind())) {
        continue;
      }
      assertThat(strict.covers(object)).as("a Java model for " + object.id()).isTrue();
      assertThat(strict.problems(object)).as(object.id()).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Profile.class,
      names = {"MINIKUBE", "PRODUCTION"})
  void everyObjectHasTheFieldsItsSchemaRequires(Profile profile) {
    RenderedChart chart = renderSparkAndIngressToo(profile);

    List<RequiredFieldsValidator.Verdict> verdicts = required.validate(chart.objects());

    assertThat(verdicts).hasSize(chart.objects().size());
    assertThat(verdicts)
        .filteredOn(v -> !v.status().equals("valid"))
        .allSatisfy(
            v -> {
              assertThat(v.status())
                  .as(v.kind() + " " + v.name() + ": " + v.error())
                  .isEqualTo("unknown-kind");
              assertThat(Set.of("Kafka", "KafkaNodePool", "KafkaTopic", "Cluster"))
                  .contains(v.kind());
            });
    assertThat(verdicts).filteredOn(v -> v.status().equals("valid")).hasSizeGreaterThan(30);
  }

  @Test
  void strimziKindsAreDecodedByStrimzisModel() {
    RenderedChart chart = renderer.render(Profile.PRODUCTION);

    assertThat(chart.objects()).filteredOn(o -> STRIMZI_KINDS.contains(o.kind())).hasSize(4);
    assertThat(chart.objects())
        .filteredOn(o -> STRIMZI_KINDS.contains(o.kind()))
        .allSatisfy(o -> assertThat(o.apiVersion()).isEqualTo("kafka.strimzi.io/v1"));
  }

  @Test
  void theCloudNativePgClusterUsesOnlyTheDocumentedFields() {
    KubeObject cluster =
        renderer.render(Profile.PRODUCTION).get("Cluster", "data", "taxi-warehouse");

    assertThat(cluster.apiVersion()).isEqualTo("postgresql.cnpg.io/v1");
    assertThat(cluster.spec().keySet())
        .containsExactlyInAnyOrder(
            "instances",
            "imageName",
            "primaryUpdateStrategy",
            "storage",
            "resources",
            "bootstrap",
            "managed",
            "minSyncReplicas",
            "maxSyncReplicas");
    assertThat(cluster.spec()).containsEntry("instances", 3);
    Map<String, Object> initdb =
        KubeObject.map(KubeObject.map(cluster.spec().get("bootstrap")).get("initdb"));
    assertThat(initdb)
        .containsEntry("database", "warehouse")
        .containsEntry("owner", "platform")
        .containsEntry("secret", Map.of("name", "taxi-platform-warehouse-owner"));
    List<Map<String, Object>> roles =
        KubeObject.listOfMaps(KubeObject.map(cluster.spec().get("managed")).get("roles"));
    assertThat(roles).hasSize(1);
    assertThat(roles.get(0).keySet())
        .containsExactlyInAnyOrder(
            "name", "ensure", "login", "inherit", "inRoles", "passwordSecret");
    assertThat(roles.get(0))
        .containsEntry("name", "platform_reader")
        .containsEntry("passwordSecret", Map.of("name", "taxi-platform-warehouse-reader"));
    assertThat(KubeObject.map(cluster.spec().get("storage")).keySet()).containsExactly("size");
  }

  @Test
  void theStrictModelCatchesAMisspelledFieldAndAWrongType() {
    KubeObject sink = renderer.render(Profile.MINIKUBE).get("Deployment", "processing", "sink");

    KubeObject misspelled =
        planted(sink, tree -> spec(tree).put("replica", spec(tree).remove("replicas")));
    KubeObject wrongType = planted(sink, tree -> spec(tree).put("replicas", "three"));

    assertThat(strict.problems(misspelled))
        .singleElement()
        .asString()
        .contains("unknown field(s) [replica]");
    assertThat(strict.problems(wrongType)).singleElement().asString().contains("three");
  }

  @Test
  void strimzisModelCatchesAMisspelledFieldAndAWrongType() {
    RenderedChart chart = renderer.render(Profile.PRODUCTION);
    KubeObject topic = chart.get("KafkaTopic", "streaming", "taxi-rides");

    KubeObject misspelled =
        planted(topic, tree -> spec(tree).put("partition", spec(tree).remove("partitions")));
    KubeObject wrongType = planted(topic, tree -> spec(tree).put("partitions", "six"));

    assertThat(strict.problems(misspelled)).singleElement().asString().contains("[partition]");
    assertThat(strict.problems(wrongType)).singleElement().asString().contains("six");
  }

  @Test
  void theSchemasCatchAMissingRequiredField() {
    RenderedChart chart = renderer.render(Profile.MINIKUBE);
    KubeObject sink = chart.get("Deployment", "processing", "sink");
    KubeObject service = chart.get("Service", "processing", "sink");

    KubeObject noSelector = planted(sink, tree -> spec(tree).remove("selector"));
    KubeObject noPort =
        planted(
            service, tree -> KubeObject.listOfMaps(spec(tree).get("ports")).get(0).remove("port"));

    List<RequiredFieldsValidator.Verdict> verdicts =
        required.validate(List.of(noSelector, noPort, sink));

    assertThat(verdicts.get(0).status()).isEqualTo("invalid");
    assertThat(verdicts.get(0).error()).contains("must have required property selector");
    assertThat(verdicts.get(1).status()).isEqualTo("invalid");
    assertThat(verdicts.get(1).error()).contains("must have required property port");
    assertThat(verdicts.get(2).status()).isEqualTo("valid");
    assertThat(strict.problems(noSelector)).as("fabric8 does not catch a missing field").isEmpty();
  }

  private RenderedChart renderSparkAndIngressToo(Profile profile) {
    return profile == Profile.MINIKUBE
        ? renderer.render(
            profile, Map.of("orchestrator.ingress.enabled", "true", "dashboard.replicas", "2"))
        : renderer.render(profile, Map.of("secrets.create", "true"));
  }

  private static KubeObject planted(KubeObject original, Consumer<Map<String, Object>> change) {
    JsonMapper json = JsonMapper.builder().build();
    Map<String, Object> copy =
        json.convertValue(original.tree(), new TypeReference<Map<String, Object>>() {});
    change.accept(copy);
    return new KubeObject(copy);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> spec(Map<String, Object> tree) {
    return (Map<String, Object>) tree.get("spec");
  }
}
