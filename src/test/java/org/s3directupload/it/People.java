package org.s3directupload.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * The people of the integration runs, as {@code UPLOAD_USERS} in the pom lists them, each able to
 * call the API with HTTP Basic the way a script would.
 */
public enum People {
  /** An uploader. */
  ALICE("alice", "alice-password"),
  /** Another uploader, to prove isolation from alice. */
  BOB("bob", "bob-password"),
  /** An uploader whose failed sign-ins one test uses up: no other test may sign her in. */
  CAROL("carol", "carol-password"),
  /** Only upload-admin: may run the doctor, may not upload. */
  ADA("ada", "ada-password"),
  /** An uploader whose password is configured as a PBKDF2 hash. */
  HASHED("hashed", "hashed-password");

  private final String name;
  private final String password;

  People(String name, String password) {
    this.name = name;
    this.password = password;
  }

  public String username() {
    return name;
  }

  public String password() {
    return password;
  }

  /** Where this person's keys start. */
  public String segment() {
    return TestStore.settings().keyPrefix() + name + "/";
  }

  /** The value of an {@code Authorization} header for this person. */
  public String basic() {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((name + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** A request builder that already carries this person's credentials. */
  public HttpRequest.Builder request(URI uri) {
    return HttpRequest.newBuilder(uri)
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", basic());
  }

  public HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
    return Http.send(request(uri).GET().build());
  }

  public HttpResponse<String> post(URI uri, String contentType, String body)
      throws IOException, InterruptedException {
    return Http.send(
        request(uri)
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }
}
