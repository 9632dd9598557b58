package org.s3directupload.uploads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.s3directupload.signing.UploadRefusal;

class RequestBodiesTest {

  @Test
  void bodyThatBreaksOffIsA400() {
    java.io.InputStream broken =
        new java.io.InputStream() {
          @Override
          public int read() throws java.io.IOException {
            throw new java.io.IOException("connection reset");
          }
        };

    UploadRefusal refusal =
        assertThrows(UploadRefusal.class, () -> RequestBodies.readUtf8(broken, 100));

    assertEquals(UploadRefusal.Reason.INVALID_REQUEST, refusal.reason());
  }

  @Test
  void bodiesAreReadWithABound() {
    byte[] big = new byte[UploadsResource.LARGEST_BODY + 1];

    UploadRefusal refusal =
        assertThrows(
            UploadRefusal.class,
            () ->
                RequestBodies.readUtf8(
                    new ByteArrayInputStream(big), UploadsResource.LARGEST_BODY));

    assertEquals(UploadRefusal.Reason.REQUEST_TOO_LARGE, refusal.reason());
  }

  @Test
  void bodiesMustBeUtf8() {
    byte[] latin1 = "{\"filename\":\"Gr\u00fc\u00dfe\"}".getBytes(StandardCharsets.ISO_8859_1);

    UploadRefusal refusal =
        assertThrows(
            UploadRefusal.class,
            () -> RequestBodies.readUtf8(new ByteArrayInputStream(latin1), 100));

    assertEquals("The request body is not UTF-8 text.", refusal.getMessage());
  }
}
