package dev.taxiplatform.core.component;

/** A tiny main class for the class data tests: exits with the code it is given. */
public final class ClassDataProbe {
  private ClassDataProbe() {}

  public static void main(String[] args) {
    System.out.println("probe ran");
    System.exit(Integer.parseInt(args[0]));
  }
}
