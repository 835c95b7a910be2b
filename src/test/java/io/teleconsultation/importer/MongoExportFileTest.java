package io.teleconsultation.importer;

import static org.assertj.core.api.Assertions.assertThat;

import io.teleconsultation.importer.MongoExportFile.Entry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading mongoexport's two output forms, with line numbers and extended JSON. */
class MongoExportFileTest {

  @TempDir
  Path dir;

  private List<Entry> read(String content) throws IOException {
    Path file = dir.resolve("export.json");
    Files.writeString(file, content);
    List<Entry> entries = new ArrayList<>();
    MongoExportFile.read(file, entries::add);
    return entries;
  }

  @Test
  void jsonLinesKeepTheirLineNumbersAndABadLineDoesNotStopTheOthers() throws IOException {
    List<Entry> entries = read("{\"_id\":{\"$oid\":\"65a1f0c2e4b0a1b2c3d4e5f6\"}}\n\n{oops\n[1]\n{\"_id\":\"b\"}\n");

    assertThat(entries).extracting(Entry::line).containsExactly(1, 3, 4, 5);
    assertThat(entries.get(0).document().getString("_id")).isEqualTo("65a1f0c2e4b0a1b2c3d4e5f6");
    assertThat(entries.get(1).error()).startsWith("not a JSON object");
    assertThat(entries.get(2).error()).startsWith("not a JSON object");
    assertThat(entries.get(3).document().getString("_id")).isEqualTo("b");
  }

  @Test
  void jsonArrayElementsCarryTheLineTheyStartOn() throws IOException {
    List<Entry> entries = read("[\n{\"_id\":\"a\"},\n{\"_id\":\n \"b\"},\n42\n]");

    assertThat(entries).extracting(Entry::line).containsExactly(2, 3, 5);
    assertThat(entries.get(1).document().getString("_id")).isEqualTo("b");
    assertThat(entries.get(2).error()).isEqualTo("not a JSON object");
  }

  @Test
  void syntaxErrorInAnArrayStopsTheReadingAtItsLine() throws IOException {
    List<Entry> entries = read("[\n{\"_id\":\"a\"},\n{\"_id\" \"b\"},\n{\"_id\":\"c\"}\n]");

    assertThat(entries).hasSize(2);
    assertThat(entries.get(1).line()).isEqualTo(3);
    assertThat(entries.get(1).error()).startsWith("invalid JSON, the rest of the file is not read");
  }

  @Test
  void extendedJsonDatesAndNumbersInEveryModeBecomePlainValues() throws IOException {
    List<Entry> entries = read("{\"a\":{\"$date\":\"2025-01-10T10:00:00Z\"},\"b\":{\"$date\":{\"$numberLong\":\"1704880800000\"}},"
        + "\"c\":{\"$date\":1704880800000},\"d\":{\"$numberInt\":\"3\"},\"e\":[{\"$oid\":\"x1\"}],\"f\":{\"g\":{\"$numberDouble\":\"1.5\"}}}");

    var doc = entries.get(0).document();
    assertThat(doc.getString("a")).isEqualTo("2025-01-10T10:00:00Z");
    assertThat(doc.getString("b")).isEqualTo("2024-01-10T10:00:00Z");
    assertThat(doc.getString("c")).isEqualTo("2024-01-10T10:00:00Z");
    assertThat(doc.getLong("d")).isEqualTo(3L);
    assertThat(doc.getJsonArray("e").getString(0)).isEqualTo("x1");
    assertThat(doc.getJsonObject("f").getDouble("g")).isEqualTo(1.5);
  }
}
