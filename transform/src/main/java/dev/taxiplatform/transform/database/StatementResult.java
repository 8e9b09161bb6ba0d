package dev.taxiplatform.transform.database;

/**
 * What the database said about a statement, as dbt's adapter response.
 *
 * @param message e.g. {@code SELECT 100}, {@code CREATE VIEW}
 * @param code the statement's verb ({@code SELECT}, {@code INSERT}, ...)
 * @param rowsAffected rows affected, or -1
 */
public record StatementResult(String message, String code, long rowsAffected) {}
