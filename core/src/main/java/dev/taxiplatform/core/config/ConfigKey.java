package dev.taxiplatform.core.config;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * One configuration option: its name (as written in {@code platform.yaml} and {@code --set}), the
 * environment variables that set it, its type, default, and a one-line description.
 *
 * @param <T> the type of the value
 */
public final class ConfigKey<T> {
  private final String name;
  private final List<String> environmentVariables;
  private final ValueType<T> type;
  private final T defaultValue;
  private final boolean secret;
  private final String description;

  private ConfigKey(Builder<T> builder) {
    this.name = requireNonNull(builder.name, "name");
    this.environmentVariables = List.copyOf(builder.environmentVariables);
    this.type = requireNonNull(builder.type, "type");
    this.defaultValue = builder.defaultValue;
    this.secret = builder.secret;
    this.description = requireNonNull(builder.description, "description");
  }

  public static <T> Builder<T> builder(String name, ValueType<T> type) {
    return new Builder<>(name, type);
  }

  public String name() {
    return name;
  }

  /** The environment variables that set this key; the first one present wins. */
  public List<String> environmentVariables() {
    return environmentVariables;
  }

  public ValueType<T> type() {
    return type;
  }

  /** The built-in default, or empty when the key is unset unless configured. */
  public Optional<T> defaultValue() {
    return Optional.ofNullable(defaultValue);
  }

  /** Secrets are masked whenever configuration is printed or reported in an error. */
  public boolean isSecret() {
    return secret;
  }

  public String description() {
    return description;
  }

  /** Parses {@code raw}, failing with a message that names this key, the value and its source. */
  public T parse(String raw, ConfigSource source) {
    try {
      return type.parse(raw);
    } catch (IllegalArgumentException e) {
      throw ConfigException.invalidValue(this, raw, source, type.allowed());
    }
  }

  /** The value as text, masked when secret. */
  public String display(T value) {
    return secret ? "******" : type.format(value);
  }

  @Override
  public String toString() {
    return name;
  }

  /** Builds a {@link ConfigKey}. */
  public static final class Builder<T> {
    private final String name;
    private final ValueType<T> type;
    private List<String> environmentVariables = List.of();
    private T defaultValue;
    private boolean secret;
    private String description;

    private Builder(String name, ValueType<T> type) {
      this.name = name;
      this.type = type;
    }

    public Builder<T> env(String... variables) {
      this.environmentVariables = List.of(variables);
      return this;
    }

    public Builder<T> defaultValue(T value) {
      this.defaultValue = value;
      return this;
    }

    public Builder<T> secret() {
      this.secret = true;
      return this;
    }

    public Builder<T> description(String text) {
      this.description = text;
      return this;
    }

    public ConfigKey<T> build() {
      return new ConfigKey<>(this);
    }
  }
}
