package dev.taxiplatform.core.ride;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.api.Test;

class IsoInstantsTest {
  @Test
  void parsesLikeInstantParse() {
    for (String text :
        new String[] {
          "2026-11-24T08:15:30.250Z",
          "2026-11-24T08:15:30Z",
          "2024-02-29T23:59:59.999999999Z",
          "1999-12-31T00:00:00.1Z",
          "2026-11-24T08:15:30+01:00",
          "2026-01-01T00:00:00.000Z"
        }) {
      assertThat(IsoInstants.parse(text)).as(text).isEqualTo(Instant.parse(text));
    }
  }

  @Test
  void rejectsWhatInstantParseRejects() {
    for (String text :
        new String[] {
          "2026-02-30T08:15:30Z",
          "2026-13-01T08:15:30Z",
          "2026-11-24T24:15:30Z",
          "2026-11-24T0x:15:30Z",
          "2026-11-24T08:1x:30Z",
          "2026-11-24T08:15:3xZ",
          "2026-11-24 08:15:30Z",
          "2026-1x-24T08:15:30Z",
          "yesterday"
        }) {
      assertThatThrownBy(() -> IsoInstants.parse(text))
          .as(text)
          .isInstanceOf(DateTimeParseException.class);
    }
  }
}
