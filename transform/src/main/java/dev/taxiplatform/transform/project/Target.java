package dev.taxiplatform.transform.project;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A profile's target: where and as whom to connect, and the default schema.
 *
 * @param profileName the profile
 * @param name the target's name ({@code dev}, {@code prod})
 * @param host the PostgreSQL host
 * @param port its port
 * @param user the user
 * @param password the password (never printed)
 * @param database the database ({@code dbname})
 * @param schema the target schema
 * @param threads default number of threads
 * @param connectTimeoutSeconds connection timeout
 */
public record Target(
    String profileName,
    String name,
    String host,
    int port,
    String user,
    String password,
    String database,
    String schema,
    int threads,
    int connectTimeoutSeconds) {

  public Target {
    Objects.requireNonNull(profileName, "profileName");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(schema, "schema");
  }

  /** The JDBC URL. */
  public String jdbcUrl() {
    return "jdbc:postgresql://%s:%d/%s?connectTimeout=%d&ApplicationName=taxi-transform"
        .formatted(host, port, database, connectTimeoutSeconds);
  }

  /** The {@code target} variable of templates (without the password, as dbt). */
  public Map<String, Object> asTemplateValue() {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("name", name);
    value.put("profile_name", profileName);
    value.put("type", "postgres");
    value.put("host", host);
    value.put("port", port);
    value.put("user", user);
    value.put("database", database);
    value.put("dbname", database);
    value.put("schema", schema);
    value.put("threads", threads);
    return value;
  }

  @Override
  public String toString() {
    return "Target[%s.%s postgres://%s@%s:%d/%s schema=%s]"
        .formatted(profileName, name, user, host, port, database, schema);
  }
}
