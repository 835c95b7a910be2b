package io.teleconsultation.workflow;

import io.teleconsultation.config.ServiceConfig;
import io.teleconsultation.domain.Privileges;

/** What every new Kaleyra room gets from the configuration. */
record RoomSettings(Privileges privileges, boolean unlimited, boolean live, String recording) {

  static RoomSettings from(ServiceConfig config, Privileges privileges) {
    return new RoomSettings(
        privileges, config.unlimitedTeleconsultation(), config.liveTeleconsultation(), config.defaultRecordingType());
  }
}
