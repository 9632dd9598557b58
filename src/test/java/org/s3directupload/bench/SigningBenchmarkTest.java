package org.s3directupload.bench;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.s3directupload.signing.TicketHeaders;
import org.s3directupload.signing.UploadTicket;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

/** The benchmark compares like with like: the presigner signs what our v4 ticket signs. */
class SigningBenchmarkTest {

  private static final String SIGNED_HEADERS = "X-Amz-SignedHeaders=";

  private final SigningBenchmark cut = new SigningBenchmark();

  @BeforeEach
  void open() {
    cut.open();
  }

  @AfterEach
  void close() {
    cut.close();
  }

  @Test
  void presignerSignsTheSameHeadersAsOurV4Ticket() throws URISyntaxException {
    List<String> ours = signedHeaders(URI.create(cut.oursV4().url()));
    List<String> presigner = signedHeaders(cut.presignerV4().url().toURI());

    assertEquals(ours, presigner);
  }

  @Test
  void presignerPutsToTheKeyOfOurV4Ticket() throws URISyntaxException {
    UploadTicket ours = cut.oursV4();
    PresignedPutObjectRequest presigned = cut.presignerV4();
    // every ticket has its own random id in its key; the presigner's request has the id of the
    // ticket it was built from
    String presignerId = presigned.signedHeaders().get(TicketHeaders.META_UPLOAD_ID).get(0);
    URI oursUrl = URI.create(ours.url());
    URI presignerUrl = presigned.url().toURI();

    assertEquals("/" + ours.key(), oursUrl.getRawPath());
    assertEquals(oursUrl.getHost(), presignerUrl.getHost());
    assertEquals(oursUrl.getRawPath().replace(ours.id(), presignerId), presignerUrl.getRawPath());
  }

  /** The names in the URL's one {@code X-Amz-SignedHeaders} parameter, in their order. */
  private static List<String> signedHeaders(URI url) {
    List<String> values =
        Arrays.stream(url.getRawQuery().split("&"))
            .filter(pair -> pair.startsWith(SIGNED_HEADERS))
            .map(pair -> URLDecoder.decode(pair.substring(SIGNED_HEADERS.length()), UTF_8))
            .toList();
    assertEquals(1, values.size(), "X-Amz-SignedHeaders parameters");
    return List.of(values.get(0).split(";"));
  }
}
