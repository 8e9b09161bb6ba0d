package dev.taxiplatform.infra.stack;

import java.util.Optional;

/** Asks a server whether it serves, over its own protocol. */
@FunctionalInterface
interface HealthProbe {
  /** Empty when healthy, else what is wrong. Never throws. */
  Optional<String> problem();
}
