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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedWarehouseTest {
  @TempDir Path dataDir;

  @Test
  void platformRoleCreatesAndQueriesTablesOverJdbcAndRowsSurviveRestart() throws Exception {
    int port = new PortAllocator().allocate(15432).port();
    EmbeddedWarehouse.Credentials credentials =
        new EmbeddedWarehouse.Credentials("warehouse", "platform", "pw-1", "super-1");

    try (EmbeddedWarehouse warehouse = EmbeddedWarehouse.start(dataDir, port, credentials);
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
        new EmbeddedWarehouse.Credentials("warehouse", "platform", "pw-2", "super-1");
    try (EmbeddedWarehouse warehouse = EmbeddedWarehouse.start(dataDir, port, changed)) {
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

  private static Connection connect(EmbeddedWarehouse warehouse, String password)
      throws SQLException {
    return new WarehouseConnection(
            warehouse.host(), warehouse.port(), "warehouse", "platform", password)
        .open();
  }
}
