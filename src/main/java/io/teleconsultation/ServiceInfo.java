package io.teleconsultation;

/** Name and version, as /-/healthz and /-/check-up report them. */
public final class ServiceInfo {

  public static final String NAME = "teleconsultation-service-backend";

  private ServiceInfo() {}

  /** The jar manifest's Implementation-Version; "dev" when running from classes. */
  public static String version() {
    String version = ServiceInfo.class.getPackage().getImplementationVersion();
    return version != null ? version : "dev";
  }
}
