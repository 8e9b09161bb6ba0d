package dev.taxiplatform.cli;

import dev.taxiplatform.core.component.ComponentDescriptor;
import picocli.CommandLine.Model.CommandSpec;

/**
 * How a component's command appears in {@code platform --help}. The command itself runs in the
 * component's process, which prints its own {@code --help}.
 */
final class ComponentCommandHelp {
  private ComponentCommandHelp() {}

  static CommandSpec spec(ComponentDescriptor.Command command) {
    CommandSpec spec = CommandSpec.create().name(command.name());
    spec.usageMessage().description(command.description());
    return spec;
  }
}
