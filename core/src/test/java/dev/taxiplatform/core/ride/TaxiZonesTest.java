package dev.taxiplatform.core.ride;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TaxiZonesTest {
  private final TaxiZones zones = TaxiZones.standard();

  @Test
  void theLookupTableHasThe265TlcZones() {
    assertThat(zones.all()).hasSize(265);
    assertThat(zones.all().get(0)).isEqualTo(new TaxiZone(1, "EWR", "Newark Airport", "EWR"));
    assertThat(zones.get(TaxiZone.JFK_AIRPORT))
        .isEqualTo(new TaxiZone(132, "Queens", "JFK Airport", "Airports"));
    assertThat(zones.get(TaxiZone.LAGUARDIA_AIRPORT).name()).isEqualTo("LaGuardia Airport");
    assertThat(zones.get(TaxiZone.OUTSIDE_NYC))
        .isEqualTo(new TaxiZone(265, "N/A", "Outside of NYC", "N/A"));
    assertThat(zones.byId(0)).isEmpty();
    assertThat(zones.byId(266)).isEmpty();
  }

  @Test
  void boroughsAndServiceZonesAreThoseOfTheTlcTable() {
    Map<String, Long> byBorough =
        zones.all().stream()
            .collect(Collectors.groupingBy(TaxiZone::borough, Collectors.counting()));
    assertThat(byBorough)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "Bronx", 43L,
                "Brooklyn", 61L,
                "EWR", 1L,
                "Manhattan", 69L,
                "N/A", 1L,
                "Queens", 69L,
                "Staten Island", 20L,
                "Unknown", 1L));
    assertThat(zones.all().stream().filter(TaxiZone::isYellowZone)).hasSize(55);
    assertThat(zones.all().stream().filter(TaxiZone::isAirport))
        .extracting(TaxiZone::id)
        .containsExactly(1, 132, 138);
  }
}
