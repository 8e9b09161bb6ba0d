package dev.taxiplatform.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerSettingsTest {
  @TempDir Path workDir;

  private PlatformConfig load(Map<String, String> env) {
    return new ConfigLoader(env, workDir).load(ConfigOverrides.NONE);
  }

  @Test
  void defaultsKeepEveryServerOnLoopbackAndLogOnStandardError() {
    PlatformConfig config = load(Map.of());

    assertThat(config.server())
        .isEqualTo(
            new ServerSettings(
                "127.0.0.1", Duration.ofSeconds(25), ServerSettings.LogTarget.STDERR));
    assertThat(config.server().bindsEveryInterface()).isFalse();
    assertThat(config.server().localHost()).isEqualTo("127.0.0.1");
    assertThat(config.kafka().advertisedHost()).isEmpty();
    assertThat(config.kafka().advertisedHost(config.server())).isEqualTo("127.0.0.1");
  }

  @Test
  void environmentSetsBindHostAdvertisedHostShutdownTimeoutAndLogTarget() {
    PlatformConfig config =
        load(
            Map.of(
                "PLATFORM_BIND_HOST", "0.0.0.0",
                "KAFKA_ADVERTISED_HOST", "kafka",
                "PLATFORM_SHUTDOWN_TIMEOUT", "40",
                "PLATFORM_LOG_TARGET", "STDOUT"));

    assertThat(config.server())
        .isEqualTo(
            new ServerSettings("0.0.0.0", Duration.ofSeconds(40), ServerSettings.LogTarget.STDOUT));
    assertThat(config.server().bindsEveryInterface()).isTrue();
    assertThat(config.server().localHost()).isEqualTo("127.0.0.1");
    assertThat(config.kafka().advertisedHost()).isEqualTo(Optional.of("kafka"));
    assertThat(config.kafka().advertisedHost(config.server())).isEqualTo("kafka");
    assertThat(config.source(ServerSettings.BIND_HOST))
        .isEqualTo(ConfigSource.environment("PLATFORM_BIND_HOST"));
  }

  @Test
  void aSpecificAddressIsBothBoundAndAdvertised() {
    PlatformConfig config = load(Map.of("PLATFORM_BIND_HOST", "192.0.2.7"));

    assertThat(config.server().bindsEveryInterface()).isFalse();
    assertThat(config.server().localHost()).isEqualTo("192.0.2.7");
    assertThat(config.kafka().advertisedHost(config.server())).isEqualTo("192.0.2.7");
  }

  @Test
  void ipv6WildcardInBracketsIsEveryInterface() {
    PlatformConfig config = load(Map.of("PLATFORM_BIND_HOST", "[::]"));

    assertThat(config.server().bindHost()).isEqualTo("::");
    assertThat(config.server().bindsEveryInterface()).isTrue();
  }

  @Test
  void everyInterfaceWithoutAdvertisedHostFailsNamingBothKeys() {
    PlatformConfig config = load(Map.of("PLATFORM_BIND_HOST", "0.0.0.0"));

    assertThatThrownBy(() -> config.kafka().advertisedHost(config.server()))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "Invalid configuration: server.bind-host is 0.0.0.0 (every interface) and"
                + " kafka.advertised-host is unset, so the broker cannot tell clients where to"
                + " connect. Set kafka.advertised-host (KAFKA_ADVERTISED_HOST) to the name"
                + " clients reach it by, e.g. the container's or Service's name.");
  }

  @Test
  void badValuesFailNamingTheKeyTheValueAndWhatIsAllowed() {
    assertThatThrownBy(() -> load(Map.of("PLATFORM_BIND_HOST", "http://0.0.0.0:80")))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "Invalid configuration: server.bind-host = \"http://0.0.0.0:80\" (from env"
                + " PLATFORM_BIND_HOST). Expected a host name or IP address without port, e.g."
                + " 127.0.0.1, 0.0.0.0 or kafka.");
    assertThatThrownBy(() -> load(Map.of("KAFKA_ADVERTISED_HOST", "kafka:9092")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(
            "Invalid configuration: kafka.advertised-host = \"kafka:9092\" (from env"
                + " KAFKA_ADVERTISED_HOST).");
    assertThatThrownBy(() -> load(Map.of("PLATFORM_SHUTDOWN_TIMEOUT", "soon")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(
            "Invalid configuration: server.shutdown-timeout = \"soon\" (from env"
                + " PLATFORM_SHUTDOWN_TIMEOUT).");
    assertThatThrownBy(() -> load(Map.of("PLATFORM_LOG_TARGET", "file")))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "Invalid configuration: log.target = \"file\" (from env PLATFORM_LOG_TARGET)."
                + " Expected one of stderr, stdout.");
  }
}
