package dev.taxiplatform.warehouse;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.DummyRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;

/**
 * Reads a Parquet file column by column and writes its rows as binary COPY rows for a target table:
 * each target column comes from the file's column of the same name, or from a constant (a partition
 * value from the file's path). Values go straight from Parquet's encoding to PostgreSQL's wire
 * format: strings as their UTF-8 bytes, decimals as exact numerics.
 */
public final class ParquetCopyEncoder {
  private final List<TargetColumn> columns;
  private final Map<String, LocalDate> constants;

  /**
   * @param columns the target columns, in COPY order
   * @param constants values of target columns that are not in the file (e.g. {@code event_date})
   */
  public ParquetCopyEncoder(List<TargetColumn> columns, Map<String, LocalDate> constants) {
    this.columns = List.copyOf(columns);
    this.constants = Map.copyOf(requireNonNull(constants, "constants"));
  }

  /** Receives the rows that cannot be loaded, instead of the table. */
  public interface Rejects {
    /**
     * One row set aside.
     *
     * @param rowNumber the row's number in its file, from 0
     * @param rejection why, and the row's ride id
     */
    void reject(long rowNumber, RideRowCheck.Rejection rejection);

    /** Fails on the first row that cannot be loaded (for tables without a quarantine). */
    Rejects FAIL =
        (row, rejection) -> {
          throw new IllegalStateException(
              "Row %d cannot be loaded: %s".formatted(row, rejection.reason()));
        };
  }

  /** Receives encoded rows as they fill the buffer. */
  public interface Sink {
    /** Takes {@code bytes[0..length)}; the buffer is reused after the call. */
    void accept(byte[] bytes, int length) throws IOException;
  }

  /**
   * Encodes every row of {@code file} into {@code out}, handing full buffers to {@code sink}.
   *
   * @return the number of rows
   */
  public long encode(Path file, PgBinaryRow out, Sink sink) throws IOException {
    return encode(file, out, sink, Rejects.FAIL);
  }

  /**
   * Encodes every loadable row of {@code file} into {@code out}, handing full buffers to {@code
   * sink}; rows {@link RideRowCheck} refuses go to {@code rejects} instead.
   *
   * @return the number of rows read, loadable or not
   */
  public long encode(Path file, PgBinaryRow out, Sink sink, Rejects rejects) throws IOException {
    long rows = 0;
    try (ParquetFileReader reader =
        new ParquetFileReader(new LocalInputFile(file), ParquetReadOptions.builder().build())) {
      MessageType schema = reader.getFooter().getFileMetaData().getSchema();
      String createdBy = reader.getFooter().getFileMetaData().getCreatedBy();
      Field[] fields = fields(schema, file);
      PageReadStore rowGroup;
      while ((rowGroup = reader.readNextRowGroup()) != null) {
        ColumnReadStoreImpl store =
            new ColumnReadStoreImpl(
                rowGroup, new DummyRecordConverter(schema).getRootConverter(), schema, createdBy);
        ColumnReader[] readers = new ColumnReader[fields.length];
        for (int i = 0; i < fields.length; i++) {
          if (fields[i].descriptor != null) {
            readers[i] = store.getColumnReader(fields[i].descriptor);
          }
        }
        long count = rowGroup.getRowCount();
        for (long row = 0; row < count; row++) {
          RideRowCheck.Rejection rejection = check(fields, readers);
          if (rejection != null) {
            for (int i = 0; i < fields.length; i++) {
              fields[i].skip(readers[i]);
            }
            rejects.reject(rows + row, rejection);
            continue;
          }
          out.startRow(fields.length);
          for (int i = 0; i < fields.length; i++) {
            fields[i].write(readers[i], out);
          }
          if (out.size() >= (1 << 20) - 4096) {
            sink.accept(out.array(), out.size());
            out.reset();
          }
        }
        rows += count;
      }
    }
    return rows;
  }

  /** The first reason the row the readers stand on cannot be loaded, or null. */
  private static RideRowCheck.Rejection check(Field[] fields, ColumnReader[] readers) {
    for (int i = 0; i < fields.length; i++) {
      if (fields[i].kind == Field.Kind.TEXT
          && readers[i].getCurrentDefinitionLevel() == fields[i].maxDefinition) {
        RideRowCheck.Rejection rejection =
            RideRowCheck.check(fields[i].name, readers[i].getBinary().getBytesUnsafe());
        if (rejection != null) {
          return rejection;
        }
      }
    }
    return null;
  }

  private Field[] fields(MessageType schema, Path file) {
    Field[] fields = new Field[columns.size()];
    for (int i = 0; i < fields.length; i++) {
      TargetColumn column = columns.get(i);
      if (constants.containsKey(column.name())) {
        fields[i] = Field.constant(column, constants.get(column.name()));
      } else if (schema.containsField(column.name())) {
        ColumnDescriptor descriptor = schema.getColumnDescription(new String[] {column.name()});
        fields[i] = Field.of(column, descriptor, file);
      } else {
        throw new IllegalStateException(
            "%s has no column %s, which %s needs. Was it written by the batch job?"
                .formatted(file.getFileName(), column.name(), column));
      }
    }
    return fields;
  }

  /** How one target column is filled. */
  private static final class Field {
    private enum Kind {
      TEXT,
      INT2,
      INT4,
      INT8,
      BOOL,
      FLOAT8,
      NUMERIC_FROM_INT32,
      NUMERIC_FROM_INT64,
      TIMESTAMP_MICROS,
      TIMESTAMP_MILLIS,
      DATE,
      CONSTANT_DATE
    }

