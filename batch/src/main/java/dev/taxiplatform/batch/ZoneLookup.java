package dev.taxiplatform.batch;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.get;
import static org.apache.spark.sql.functions.lit;

import dev.taxiplatform.core.ride.TaxiZone;
import dev.taxiplatform.core.ride.TaxiZones;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.sql.Column;

/**
 * The zones a cleaned ride may name: the platform's TLC zone lookup ({@link TaxiZones}) without
 * zone 264 ({@code Unknown}), since a ride there has no known zone.
 */
public final class ZoneLookup {
  /** The TLC's id for "zone unknown". */
  public static final int UNKNOWN_ZONE = 264;

  private ZoneLookup() {}

  /** The known zones, in id order. */
  public static List<TaxiZone> zones() {
    return TaxiZones.standard().all().stream().filter(z -> z.id() != UNKNOWN_ZONE).toList();
  }

  /** A zone's field a ride names, with its column in a table of the zones. */
  enum Field {
    ZONE_NAME("zone_name", TaxiZone::name),
    BOROUGH("borough", TaxiZone::borough);

    private final String column;
    private final Function<TaxiZone, String> value;

    Field(String column, Function<TaxiZone, String> value) {
      this.column = column;
      this.value = value;
    }

    /** The field's column in a table of the zones. */
    String column() {
      return column;
    }
  }

  /** Whether {@code zoneId} (an INT column) is a known zone; false when it is null. */
  static Column isKnown(Column zoneId) {
    return lookUp(zoneId, Field.ZONE_NAME).isNotNull();
  }

  /**
   * {@code field} of the known zone {@code zoneId} (an INT column), null for any other id: looked
   * up by position in a constant array indexed by zone id, as a join would cost a broadcast job per
   * query and a hash lookup per row.
   */
  static Column lookUp(Column zoneId, Field field) {
    List<TaxiZone> zones = zones();
    int maxId = zones.stream().mapToInt(TaxiZone::id).max().orElse(0);
    Column[] byId = new Column[maxId + 1];
    Arrays.fill(byId, lit(null).cast("string"));
    zones.forEach(z -> byId[z.id()] = lit(field.value.apply(z)));
    // get(): null for an index outside the array, where element_at would fail the query.
    return get(array(byId), zoneId);
  }
}
