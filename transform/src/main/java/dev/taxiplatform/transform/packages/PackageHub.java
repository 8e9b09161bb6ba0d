package dev.taxiplatform.transform.packages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The dbt package hub: resolves {@code package:}/{@code version:} to a release and downloads its
 * archive. The hub is {@code https://hub.getdbt.com/} unless {@code DBT_PACKAGE_HUB_URL} names
 * another (a mirror), as in dbt.
 */
final class PackageHub {
  static final String DEFAULT_URL = "https://hub.getdbt.com/";
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  private final URI base;
  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(TIMEOUT)
          .followRedirects(HttpClient.Redirect.NORMAL)
          .build();

  PackageHub(Map<String, String> environment) {
    String url = environment.getOrDefault("DBT_PACKAGE_HUB_URL", DEFAULT_URL);
    this.base = URI.create(url.endsWith("/") ? url : url + "/");
  }

  /**
   * A release of a package.
   *
   * @param version its version
   * @param tarball where its archive is
   */
  record Release(String version, URI tarball) {
    Release {
      Objects.requireNonNull(version, "version");
      Objects.requireNonNull(tarball, "tarball");
    }
  }

  /** The newest release that satisfies every range of the entry. */
  Release resolve(PackageSpec.Hub spec) {
    URI index = base.resolve("api/v1/" + spec.name() + ".json");
    JsonNode versions = json(index, spec).path("versions");
    List<String> matching = new ArrayList<>();
    for (Iterator<String> it = versions.fieldNames(); it.hasNext(); ) {
      String version = it.next();
      if (VersionRange.isRelease(version)
          && spec.versions().stream().allMatch(r -> VersionRange.matches(version, r))) {
        matching.add(version);
      }
    }
    String chosen =
        matching.stream()
            .max(VersionRange::compare)
            .orElseThrow(
                () ->
                    new DepsException(
                        "No release of %s satisfies %s (the hub has %s)"
                            .formatted(spec.name(), spec.versions(), fieldNames(versions)),
                        false));
    String tarball = versions.path(chosen).path("downloads").path("tarball").asText("");
    if (tarball.isEmpty()) {
      throw new DepsException(
          "The hub lists %s %s without a download".formatted(spec.name(), chosen), false);
    }
    return new Release(chosen, URI.create(tarball));
  }

  /** Downloads and unpacks a release into {@code directory}; returns the package's directory. */
  Path download(Release release, Path directory) {
    try {
      Files.createDirectories(directory);
      Path archive = directory.resolve("package.tar.gz");
      HttpResponse<Path> response =
          http.send(
              HttpRequest.newBuilder(release.tarball()).timeout(TIMEOUT).build(),
              HttpResponse.BodyHandlers.ofFile(archive));
      if (response.statusCode() != 200) {
        throw new DepsException(
            "Downloading %s answered HTTP %d".formatted(release.tarball(), response.statusCode()),
            true);
      }
      CommandRunner.run(directory, List.of("tar", "-xzf", archive.toString()), false);
      Files.delete(archive);
      try (Stream<Path> entries = Files.list(directory)) {
        List<Path> top = entries.filter(Files::isDirectory).toList();
        return top.size() == 1 ? top.get(0) : directory;
      }
    } catch (IOException e) {
      throw unreachable(release.tarball(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DepsException("Interrupted while downloading " + release.tarball(), false);
    }
  }

  private JsonNode json(URI uri, PackageSpec.Hub spec) {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(uri).timeout(TIMEOUT).build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 404) {
        throw new DepsException(
            "The package hub at %s has no package '%s': check the owner/name"
                .formatted(base, spec.name()),
            false);
      }
      if (response.statusCode() != 200) {
        throw new DepsException(
            "The package hub at %s answered HTTP %d for %s"
                .formatted(base, response.statusCode(), spec.name()),
            true);
      }
      return new ObjectMapper().readTree(response.body());
    } catch (IOException e) {
      throw unreachable(uri, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DepsException("Interrupted while asking the package hub", false);
    }
  }

  private DepsException unreachable(URI uri, IOException e) {
    String reason = Optional.ofNullable(e.getMessage()).orElse(e.getClass().getSimpleName());
    return new DepsException(
        ("The package hub cannot be reached (%s: %s). Packages declared with package:/version:"
                + " need the network; without it, declare the package with git: (a reachable"
                + " repository or mirror, with revision:) or local: (a copy on this machine), set"
                + " DBT_PACKAGE_HUB_URL to a reachable mirror of the hub, or copy dbt_packages/"
                + " and package-lock.yml from a machine where `deps` ran.")
            .formatted(uri, reason),
        true);
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
