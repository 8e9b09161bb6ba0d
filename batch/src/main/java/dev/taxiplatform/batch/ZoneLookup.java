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

  /** The name of the known zone {@code zoneId} (an INT column), null for any other id. */
  static Column name(Column zoneId) {
    return lookUp(zoneId, TaxiZone::name);
  }

  /** The borough of the known zone {@code zoneId} (an INT column), null for any other id. */
  static Column borough(Column zoneId) {
    return lookUp(zoneId, TaxiZone::borough);
  }

  /** Whether {@code zoneId} (an INT column) is a known zone; false when it is null. */
  static Column isKnown(Column zoneId) {
    return name(zoneId).isNotNull();
  }

  /**
   * {@code field} of zone {@code zoneId}, looked up by position in a constant array indexed by zone
   * id: a join would cost a broadcast job per query and a hash lookup per row.
   */
  private static Column lookUp(Column zoneId, Function<TaxiZone, String> field) {
    List<TaxiZone> zones = zones();
    int maxId = zones.stream().mapToInt(TaxiZone::id).max().orElse(0);
    Column[] byId = new Column[maxId + 1];
    Arrays.fill(byId, lit(null).cast("string"));
    zones.forEach(z -> byId[z.id()] = lit(field.apply(z)));
    // get(): null for an index outside the array, where element_at would fail the query.
    return get(array(byId), zoneId);
  }
}
