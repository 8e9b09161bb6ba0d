package dev.taxiplatform.dashboard.data;

import java.util.Arrays;
import java.util.Optional;

/** The dashboard's panels, each served as JSON and CSV under {@code /api/panels/<id>}. */
public enum Panel {
  KPIS("kpis", "Key figures", Kpis.class),
  TOP_ZONES("top-zones", "Top 10 pickup zones by revenue", ZoneRevenue.class),
  PAYMENTS("payments", "Payment methods by revenue", PaymentRevenue.class),
  HOURLY("hourly", "Trips per hour of the day", HourlyTrips.class),
  DISTANCE_CATEGORIES("distance-categories", "Trip distance categories", CategoryStats.class),
  FARE_CATEGORIES("fare-categories", "Fare categories", CategoryStats.class),
  BOROUGH_FLOWS("borough-flows", "Top 10 borough-to-borough flows", BoroughFlow.class);

  private final String id;
  private final String title;
  private final Class<? extends Record> rowType;

  Panel(String id, String title, Class<? extends Record> rowType) {
    this.id = id;
    this.title = title;
    this.rowType = rowType;
  }

  /** Its name in URLs and file names. */
  public String id() {
    return id;
  }

  public String title() {
    return title;
  }

  /** The record type of its rows. */
  public Class<? extends Record> rowType() {
    return rowType;
  }

  public static Optional<Panel> byId(String id) {
    return Arrays.stream(values()).filter(p -> p.id.equals(id)).findFirst();
  }
}
