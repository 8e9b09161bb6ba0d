package dev.taxiplatform.ingest.sink;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/** A Parquet {@link OutputFile} in memory: the file is uploaded whole once written. */
final class InMemoryOutputFile implements OutputFile {
  private final Buffer buffer = new Buffer();

  @Override
  public PositionOutputStream create(long blockSizeHint) {
    return stream();
  }

  @Override
  public PositionOutputStream createOrOverwrite(long blockSizeHint) {
    buffer.reset();
    return stream();
  }

  @Override
  public boolean supportsBlockSize() {
    return false;
  }

  @Override
  public long defaultBlockSize() {
    return 0;
  }

  @Override
  public String getPath() {
    return "memory";
  }

  /** The bytes written so far. */
  byte[] toByteArray() {
    return buffer.toByteArray();
  }

  private PositionOutputStream stream() {
    return new PositionOutputStream() {
      @Override
      public long getPos() {
        return buffer.size();
      }

      @Override
      public void write(int b) {
        buffer.write(b);
      }

      @Override
      public void write(byte[] bytes, int offset, int length) {
        buffer.write(bytes, offset, length);
      }

      @Override
      public void close() throws IOException {
        // The bytes stay in memory until uploaded.
      }
    };
  }

  private static final class Buffer extends ByteArrayOutputStream {
    Buffer() {
      super(64 * 1024);
    }
  }
}
