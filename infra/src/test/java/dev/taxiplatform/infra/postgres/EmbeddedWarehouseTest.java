package dev.taxiplatform.infra.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taxiplatform.core.connect.WarehouseConnection;
import dev.taxiplatform.core.net.PortAllocator;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedWarehouseTest {
  @TempDir Path dataDir;

  @Test
  void platformRoleCreatesAndQueriesTablesOverJdbcAndRowsSurviveRestart() throws Exception {
    int port = new PortAllocator().allocate(15432).port();
    EmbeddedWarehouse.Credentials credentials =
        new EmbeddedWarehouse.Credentials(
            "warehouse", "platform", "pw-1", "super-1", Optional.empty());

    try (EmbeddedWarehouse warehouse =
            EmbeddedWarehouse.start(dataDir, "127.0.0.1", port, credentials);
        Connection connection = connect(warehouse, "pw-1");
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE rides (ride_id text PRIMARY KEY, total numeric(10,2))");
      statement.execute("INSERT INTO rides VALUES ('a', 12.50), ('b', 7.25)");
      try (ResultSet result =
          statement.executeQuery("SELECT current_user, current_database(), version()")) {
        result.next();
        assertThat(result.getString(1)).isEqualTo("platform");
        assertThat(result.getString(2)).isEqualTo("warehouse");
        assertThat(result.getString(3)).startsWith("PostgreSQL 17.");
      }
    }

    // Restart with a changed password: data kept, the new password works, the old one does not.
    EmbeddedWarehouse.Credentials changed =
        new EmbeddedWarehouse.Credentials(
            "warehouse", "platform", "pw-2", "super-1", Optional.empty());
    try (EmbeddedWarehouse warehouse =
        EmbeddedWarehouse.start(dataDir, "127.0.0.1", port, changed)) {
      try (Connection connection = connect(warehouse, "pw-2");
          Statement statement = connection.createStatement();
          ResultSet result = statement.executeQuery("SELECT count(*), sum(total) FROM rides")) {
        result.next();
        assertThat(result.getInt(1)).isEqualTo(2);
        assertThat(result.getBigDecimal(2)).isEqualByComparingTo("19.75");
      }
      assertThatThrownBy(() -> connect(warehouse, "pw-1"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("password authentication failed");
    }
  }

  @Test
  void readOnlyRoleReadsWhatThePlatformRoleOwnsNowAndCreatesLaterButWritesNothing()
      throws Exception {
    int port = new PortAllocator().allocate(15532).port();
    // A cluster from before the read-only role existed, with a table of the platform's.
    try (EmbeddedWarehouse warehouse =
            EmbeddedWarehouse.start(
                dataDir,
                "127.0.0.1",
                port,
                new EmbeddedWarehouse.Credentials(
                    "warehouse", "platform", "pw", "super", Optional.empty()));
        Connection platform = connect(warehouse, "pw");
        Statement statement = platform.createStatement()) {
      statement.execute("CREATE SCHEMA staging");
      statement.execute("CREATE TABLE staging.rides AS SELECT 1 AS ride, 12.50 AS total");
    }

    EmbeddedWarehouse.Credentials withReader =
        new EmbeddedWarehouse.Credentials(
            "warehouse",
            "platform",
            "pw",
            "super",
            Optional.of(new EmbeddedWarehouse.Reader("platform_reader", "reader-pw")));
    try (EmbeddedWarehouse warehouse =
            EmbeddedWarehouse.start(dataDir, "127.0.0.1", port, withReader);
        Connection platform = connect(warehouse, "pw");
        Statement asPlatform = platform.createStatement();
        Connection reader =
            new WarehouseConnection(
                    warehouse.host(), warehouse.port(), "warehouse", "platform_reader", "reader-pw")
                .open();
        Statement asReader = reader.createStatement()) {
      assertThat(single(asReader, "SELECT sum(total) FROM staging.rides")).isEqualTo("12.50");

      // Created by the platform's role after the reader was set up: readable through the
      // default privileges, including a table rebuilt by rename as the SQL models do.
      asPlatform.execute("CREATE SCHEMA public_marts");
      asPlatform.execute("CREATE TABLE public_marts.kpis__tmp AS SELECT 42 AS rides");
      asPlatform.execute("ALTER TABLE public_marts.kpis__tmp RENAME TO kpis");
      asPlatform.execute(
          "CREATE VIEW public_marts.kpis_view AS SELECT rides FROM public_marts.kpis");
      assertThat(single(asReader, "SELECT rides FROM public_marts.kpis")).isEqualTo("42");
      assertThat(single(asReader, "SELECT rides FROM public_marts.kpis_view")).isEqualTo("42");
      assertThat(single(asReader, "SELECT current_setting('transaction_read_only')"))
          .isEqualTo("on");

      for (String write :
          List.of(
              "INSERT INTO public_marts.kpis VALUES (1)",
              "UPDATE staging.rides SET total = 0",
              "DELETE FROM public_marts.kpis",
              "CREATE TABLE public_marts.mine (x int)",
              "CREATE SCHEMA mine",
              "DROP TABLE public_marts.kpis",
              "CREATE TEMPORARY TABLE scratch (x int)")) {
        assertThatThrownBy(() -> asReader.execute(write))
            .as(write)
            .isInstanceOf(SQLException.class)
            .hasMessageContaining("read-only transaction");
      }
      // Privileges hold even when the reader lifts its read-only default.
      asReader.execute("SET default_transaction_read_only = off");
      for (String write :
          List.of(
              "INSERT INTO public_marts.kpis VALUES (1)",
              "UPDATE staging.rides SET total = 0",
              "CREATE TABLE public_marts.mine (x int)",
              "CREATE TABLE public.mine (x int)",
              "CREATE SCHEMA mine",
              "DROP TABLE public_marts.kpis")) {
        assertThatThrownBy(() -> asReader.execute(write))
            .as(write)
            .isInstanceOf(SQLException.class)
            .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isIn("42501", "42P01"));
      }
      assertThat(single(asPlatform, "SELECT count(*) FROM public_marts.kpis")).isEqualTo("1");
    }
  }

  private static String single(Statement statement, String query) throws SQLException {
    try (ResultSet result = statement.executeQuery(query)) {
      result.next();
      return result.getString(1);
    }
  }

  private static Connection connect(EmbeddedWarehouse warehouse, String password)
      throws SQLException {
    return new WarehouseConnection(
            warehouse.host(), warehouse.port(), "warehouse", "platform", password)
        .open();
  }
}
