package dev.taxiplatform.warehouse;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * PostgreSQL's binary COPY format, written into a growable buffer: the header, rows of
 * length-prefixed fields in each type's binary wire format, and the trailer.
 */
public final class PgBinaryRow {
  private static final byte[] SIGNATURE = {
    'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0
  };

  /** Microseconds from the Unix epoch to PostgreSQL's (2000-01-01 UTC). */
  static final long PG_EPOCH_MICROS = 946_684_800_000_000L;

  /** Days from the Unix epoch to PostgreSQL's. */
  static final int PG_EPOCH_DAYS = 10_957;

  private final Buffer out = new Buffer(1 << 20);

  /** The COPY header: signature, flags, header extension length. */
  public void header() {
    out.write(SIGNATURE, 0, SIGNATURE.length);
    writeInt(0);
    writeInt(0);
  }

  /** The COPY trailer. */
  public void trailer() {
    writeShort(-1);
  }

  public void startRow(int fields) {
    writeShort(fields);
  }

  public void writeNull() {
    writeInt(-1);
  }

  public void int2(int value) {
    writeInt(2);
    writeShort(value);
  }

  public void int4(int value) {
    writeInt(4);
    writeInt(value);
  }

  public void int8(long value) {
    writeInt(8);
    writeLong(value);
  }

  public void bool(boolean value) {
    writeInt(1);
    out.write(value ? 1 : 0);
  }

  public void float8(double value) {
    int8Raw(Double.doubleToLongBits(value));
  }

  private void int8Raw(long bits) {
    writeInt(8);
    writeLong(bits);
  }

  /** UTF-8 text. */
  public void text(byte[] utf8, int offset, int length) {
    writeInt(length);
    out.write(utf8, offset, length);
  }

  public void text(String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    text(bytes, 0, bytes.length);
  }

  /** A {@code timestamptz} from microseconds since the Unix epoch. */
  public void timestampMicros(long epochMicros) {
    int8Raw(epochMicros - PG_EPOCH_MICROS);
  }

  /** A {@code date} from days since the Unix epoch. */
  public void date(int epochDay) {
    writeInt(4);
    writeInt(epochDay - PG_EPOCH_DAYS);
  }

  /** A {@code numeric} of {@code unscaled} × 10^-{@code scale}, exactly. */
  public void numeric(long unscaled, int scale) {
    boolean negative = unscaled < 0;
    long abs = Math.abs(unscaled);
    long pow = 1;
    for (int i = 0; i < scale; i++) {
      pow *= 10;
    }
    long integer = abs / pow;
    long fraction = abs % pow;
    int pad = (4 - scale % 4) % 4;
    for (int i = 0; i < pad; i++) {
      fraction *= 10;
    }
    int fractionGroups = (scale + pad) / 4;
    short[] digits = new short[8 + fractionGroups];
    int integerGroups = 0;
    short[] integerDigits = new short[6];
    for (long v = integer; v > 0; v /= 10_000) {
      integerDigits[integerGroups++] = (short) (v % 10_000);
    }
    int n = 0;
    for (int i = integerGroups - 1; i >= 0; i--) {
      digits[n++] = integerDigits[i];
    }
    long divisor = 1;
    for (int i = 1; i < fractionGroups; i++) {
      divisor *= 10_000;
    }
    for (int i = 0; i < fractionGroups; i++) {
      digits[n++] = (short) (fraction / divisor % 10_000);
      divisor /= 10_000;
    }
    int weight = integerGroups - 1;
    int first = 0;
    while (first < n && digits[first] == 0) {
      first++;
      weight--;
    }
    int last = n;
    while (last > first && digits[last - 1] == 0) {
      last--;
    }
    int count = last - first;
    if (count == 0) {
      weight = 0;
      negative = false;
    }
    writeInt(8 + 2 * count);
    writeShort(count);
    writeShort(weight);
    writeShort(negative ? 0x4000 : 0);
    writeShort(scale);
    for (int i = first; i < last; i++) {
      writeShort(digits[i]);
    }
  }

  /** Bytes written and not yet taken. */
  public int size() {
    return out.size();
  }

  public byte[] array() {
    return out.array();
  }

  /** Forgets what was written (after the caller sent {@link #array()}[0..{@link #size()}]). */
  public void reset() {
    out.reset();
  }

  private void writeShort(int value) {
    out.putShort(value);
  }

  private void writeInt(int value) {
    out.putInt(value);
  }

  private void writeLong(long value) {
    out.putInt((int) (value >>> 32));
    out.putInt((int) value);
  }

  /** A growable byte buffer without locking. */
  private static final class Buffer {
    private byte[] bytes;
    private int size;

    Buffer(int capacity) {
      bytes = new byte[capacity];
    }

    void write(int b) {
      ensure(1);
      bytes[size++] = (byte) b;
    }

    void putShort(int value) {
      ensure(2);
      bytes[size] = (byte) (value >>> 8);
      bytes[size + 1] = (byte) value;
      size += 2;
    }

    void putInt(int value) {
      ensure(4);
      bytes[size] = (byte) (value >>> 24);
      bytes[size + 1] = (byte) (value >>> 16);
      bytes[size + 2] = (byte) (value >>> 8);
      bytes[size + 3] = (byte) value;
      size += 4;
    }

    private void ensure(int more) {
      if (size + more > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
      }
    }

    void write(byte[] source, int offset, int length) {
      if (size + length > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + length));
      }
      System.arraycopy(source, offset, bytes, size, length);
      size += length;
    }

    int size() {
      return size;
    }

    byte[] array() {
      return bytes;
    }

    void reset() {
      size = 0;
    }
  }
}
