package dev.taxiplatform.transform.database;

import java.util.Objects;

/**
 * A relation (table or view) as templates see it: {@code {{ this }}}, {@code {{ ref('x') }}} print
 * {@code "database"."schema"."identifier"}, quoted as dbt-postgres quotes them. An ephemeral
 * model's relation prints its CTE name instead.
 */
public final class Relation {
  private final String database;
  private final String schema;
  private final String identifier;
  private final String cteName;

  private Relation(String database, String schema, String identifier, String cteName) {
    this.database = database;
    this.schema = schema;
    this.identifier = Objects.requireNonNull(identifier, "identifier");
    this.cteName = cteName;
  }

  public static Relation of(String database, String schema, String identifier) {
    return new Relation(
        Objects.requireNonNull(database, "database"),
        Objects.requireNonNull(schema, "schema"),
        identifier,
        null);
  }

  /** The relation of an ephemeral model: its CTE. */
  public static Relation cte(String modelName) {
    return new Relation(null, null, modelName, "__dbt__cte__" + modelName);
  }

  public String getDatabase() {
    return database;
  }

  public String getSchema() {
    return schema;
  }

  public String getIdentifier() {
    return identifier;
  }

  public String getName() {
    return identifier;
  }

  public String getTable() {
    return identifier;
  }

  public boolean isCte() {
    return cteName != null;
  }

  /** {@code "schema"."identifier"}: the form used in DDL. */
  public String schemaQualified() {
    return quote(schema) + "." + quote(identifier);
  }

  /** The same relation with another identifier (same database and schema). */
  public Relation withIdentifier(String newIdentifier) {
    return new Relation(database, schema, newIdentifier, null);
  }

  /** Double-quotes an identifier as PostgreSQL requires. */
  public static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  /** {@code schema.identifier} without quotes, as dbt prints in its log lines. */
  public String displayName() {
    return schema + "." + identifier;
  }

  @Override
  public String toString() {
    if (cteName != null) {
      return cteName;
    }
    return quote(database) + "." + quote(schema) + "." + quote(identifier);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Relation other
        && Objects.equals(database, other.database)
        && Objects.equals(schema, other.schema)
        && identifier.equals(other.identifier)
        && Objects.equals(cteName, other.cteName);
  }

  @Override
  public int hashCode() {
    return Objects.hash(database, schema, identifier, cteName);
  }
}
