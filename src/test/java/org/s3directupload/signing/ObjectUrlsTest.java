package org.s3directupload.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.s3directupload.config.TestSettings;
import org.s3directupload.storage.StorageClients;
import org.s3directupload.storage.StoreSettings;

/** Object URLs found once are the URLs the SDK makes for every key. */
class ObjectUrlsTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "http://127.0.0.1:9000       | true  | uploads/alice/2026/01/05/id/a_b.pdf | 127.0.0.1:9000",
        "''                          | false | uploads/bob/Résumé (1)+final~v2.pdf | test-bucket.s3.amazonaws.com",
        "https://s3.example.test:443 | true  | a/.2F.2E.2E/weird name*'!.txt       | s3.example.test",
        "http://minio.example.test:80 | false | k                                  | test-bucket.minio.example.test",
      })
  void areTheSdksUrls(String endpoint, boolean pathStyle, String key, String host) {
    List<String> kv = new ArrayList<>(List.of("upload.path-style", Boolean.toString(pathStyle)));
    if (!endpoint.isEmpty()) {
      kv.addAll(List.of("upload.endpoint", endpoint));
    }
    StoreSettings store = TestSettings.signing(kv.toArray(String[]::new)).store();

    ObjectUrls cut = new ObjectUrls(store);

    String sdk =
        StorageClients.addressing(store).getUrl(b -> b.bucket(store.bucket()).key(key)).toString();
    assertEquals(sdk, cut.url(key));
    assertEquals(java.net.URI.create(sdk).getRawPath(), cut.path(key));
    assertEquals(host, cut.host());
  }
}
