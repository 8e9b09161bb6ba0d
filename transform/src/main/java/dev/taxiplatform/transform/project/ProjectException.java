package dev.taxiplatform.transform.project;

/**
 * The project or profile is invalid (a bad {@code dbt_project.yml}, a missing profile, a property
 * file that does not parse). The message says which file and what to change.
 */
public final class ProjectException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ProjectException(String message) {
    super(message);
  }

  public ProjectException(String message, Throwable cause) {
    super(message, cause);
  }
}
