package dev.taxiplatform.transform.database;

/**
 * A column of a relation in the database.
 *
 * @param name the column's name
 * @param dataType its type as PostgreSQL formats it ({@code numeric(10,2)}, {@code text})
 */
public record ColumnInfo(String name, String dataType) {}
