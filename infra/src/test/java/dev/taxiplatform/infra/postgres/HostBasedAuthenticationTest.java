package dev.taxiplatform.infra.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HostBasedAuthenticationTest {
  @Test
  void onLoopbackOnlyLoopbackClientsMayLogIn() {
    assertThat(EmbeddedWarehouse.hostBasedAuthentication("127.0.0.1").lines())
        .filteredOn(line -> line.startsWith("host"))
        .containsExactly(
            "host    all       all   127.0.0.1/32   scram-sha-256",
            "host    all       all   ::1/128        scram-sha-256");
  }

  @Test
  void boundBeyondLoopbackAnyAddressMayLogInWithItsPassword() {
    for (String bindHost : new String[] {"0.0.0.0", "::", "10.1.2.3"}) {
      assertThat(EmbeddedWarehouse.hostBasedAuthentication(bindHost).lines())
          .filteredOn(line -> line.startsWith("host") || line.startsWith("local"))
          .containsExactly(
              "local   all       all                  trust",
              "host    all       all   127.0.0.1/32   scram-sha-256",
              "host    all       all   ::1/128        scram-sha-256",
              "host    all       all   0.0.0.0/0      scram-sha-256",
              "host    all       all   ::/0           scram-sha-256");
    }
  }
}
