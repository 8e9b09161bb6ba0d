package dev.taxiplatform.dashboard.data;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.util.List;

/**
 * One panel's data, as its JSON endpoint returns it.
 *
 * @param panel the panel's id
 * @param title what it shows
 * @param from the range's first date, null when open
 * @param to the range's last date, null when open
 * @param rows its rows (one for the KPIs)
 */
public record PanelData(
    String panel, String title, LocalDate from, LocalDate to, List<? extends Record> rows) {
  public PanelData {
    requireNonNull(panel, "panel");
    requireNonNull(title, "title");
    rows = List.copyOf(rows);
  }

  static PanelData of(Panel panel, DateRange range, List<? extends Record> rows) {
    return new PanelData(
        panel.id(), panel.title(), range.from().orElse(null), range.to().orElse(null), rows);
  }
}
