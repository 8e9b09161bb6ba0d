package dev.taxiplatform.core.ride;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The 265 NYC TLC taxi zones, loaded from the public TLC zone lookup table shipped as the resource
 * {@code taxi_zone_lookup.csv} (columns {@code LocationID,Borough,Zone,service_zone}).
 */
public final class TaxiZones {
  /** The resource holding the TLC lookup table. */
  public static final String RESOURCE = "/dev/taxiplatform/core/ride/taxi_zone_lookup.csv";

  private static final TaxiZones STANDARD = load();

  private final List<TaxiZone> zones;
  private final TaxiZone[] byId;

  private TaxiZones(List<TaxiZone> zones) {
    this.zones = List.copyOf(zones);
    int maxId = zones.stream().mapToInt(TaxiZone::id).max().orElse(0);
    this.byId = new TaxiZone[maxId + 1];
    for (TaxiZone zone : zones) {
      if (byId[zone.id()] != null) {
        throw new IllegalStateException("Zone " + zone.id() + " is listed twice in " + RESOURCE);
      }
      byId[zone.id()] = zone;
    }
  }

  /** The TLC's zones (loaded once; immutable). */
  public static TaxiZones standard() {
    return STANDARD;
  }

  /** Every zone, by ascending id. */
  public List<TaxiZone> all() {
    return zones;
  }

  /** The zone with this id, if it exists. */
  public Optional<TaxiZone> byId(int id) {
    return id > 0 && id < byId.length ? Optional.ofNullable(byId[id]) : Optional.empty();
  }

  /** The zone with this id. */
  public TaxiZone get(int id) {
    return byId(id).orElseThrow(() -> new IllegalArgumentException("No taxi zone " + id));
  }

  private static TaxiZones load() {
    try (InputStream in = TaxiZones.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("Resource " + RESOURCE + " is missing from the build");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      List<TaxiZone> zones = new ArrayList<>();
      String header = reader.readLine();
      if (header == null || !header.strip().equals("LocationID,Borough,Zone,service_zone")) {
        throw new IllegalStateException("Unexpected header in " + RESOURCE + ": " + header);
      }
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.isBlank()) {
          continue;
        }
        String[] columns = line.strip().split(",", -1);
        if (columns.length != 4) {
          throw new IllegalStateException("Bad line in " + RESOURCE + ": " + line);
        }
        zones.add(new TaxiZone(Integer.parseInt(columns[0]), columns[1], columns[2], columns[3]));
      }
      return new TaxiZones(zones);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + RESOURCE, e);
    }
  }
}
