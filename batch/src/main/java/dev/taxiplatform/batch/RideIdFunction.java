package dev.taxiplatform.batch;

import dev.taxiplatform.core.ride.RideIdRule;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * The job's SQL function {@code allowed_ride_id(ride_id)}: whether a ride id follows {@link
 * RideIdRule} (1 to 64 characters, each {@code !} to {@code ~}), null for a null id (DuckDB gets
 * the same meaning from {@link DuckDbSparkFunctions}, the rule's regular expression).
 *
 * <p>Why: Spark matches {@code rlike} through a Java regular expression per row; this checks the
 * UTF-8 bytes in place. A character outside {@code !} to {@code ~} is a byte outside them in UTF-8
 * (every byte of a non-ASCII character is above {@code 0x7F}), so an allowed id has as many bytes
 * as characters. Public for the code Spark generates, which calls {@link #allows}.
 */
public final class RideIdFunction {
  /** The function's name in the job's SQL. */
  static final String NAME = "allowed_ride_id";

  private RideIdFunction() {}

  /** Defines the function in {@code spark}'s session. */
  static void register(SparkSession spark) {
    JobSqlFunctions.define(
        spark,
        NAME,
        rideId ->
            JobSqlFunctions.staticCall(
                RideIdFunction.class,
                "allows",
                DataTypes.BooleanType,
                DataTypes.StringType,
                rideId));
  }

  /** True when {@code rideId} follows {@link RideIdRule}. */
  public static boolean allows(UTF8String rideId) {
    int length = rideId.numBytes();
    if (length < 1 || length > RideIdRule.MAX_LENGTH) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      byte b = rideId.getByte(i);
      if (b < '!' || b > '~') {
        return false;
      }
    }
    return true;
  }
}
