package dev.taxiplatform.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.taxiplatform.core.config.S3Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Terraform files, parsed with HashiCorp's HCL parser (no Terraform binary or provider is at
 * hand: checked, not applied): the buckets are the platform's and are locked down.
 */
class TerraformTest {
  private static final Path TERRAFORM =
      Path.of(System.getProperty("terraform.dir", "../terraform"));

  private final NodeTools node = NodeTools.ofProject();

  @Test
  void theBucketNamesAndRegionAreThePlatformsConfiguration() throws IOException {
    JsonNode variables = parse().get("variables.tf").get("variable");
    JsonNode chartValues =
        new YAMLMapper()
            .readTree(ChartRenderer.ofProject().chart().resolve("values.yaml").toFile());

    assertThat(variables.get("raw_bucket").get(0).get("default").asText())
        .isEqualTo(S3Settings.RAW_BUCKET.defaultValue().orElseThrow())
        .isEqualTo(chartValues.at("/s3/rawBucket").asText());
    assertThat(variables.get("processed_bucket").get(0).get("default").asText())
        .isEqualTo(S3Settings.PROCESSED_BUCKET.defaultValue().orElseThrow())
        .isEqualTo(chartValues.at("/s3/processedBucket").asText());
    assertThat(variables.get("region").get(0).get("default").asText())
        .isEqualTo(S3Settings.REGION.defaultValue().orElseThrow())
        .isEqualTo(chartValues.at("/s3/region").asText());
  }

  @Test
  void everyBucketIsVersionedEncryptedPrivateAndRawDataExpires() throws IOException {
    JsonNode resources = parse().get("buckets.tf").get("resource");

    assertThat(resources.at("/aws_s3_bucket/platform/0/for_each").asText())
        .isEqualTo("${local.buckets}");
    for (String perBucket :
        List.of(
            "aws_s3_bucket_versioning",
            "aws_s3_bucket_server_side_encryption_configuration",
            "aws_s3_bucket_public_access_block",
            "aws_s3_bucket_ownership_controls")) {
      assertThat(resources.at("/" + perBucket + "/platform/0/for_each").asText())
          .as(perBucket + " covers every bucket")
          .isEqualTo("${aws_s3_bucket.platform}");
    }
    assertThat(
            resources
                .at("/aws_s3_bucket_versioning/platform/0/versioning_configuration/0/status")
                .asText())
        .isEqualTo("Enabled");
    assertThat(
            resources
                .at(
                    "/aws_s3_bucket_server_side_encryption_configuration/platform/0/rule/0/apply_server_side_encryption_by_default/0/sse_algorithm")
                .asText())
        .isEqualTo("aws:kms");
    JsonNode block = resources.at("/aws_s3_bucket_public_access_block/platform/0");
    for (String flag :
        List.of(
            "block_public_acls",
            "block_public_policy",
            "ignore_public_acls",
            "restrict_public_buckets")) {
      assertThat(block.get(flag).asBoolean()).as(flag).isTrue();
    }
    JsonNode lifecycle = resources.at("/aws_s3_bucket_lifecycle_configuration/raw/0");
    assertThat(lifecycle.get("bucket").asText()).isEqualTo("${aws_s3_bucket.platform[\"raw\"].id}");
    assertThat(lifecycle.at("/rule/0/expiration/0/days").asText())
        .isEqualTo("${var.raw_data_expiration_days}");
    assertThat(lifecycle.at("/rule/0/status").asText()).isEqualTo("Enabled");
  }

  @Test
  void thePolicyCoversTheBucketsAndTheEndpointCanBeOverridden() throws IOException {
    JsonNode parsed = parse();
    JsonNode statements = parsed.at("/iam.tf/data/aws_iam_policy_document/platform/0/statement");
    JsonNode provider = parsed.at("/providers.tf/provider/aws/0");

    assertThat(statements).hasSize(3);
    assertThat(statements.get(0).get("resources").asText())
        .contains("aws_s3_bucket.platform", "bucket.arn");
    assertThat(statements.get(1).get("resources").asText()).contains("${bucket.arn}/*");
    assertThat(statements.get(1).get("actions").toString())
        .contains("s3:GetObject", "s3:PutObject");
    assertThat(provider.at("/dynamic/endpoints/0/content/0/s3").asText())
        .isEqualTo("${endpoints.value}");
    assertThat(provider.get("s3_use_path_style").asText()).isEqualTo("${var.s3_endpoint != \"\"}");
  }

  @Test
  void theParserRejectsBrokenFiles(@TempDir Path directory) throws IOException {
    Path broken =
        Files.writeString(
            directory.resolve("broken.tf"), "resource \"aws_s3_bucket\" \"x\" {\n  bucket = \n");

    assertThat(node.runFailing("parse-hcl.mjs", "", broken.toString())).contains("broken.tf");
  }

  private JsonNode parse() throws IOException {
    String[] files;
    try (Stream<Path> listing = Files.list(TERRAFORM)) {
      files =
          listing
              .filter(f -> f.toString().endsWith(".tf"))
              .map(f -> f.toAbsolutePath().toString())
              .sorted()
              .toArray(String[]::new);
    }
    assertThat(files).hasSize(6);
    return JsonMapper.builder().build().readTree(node.run("parse-hcl.mjs", "", files));
  }
}