    private final Kind kind;
    private final String name;
    private final ColumnDescriptor descriptor;
    private final int maxDefinition;
    private final int scale;
    private final int constantEpochDay;

    private Field(
        Kind kind, String name, ColumnDescriptor descriptor, int scale, int constantEpochDay) {
      this.kind = kind;
      this.name = name;
      this.descriptor = descriptor;
      this.maxDefinition = descriptor == null ? 0 : descriptor.getMaxDefinitionLevel();
      this.scale = scale;
      this.constantEpochDay = constantEpochDay;
    }

    static Field constant(TargetColumn column, LocalDate value) {
      if (!column.type().equals("date")) {
        throw new IllegalStateException("Only date constants are supported, not " + column);
      }
      return new Field(Kind.CONSTANT_DATE, column.name(), null, 0, (int) value.toEpochDay());
    }

    static Field of(TargetColumn column, ColumnDescriptor descriptor, Path file) {
      PrimitiveType primitive = descriptor.getPrimitiveType();
      LogicalTypeAnnotation logical = primitive.getLogicalTypeAnnotation();
      PrimitiveType.PrimitiveTypeName physical = primitive.getPrimitiveTypeName();
      Kind kind =
          switch (column.type()) {
            case "text", "varchar" ->
                physical == PrimitiveType.PrimitiveTypeName.BINARY ? Kind.TEXT : null;
            case "int2" -> physical == PrimitiveType.PrimitiveTypeName.INT32 ? Kind.INT2 : null;
            case "int4" -> physical == PrimitiveType.PrimitiveTypeName.INT32 ? Kind.INT4 : null;
            case "int8" ->
                physical == PrimitiveType.PrimitiveTypeName.INT64
                    ? Kind.INT8
                    : physical == PrimitiveType.PrimitiveTypeName.INT32 ? Kind.INT4 : null;
            case "bool" -> physical == PrimitiveType.PrimitiveTypeName.BOOLEAN ? Kind.BOOL : null;
            case "float8" ->
                physical == PrimitiveType.PrimitiveTypeName.DOUBLE ? Kind.FLOAT8 : null;
            case "numeric" ->
                logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation
                    ? (physical == PrimitiveType.PrimitiveTypeName.INT32
                        ? Kind.NUMERIC_FROM_INT32
                        : physical == PrimitiveType.PrimitiveTypeName.INT64
                            ? Kind.NUMERIC_FROM_INT64
                            : null)
                    : null;
            case "timestamptz", "timestamp" ->
                logical instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation ts
                    ? (ts.getUnit() == LogicalTypeAnnotation.TimeUnit.MICROS
                        ? Kind.TIMESTAMP_MICROS
                        : ts.getUnit() == LogicalTypeAnnotation.TimeUnit.MILLIS
                            ? Kind.TIMESTAMP_MILLIS
                            : null)
                    : null;
            case "date" ->
                logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation
                    ? Kind.DATE
                    : null;
            default -> null;
          };
      if (kind == null) {
        throw new IllegalStateException(
            "%s: column %s is %s, which cannot be loaded into a %s column"
                .formatted(file.getFileName(), column.name(), primitive, column.type()));
      }
      if (kind == Kind.INT4 && column.type().equals("int8")) {
        kind = Kind.INT8;
      }
      int scale =
          logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation decimal
              ? decimal.getScale()
              : 0;
      return new Field(kind, column.name(), descriptor, scale, 0);
    }

    /** Moves past the current row's value without writing it. */
    void skip(ColumnReader reader) {
      if (kind == Kind.CONSTANT_DATE) {
        return;
      }
      if (reader.getCurrentDefinitionLevel() == maxDefinition) {
        reader.skip(); // consume() alone would leave an unread value for the next row
      }
      reader.consume();
    }

    void write(ColumnReader reader, PgBinaryRow out) {
      if (kind == Kind.CONSTANT_DATE) {
        out.date(constantEpochDay);
        return;
      }
      if (reader.getCurrentDefinitionLevel() < maxDefinition) {
        out.writeNull();
        reader.consume();
        return;
      }
      switch (kind) {
        case TEXT -> {
          Binary binary = reader.getBinary();
          byte[] bytes = binary.getBytesUnsafe();
          out.text(bytes, 0, bytes.length);
        }
        case INT2 -> out.int2(reader.getInteger());
        case INT4 -> out.int4(reader.getInteger());
        case INT8 ->
            out.int8(
                descriptor.getPrimitiveType().getPrimitiveTypeName()
                        == PrimitiveType.PrimitiveTypeName.INT32
                    ? reader.getInteger()
                    : reader.getLong());
        case BOOL -> out.bool(reader.getBoolean());
        case FLOAT8 -> out.float8(reader.getDouble());
        case NUMERIC_FROM_INT32 -> out.numeric(reader.getInteger(), scale);
        case NUMERIC_FROM_INT64 -> out.numeric(reader.getLong(), scale);
        case TIMESTAMP_MICROS -> out.timestampMicros(reader.getLong());
        case TIMESTAMP_MILLIS -> out.timestampMicros(reader.getLong() * 1000);
        case DATE -> out.date(reader.getInteger());
        default -> throw new IllegalStateException("kind " + kind);
      }
      reader.consume();
    }
  }
}
