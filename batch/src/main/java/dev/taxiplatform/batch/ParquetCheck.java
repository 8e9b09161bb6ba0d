package dev.taxiplatform.batch;

import static java.util.Objects.requireNonNull;

import dev.taxiplatform.core.processed.BatchManifest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * Checks raw objects before Spark reads them: each must be a Parquet file whose footer reads and
 * whose schema is the contract's (every ride column, with its type). A file that fails is a corrupt
 * object, reported by name, never silently dropped nor read as rows to quarantine. Damage inside
 * pages shows when Spark reads them and verifies their checksums.
 */
public final class ParquetCheck {
  private final Configuration hadoop;
  private final Function<String, String> pathOfKey;

  /**
   * @param pathOfKey where to read an object, by its key
   */
  public ParquetCheck(Configuration hadoop, Function<String, String> pathOfKey) {
    this.hadoop = requireNonNull(hadoop, "hadoop");
    this.pathOfKey = requireNonNull(pathOfKey, "pathOfKey");
  }

  /** The objects that fail the check, with the reason. */
  public List<BatchManifest.CorruptObject> unreadable(List<BatchManifest.RawObject> objects) {
    List<BatchManifest.CorruptObject> corrupt = new ArrayList<>();
    ParallelReads.map(objects, o -> check(o.key()), "checking raw objects")
        .forEach(c -> c.ifPresent(corrupt::add));
    return corrupt;
  }

  private Optional<BatchManifest.CorruptObject> check(String key) {
    MessageType schema;
    try (ParquetFileReader reader =
        ParquetFileReader.open(HadoopInputFile.fromPath(new Path(pathOfKey.apply(key)), hadoop))) {
      schema = reader.getFooter().getFileMetaData().getSchema();
    } catch (IOException | RuntimeException e) {
      String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      return Optional.of(
          new BatchManifest.CorruptObject(
              key, "not a readable Parquet file: " + firstLine(reason)));
    }
    for (RawRideSchema.Column column : RawRideSchema.COLUMNS) {
      if (!schema.containsField(column.name())) {
        continue;
      }
      Type type = schema.getType(column.name());
      String actual =
          type.isPrimitive() ? type.asPrimitiveType().getPrimitiveTypeName().name() : "GROUP";
      if (!actual.equals(column.parquetType())) {
        return Optional.of(
            new BatchManifest.CorruptObject(
                key,
                "column %s is %s, the raw contract says %s"
                    .formatted(column.name(), actual, column.parquetType())));
      }
    }
    List<String> missing =
        RawRideSchema.COLUMNS.stream()
            .map(RawRideSchema.Column::name)
            .filter(name -> !schema.containsField(name))
            .toList();
    if (!missing.isEmpty()) {
      return Optional.of(
          new BatchManifest.CorruptObject(
              key, "no column %s, which the raw contract requires".formatted(missing)));
    }
    return Optional.empty();
  }

  private static String firstLine(String text) {
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }
}
