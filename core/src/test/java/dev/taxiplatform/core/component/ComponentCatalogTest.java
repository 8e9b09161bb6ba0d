package dev.taxiplatform.core.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taxiplatform.core.cli.PlatformException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComponentCatalogTest {
  @TempDir Path home;

  private Path component(String module, String descriptor, String classpath) throws IOException {
    Path dir = home.resolve(module).resolve("target").resolve("component");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("component.properties"), descriptor);
    if (classpath != null) {
      Files.writeString(dir.resolve("classpath"), classpath);
    }
    return dir;
  }

  @Test
  void discoversAnInstalledLayoutWithPathsRelativeToEachComponent() throws IOException {
    Path dir = home.resolve("components").resolve("ingest");
    Files.createDirectories(dir);
    Files.writeString(
        dir.resolve("component.properties"),
        "name=ingest\nmain-class=dev.example.IngestMain\nclasses=../../app/ingest.jar\n"
            + "commands=sink\n");
    Files.writeString(dir.resolve("classpath"), "../../lib/a.jar:../../app/core.jar\n");
    // A source tree's build output beside it is not what an installed platform runs.
    component("cli", "name=cli\nmain-class=dev.example.Cli\nclasses=/opt/cli\ncommands=\n", null);

    ComponentCatalog catalog = ComponentCatalog.discover(home);

    assertThat(catalog.components())
        .extracting(ComponentDescriptor::name)
        .containsExactly("ingest");
    assertThat(catalog.forCommand("sink").orElseThrow().classpath())
        .containsExactly(
            home.resolve("app/ingest.jar"),
            home.resolve("lib/a.jar"),
            home.resolve("app/core.jar"));
  }

  @Test
  void discoversComponentsTheirCommandsServicesAndClasspaths() throws IOException {
    component(
        "ingest",
        """
        name=ingest
        main-class=dev.example.IngestMain
        classes=/opt/ingest/classes
        jvm-options=-Xmx1g  -XX:+UseG1GC
        commands=produce, sink
        command.produce=Publish rides
        command.sink=Write rides to S3
        services=sink,producer
        service.sink.args=sink --metrics-port {port}
        service.sink.port=9464
        service.sink.port-key=sink.metrics-port
        service.sink.order=10
        service.sink.description=Kafka to S3
        service.producer.args=produce --metrics-port {port}
        service.producer.port=9465
        service.producer.order=20
        service.producer.optional=true
        connections=warehouse
        bench.ingest=bench-ingest --events 1000
        """,
        "/repo/a.jar:lib/b.jar\n");
    component(
        "cli", "name=cli\nmain-class=dev.example.Cli\nclasses=/opt/cli/classes\ncommands=\n", null);
    Files.createDirectories(home.resolve("docs"));

    ComponentCatalog catalog = ComponentCatalog.discover(home);

    assertThat(catalog.components())
        .extracting(ComponentDescriptor::name)
        .containsExactly("cli", "ingest");
    ComponentDescriptor ingest = catalog.forCommand("sink").orElseThrow();
    assertThat(ingest.name()).isEqualTo("ingest");
    assertThat(ingest.mainClass()).isEqualTo("dev.example.IngestMain");
    assertThat(ingest.jvmOptions()).containsExactly("-Xmx1g", "-XX:+UseG1GC");
    assertThat(ingest.commands())
        .containsExactly(
            new ComponentDescriptor.Command("produce", "Publish rides"),
            new ComponentDescriptor.Command("sink", "Write rides to S3"));
    assertThat(ingest.classpath())
        .containsExactly(
            Path.of("/opt/ingest/classes"),
            Path.of("/repo/a.jar"),
            home.resolve("ingest/target/component/lib/b.jar"));
    assertThat(ingest.connections()).containsExactly("warehouse");
    assertThat(ingest.benchmarks())
        .containsExactly(Map.entry("ingest", List.of("bench-ingest", "--events", "1000")));
    assertThat(catalog.forBenchmark("ingest")).contains(ingest);
    assertThat(catalog.forBenchmark("batch")).isEmpty();
    ComponentDescriptor.Service sink = ingest.services().get(0);
    assertThat(sink.argsFor(9470)).containsExactly("sink", "--metrics-port", "9470");
    assertThat(sink.preferredPort()).isEqualTo(9464);
    assertThat(sink.portKey()).contains("sink.metrics-port");
    assertThat(sink.optional()).isFalse();
    assertThat(ingest.services().get(1).optional()).isTrue();
    assertThat(catalog.services())
        .extracting(s -> s.service().name())
        .containsExactly("sink", "producer");
    assertThat(catalog.forCommand("transform")).isEmpty();
    assertThat(catalog.named("cli").orElseThrow().commands()).isEmpty();
  }

  @Test
  void aCommandClaimedTwiceIsAnError() throws IOException {
    component("a", "name=a\nmain-class=A\nclasses=/a\ncommands=run\n", "");
    component("b", "name=b\nmain-class=B\nclasses=/b\ncommands=run\n", "");

    assertThatThrownBy(() -> ComponentCatalog.discover(home))
        .hasMessage("Command \"run\" is claimed by both a and b");
  }

  @Test
  void aDescriptorWithoutItsMainClassNamesTheFileAndKey() throws IOException {
    Path dir = component("a", "name=a\nclasses=/a\n", "");

    assertThatThrownBy(() -> ComponentCatalog.discover(home))
        .hasMessage(
            "Component descriptor %s lacks \"main-class\""
                .formatted(dir.resolve("component.properties")));
  }

  @Test
  void anUnbuiltPlatformSaysHowToBuildIt() {
    assertThatThrownBy(() -> ComponentCatalog.discover(home))
        .isInstanceOf(PlatformException.class)
        .hasMessageContaining("No built components under " + home)
        .hasMessageContaining("./platform builds on first use");
  }

  @Test
  void launcherRunsTheMainClassWithTheComponentClasspathAndOptions() {
    ComponentDescriptor descriptor =
        new ComponentDescriptor(
            "ingest",
            "dev.example.IngestMain",
            List.of(Path.of("/c"), Path.of("/d.jar")),
            List.of("-Xmx1g"),
            List.of(),
            List.of(),
            List.of(),
            Map.of());
    ComponentLauncher launcher =
        new ComponentLauncher(
            Path.of("/home/platform"),
            Path.of("/jdk/bin/java"),
            new ClassDataSharing(Optional.empty()));

    assertThat(launcher.command(descriptor, List.of("-Xms64m"), List.of("sink", "--rate", "5")))
        .containsExactly(
            "/jdk/bin/java",
            "-Xmx1g",
            "-Xms64m",
            "-Dplatform.home=/home/platform",
            "-cp",
            "/c:/d.jar",
            "dev.example.IngestMain",
            "sink",
            "--rate",
            "5");
    assertThat(launcher.processBuilder(descriptor, List.of(), List.of()).environment())
        .containsEntry("PLATFORM_HOME", "/home/platform");
  }

  @Test
  void eachCommandAndServiceIsAProgramOfItsOwnNamedByItsLeadingArguments() {
    ComponentDescriptor infra =
        new ComponentDescriptor(
            "infra", "Main", List.of(), List.of(), List.of(), List.of(), List.of(), Map.of());

    assertThat(ComponentLauncher.program(infra, List.of("server", "kafka", "--port", "9092")))
        .isEqualTo("infra.server-kafka");
    assertThat(ComponentLauncher.program(infra, List.of("up", "--detach"))).isEqualTo("infra.up");
    assertThat(ComponentLauncher.program(infra, List.of("pipeline", "status", "12")))
        .isEqualTo("infra.pipeline-status");
    assertThat(ComponentLauncher.program(infra, List.of("a/b c"))).isEqualTo("infra.a_b_c");
    assertThat(ComponentLauncher.program(infra, List.of("--help"))).isEqualTo("infra");
    assertThat(ComponentLauncher.program(infra, List.of())).isEqualTo("infra");
  }
}
