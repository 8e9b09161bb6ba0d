package dev.taxiplatform.dashboard.data;

/** A query could not be answered: the warehouse is unreachable, or the marts are absent. */
public final class WarehouseUnavailableException extends Exception {
  private static final long serialVersionUID = 1L;

  private final WarehouseFailure failure;

  public WarehouseUnavailableException(WarehouseFailure failure, String message, Throwable cause) {
    super(message, cause);
    this.failure = failure;
  }

  public WarehouseFailure failure() {
    return failure;
  }
}
