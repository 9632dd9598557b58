package org.s3directupload.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.s3directupload.bucket.BucketDocuments;
import org.s3directupload.devstore.DevSettings;
import org.s3directupload.errors.ErrorCode;
import org.s3directupload.signing.MultipartSettings;
import org.s3directupload.signing.TicketHeaders;

/** The guide, the reference in docs/ and the sample documents say what the code does. */
class DocumentationTest {

  private static final Pattern ROW =
      Pattern.compile("^\\| `(upload\\.[a-z0-9.-]+)` \\| ((?:[^|\\\\]|\\\\\\|)+) \\|");

  private static Map<String, String> configurationTable() throws Exception {
    Map<String, String> rows = new LinkedHashMap<>();
    for (String line : Files.readAllLines(Path.of("docs/configuration.md"))) {
      Matcher row = ROW.matcher(line);
      if (row.find()) {
        rows.put(row.group(1), row.group(2).trim().replace("\\|", "|"));
      }
    }
    return rows;
  }

  @Test
  void configurationTableListsEveryKeyWithItsShippedDefault() throws Exception {
    Map<String, String> table = configurationTable();
    Map<String, String> defaults = StandaloneConfig.shippedDefaults();

    assertEquals(SettingKeys.ALL, new ArrayList<>(table.keySet()));
    for (String key : SettingKeys.ALL) {
      String documented = table.get(key);
      if (defaults.containsKey(key)) {
        assertEquals("`" + defaults.get(key) + "`", documented, key);
      } else {
        assertTrue(
            documented.startsWith("—"), key + " has no default but the docs say " + documented);
      }
    }
  }

  @Test
  void configFileDeclaresEveryKey() throws Exception {
    String file =
        Files.readString(Path.of("src/main/resources/META-INF/microprofile-config.properties"));

    for (String key : SettingKeys.ALL) {
      assertTrue(file.contains(key + "="), key);
    }
  }

  /** The settings a sample configuration in server-config/ describes. */
  private static DevSettings sampleSettings(String directory) throws Exception {
    Map<String, String> environment = new LinkedHashMap<>();
    for (String line : Files.readAllLines(Path.of("server-config", directory, "upload.env"))) {
      if (!line.isBlank() && !line.startsWith("#")) {
        environment.put(
            line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
      }
    }
    return DevSettings.of(Map.of(), environment);
  }

  private static JsonObject read(Path file) throws Exception {
    try (var reader = Json.createReader(new StringReader(Files.readString(file)))) {
      return reader.readObject();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"aws", "s3-compatible"})
  void sampleBucketDocumentsAreTheGeneratedOnes(String directory) throws Exception {
    DevSettings sample = sampleSettings(directory);
    BucketDocuments generated =
        BucketDocuments.forSettings(
            sample.signing(),
            MultipartSettings.read(sample.reader(), sample.signing()),
            sample.origins());
    Path dir = Path.of("server-config", directory);
    String regenerate =
        " is stale: regenerate it with `env $(grep UPLOAD_ server-config/"
            + directory
            + "/upload.env | xargs) ./bucket.sh print` (see server-config/aws/README.md)";

    assertEquals(generated.cors(), read(dir.resolve("cors.json")), "cors.json" + regenerate);
    assertEquals(
        generated.policy(),
        read(dir.resolve("bucket-policy.json")),
        "bucket-policy.json" + regenerate);
    assertEquals(
        generated.encryption(),
        read(dir.resolve("encryption.json")),
        "encryption.json" + regenerate);
    assertEquals(
        generated.publicAccessBlock(),
        read(dir.resolve("public-access-block.json")),
        "public-access-block.json" + regenerate);
    assertEquals(
        generated.lifecycle(), read(dir.resolve("lifecycle.json")), "lifecycle.json" + regenerate);
  }

  @Test
  void s3proxySampleAllowsExactlyTheTicketHeaders() throws Exception {
    Properties conf = new Properties();
    try (var in = Files.newInputStream(Path.of("server-config/s3-compatible/s3proxy.conf"))) {
      conf.load(in);
    }

    assertEquals(
        TicketHeaders.names(TestSettings.signing()),
        Arrays.asList(conf.getProperty("s3proxy.cors-allow-headers").split(" ")));
    assertEquals("PUT", conf.getProperty("s3proxy.cors-allow-methods"));
  }

  private static final Pattern ERROR_ROW = Pattern.compile("^\\| (\\d{3}) \\| `([a-z_]+)` \\|");

  @Test
  void apiReferenceListsEveryErrorCodeWithItsStatus() throws Exception {
    Map<String, Integer> documented = new LinkedHashMap<>();
    for (String line : Files.readAllLines(Path.of("docs/api.md"))) {
      Matcher row = ERROR_ROW.matcher(line);
      if (row.find()) {
        assertNull(documented.put(row.group(2), Integer.valueOf(row.group(1))), row.group(2));
      }
    }
    Map<String, Integer> inCode = new LinkedHashMap<>();
    for (ErrorCode code : ErrorCode.values()) {
      inCode.put(code.code(), code.status());
    }

    assertEquals(new TreeMap<>(inCode), new TreeMap<>(documented));
  }

  private static final Pattern LINK = Pattern.compile("\\]\\(([^)#\\s]+)(#[^)]*)?\\)");

  @Test
  void everyLinkToAFileOfTheProjectLeadsToOne() throws Exception {
    List<Path> documents = new ArrayList<>(List.of(Path.of("README.md"), Path.of("TESTING.md")));
    try (var docs = Files.list(Path.of("docs"))) {
      docs.filter(f -> f.toString().endsWith(".md")).sorted().forEach(documents::add);
    }
    documents.add(Path.of("server-config/README.md"));
    int links = 0;
    for (Path document : documents) {
      Matcher link = LINK.matcher(Files.readString(document));
      while (link.find()) {
        String target = link.group(1);
        if (!target.startsWith("http://") && !target.startsWith("https://")) {
          links++;
          Path resolved = document.toAbsolutePath().getParent().resolve(target).normalize();
          assertTrue(
              Files.exists(resolved), document + " links to " + target + ", not a file here");
        }
      }
    }
    assertTrue(links > 20, "only " + links + " links found: is the pattern still right?");
  }

  @Test
  void readmeIsAGuideNotAManual() throws Exception {
    int lines = Files.readAllLines(Path.of("README.md")).size();

    assertTrue(lines <= 160, "README.md has " + lines + " lines; put the reference into docs/");
  }
}
