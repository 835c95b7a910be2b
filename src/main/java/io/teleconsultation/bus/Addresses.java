package io.teleconsultation.bus;

/**
 * Every event-bus address of the service, in one place. Messages are JSON objects (they cross JVMs when the
 * event bus is clustered); their shapes are documented in docs/event-bus.md. A failed request is answered with
 * {@code message.fail(httpStatus, clientMessage)} (see {@link BusFailure}).
 */
public final class Addresses {

  private Addresses() {}

  // Use cases (workflow verticle): teleconsultations, SDK credentials, company settings. Called by the HTTP verticle.
  public static final String TELECONSULTATION_CREATE = "teleconsultation.create";
  public static final String TELECONSULTATION_JOIN = "teleconsultation.join";
  public static final String TELECONSULTATION_UPDATE = "teleconsultation.update";
  public static final String TELECONSULTATION_PARTICIPANT_ADD = "teleconsultation.participants.add";
  public static final String TELECONSULTATION_DELETE = "teleconsultation.delete";
  public static final String TELECONSULTATION_UPLOADS_DELETE = "teleconsultation.uploads.delete";
  public static final String TELECONSULTATION_PING = "teleconsultation.ping";
  public static final String CREDENTIALS_CREATE = "credentials.create";
  public static final String SETTINGS_UPDATE = "settings.update";
  /** Carries a local file path: send it local-only (see docs/event-bus.md). */
  public static final String SETTINGS_BACKGROUND_UPLOAD = "settings.backgrounds.upload";

  // The room reaper: runs a sweep now (it also runs every REAPER_INTERVAL_MS) and replies {deleted, failed}.
  public static final String REAPER_RUN = "reaper.run";
  // Retention: erases old personal data now (it also runs every RETENTION_INTERVAL_MS): {erased, forgottenUsers}.
  public static final String RETENTION_RUN = "retention.run";
  // {days, limit} -> {erased, forgottenUsers}: one batch of SqlQueries.ERASE_PERSONAL_DATA.
  public static final String STORE_RETENTION_ERASE = "store.retention.erase";

  // Domain events, published (to every node) after a change is committed: {id, roomId, previousRoomId?}.
  public static final String EVENT_TELECONSULTATION_CREATED = "teleconsultation.created";
  public static final String EVENT_TELECONSULTATION_UPDATED = "teleconsultation.updated";
  public static final String EVENT_TELECONSULTATION_DELETED = "teleconsultation.deleted";

  // Kaleyra integration (Kaleyra verticle): the only place that talks to Kaleyra.
  public static final String KALEYRA_USER_ENSURE = "kaleyra.users.ensure";
  public static final String KALEYRA_USER_PROMOTE = "kaleyra.users.promote";
  public static final String KALEYRA_ROOM_CREATE = "kaleyra.rooms.create";
  public static final String KALEYRA_ROOM_GET = "kaleyra.rooms.get";
  public static final String KALEYRA_ROOM_DELETE = "kaleyra.rooms.delete";
  public static final String KALEYRA_ROOM_UPLOADS_LIST = "kaleyra.rooms.uploads.list";
  public static final String KALEYRA_ROOM_UPLOAD_DELETE = "kaleyra.rooms.uploads.delete";
  public static final String KALEYRA_CREDENTIALS_CREATE = "kaleyra.credentials.create";
  public static final String KALEYRA_COMPANY_UPDATE = "kaleyra.company.update";
  /** Carries a local file path: send it local-only (see docs/event-bus.md). */
  public static final String KALEYRA_COMPANY_BACKGROUND_UPLOAD = "kaleyra.company.backgrounds.upload";
  public static final String KALEYRA_STATUS = "kaleyra.status";
  public static final String KALEYRA_PING = "kaleyra.ping";
  // Simulator mode only, answered by the Kaleyra simulator itself: what a simulated join link leads to.
  public static final String KALEYRA_SIMULATOR_LINK = "kaleyra.simulator.link";

  // User directory (directory verticle, user-directory mode only): the only place that calls AUTH_SERVICE.
  public static final String DIRECTORY_USERS_LOOKUP = "directory.users.lookup";
  public static final String DIRECTORY_STATUS = "directory.status";

  // Persistence (persistence verticle): the only place that talks to PostgreSQL.
  public static final String STORE_USERS_FIND = "store.users.find";
  public static final String STORE_USERS_SAVE = "store.users.save";
  public static final String STORE_TELECONSULTATION_INSERT = "store.teleconsultations.insert";
  public static final String STORE_TELECONSULTATION_GET = "store.teleconsultations.get";
  public static final String STORE_TELECONSULTATION_UPDATE = "store.teleconsultations.update";
  public static final String STORE_TELECONSULTATION_DELETE = "store.teleconsultations.delete";
  public static final String STORE_STATUS = "store.status";
  public static final String STORE_CLEANUP_RECORD = "store.cleanups.record";
  public static final String STORE_CLEANUP_FORGET = "store.cleanups.forget";
  public static final String STORE_CLEANUP_DUE = "store.cleanups.due";
  public static final String STORE_CLEANUP_RETRY = "store.cleanups.retry";
  public static final String STORE_CLEANUP_PENDING = "store.cleanups.pending";
  public static final String STORE_IDEMPOTENCY_CLAIM = "store.idempotency.claim";
  public static final String STORE_IDEMPOTENCY_COMPLETE = "store.idempotency.complete";
  public static final String STORE_IDEMPOTENCY_RELEASE = "store.idempotency.release";
  public static final String STORE_IDEMPOTENCY_PURGE = "store.idempotency.purge";
}
