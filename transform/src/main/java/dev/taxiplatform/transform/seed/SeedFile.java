package dev.taxiplatform.transform.seed;

import dev.taxiplatform.transform.project.ProjectException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A seed's CSV: a header row, then rows. Values are kept as text; empty values are nulls.
 *
 * @param columns the header's column names
 * @param rows the rows, each as long as the header
 */
public record SeedFile(List<String> columns, List<List<String>> rows) {
  public SeedFile {
    columns = List.copyOf(columns);
    rows = List.copyOf(rows);
  }

  /** Reads a CSV file ({@code delimiter} is usually a comma). */
  public static SeedFile read(Path file, char delimiter) {
    CSVFormat format =
        CSVFormat.DEFAULT
            .builder()
            .setDelimiter(delimiter)
            .setHeader()
            .setSkipHeaderRecord(true)
            .setTrim(false)
            .get();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser parser = CSVParser.parse(reader, format)) {
      List<String> columns = new ArrayList<>(parser.getHeaderNames());
      if (!columns.isEmpty() && columns.get(0).startsWith("\uFEFF")) {
        columns.set(0, columns.get(0).substring(1));
      }
      List<List<String>> rows = new ArrayList<>();
      for (CSVRecord record : parser) {
        if (record.size() != columns.size()) {
          throw new ProjectException(
              "Seed %s: line %d has %d values but the header has %d columns"
                  .formatted(file, record.getRecordNumber() + 1, record.size(), columns.size()));
        }
        List<String> row = new ArrayList<>(columns.size());
        record.forEach(v -> row.add(v.isEmpty() ? null : v));
        rows.add(row);
      }
      return new SeedFile(columns, rows);
    } catch (IOException | IllegalArgumentException e) {
      throw new ProjectException("Cannot read seed %s: %s".formatted(file, e.getMessage()), e);
    }
  }

  /** The values of one column. */
  public List<String> column(int index) {
    List<String> values = new ArrayList<>(rows.size());
    rows.forEach(r -> values.add(r.get(index)));
    return values;
  }
}
