package io.teleconsultation.kaleyra;

/**
 * Kaleyra v2 paths and field names, as docs/kaleyra.md lists them. Several of them are assumptions (marked
 * "assumed" there and here): correcting one against the real API is a one-line change here.
 */
final class KaleyraApi {

  private KaleyraApi() {}

  static final String API_KEY_HEADER = "apikey";

  static final String USERS = "/users";
  static final String USER = "/users/%s"; // assumed
  static final String ROOMS = "/rooms";
  static final String ROOM = "/rooms/%s"; // assumed
  static final String COMPANY = "/company";
  static final String VIRTUAL_BACKGROUNDS = "/company/virtual_backgrounds"; // assumed
  static final String SDK_CREDENTIALS = "/sdk/credentials";
  static final String ROOM_UPLOADS = "/rooms/%s/uploads"; // assumed
  static final String ROOM_UPLOAD = "/rooms/%s/uploads/%s"; // assumed

  // POST /users
  static final String USER_ID = "id";
  static final String USER_ROLE = "role";
  static final String USER_LANGUAGE = "language";

  // POST /rooms request
  static final String ROOM_PARTICIPANTS = "participants";
  static final String PARTICIPANT_USER_ID = "user_id";
  static final String PARTICIPANT_IS_ADMIN = "is_admin";
  static final String PARTICIPANT_TOOLS = "tools";
  static final String ROOM_DURATION = "duration";
  static final String ROOM_RECORDING = "recording";
  static final String ROOM_CALL_TYPE = "call_type";
  static final String ROOM_LIVE = "live";
  static final String ROOM_DESCRIPTION = "description";
  static final String CALL_TYPE_AUDIO_VIDEO = "audio_video";

  // POST /rooms response (assumed shape); v1 named the list user_urls with {user, url}.
  static final String ROOM_ID = "room_id";
  static final String PARTICIPANT_LINK = "link";
  static final String V1_USER_URLS = "user_urls";
  static final String V1_USER = "user";
  static final String V1_URL = "url";

  // GET /rooms/{id} response (assumed field names) → the camelCase `details` of our GET.
  static final String[][] ROOM_DETAIL_FIELDS = {
    {"recording", "recording"},
    {"recording_status", "recordingStatus"},
    {"call_type", "callType"},
    {"description", "description"},
    {"status", "status"},
    {"disabled", "disabled"},
    {"creation_date", "creationDate"},
    {"duration", "durationInSeconds"},
    {"duration_used", "durationUsedInSeconds"},
    {"live", "live"},
  };

  // POST /sdk/credentials request and response
  static final String CREDENTIALS_USER_ID = "user_id";
  static final String CREDENTIALS_EXPIRES_IN = "expires_in";
  static final String ACCESS_TOKEN = "access_token";
  static final String EXPIRES_AT = "expires_at";

  // PUT /company request (partial company)
  static final String COMPANY_BACKGROUND_ALIAS = "background_alias";

  // POST /company/virtual_backgrounds: the multipart part carrying the image, and the response (assumed)
  static final String BACKGROUND_FILE_PART = "file";
  static final String BACKGROUND_ALIAS = "background_alias";
  static final String BACKGROUND_URL = "url";
  static final String BACKGROUND_CREATION_DATE = "creation_date";

  // Paging of every v2 list (confirmed: "Lists in v2 are all paginated", offset and limit)
  static final String PAGE_OFFSET = "offset";
  static final String PAGE_LIMIT = "limit";

  // GET /rooms/{id}/uploads response (assumed)
  static final String UPLOADS = "uploads";
  static final String UPLOAD_ID = "id";
  static final String UPLOAD_NAME = "name";
  static final String UPLOAD_CREATION_DATE = "creation_date";
}
