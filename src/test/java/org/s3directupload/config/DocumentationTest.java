package org.s3directupload.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.s3directupload.devstore.DevSettings;
import org.s3directupload.signing.TicketHeaders;

/** The README and the sample documents say what the code does. */
class DocumentationTest {

  private static final Pattern ROW =
      Pattern.compile("^\\| `(upload\\.[a-z0-9.-]+)` \\| ([^|]+) \\|");

  private static Map<String, String> readmeTable() throws Exception {
    Map<String, String> rows = new LinkedHashMap<>();
    for (String line : Files.readAllLines(Path.of("README.md"))) {
      Matcher row = ROW.matcher(line);
      if (row.find()) {
        rows.put(row.group(1), row.group(2).trim());
      }
    }
    return rows;
  }

  @Test
  void readmeTableListsEveryKeyWithItsShippedDefault() throws Exception {
    Map<String, String> table = readmeTable();
    Map<String, String> defaults = DevSettings.shippedDefaults();

    assertEquals(UploadSettings.KEYS, new ArrayList<>(table.keySet()));
    for (String key : UploadSettings.KEYS) {
      String documented = table.get(key);
      if (defaults.containsKey(key)) {
        assertEquals("`" + defaults.get(key) + "`", documented, key);
      } else {
        assertTrue(
            documented.startsWith("—"), key + " has no default but the README says " + documented);
      }
    }
  }

  @Test
  void configFileDeclaresEveryKey() throws Exception {
    String file =
        Files.readString(Path.of("src/main/resources/META-INF/microprofile-config.properties"));

    for (String key : UploadSettings.KEYS) {
      assertTrue(file.contains(key + "="), key);
    }
  }

  @Test
  void awsCorsSampleAllowsExactlyTheTicketHeaders() throws Exception {
    JsonObject cors;
    try (var reader =
        Json.createReader(
            new StringReader(Files.readString(Path.of("server-config/aws/cors.json"))))) {
      cors = reader.readObject();
    }
    JsonObject rule = cors.getJsonArray("CORSRules").getJsonObject(0);

    assertEquals(
        TicketHeaders.names(TestSettings.with()),
        rule.getJsonArray("AllowedHeaders").getValuesAs(JsonString::getString));
    assertEquals(
        List.of("PUT"), rule.getJsonArray("AllowedMethods").getValuesAs(JsonString::getString));
    assertTrue(
        rule.getJsonArray("ExposeHeaders").getValuesAs(JsonString::getString).contains("ETag"));
    assertFalse(rule.toString().contains("\"*\""));
  }

  @Test
  void s3proxySampleAllowsExactlyTheTicketHeaders() throws Exception {
    Properties conf = new Properties();
    try (var in = Files.newInputStream(Path.of("server-config/s3-compatible/s3proxy.conf"))) {
      conf.load(in);
    }

    assertEquals(
        TicketHeaders.names(TestSettings.with()),
        Arrays.asList(conf.getProperty("s3proxy.cors-allow-headers").split(" ")));
    assertEquals("PUT", conf.getProperty("s3proxy.cors-allow-methods"));
  }
}
