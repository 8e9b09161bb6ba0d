package dev.taxiplatform.dashboard.testing;

import java.time.LocalDate;
import java.util.List;

/** A panel endpoint's JSON, read back with its rows typed. */
public record PanelResponse<T>(
    String panel, String title, LocalDate from, LocalDate to, List<T> rows) {}
