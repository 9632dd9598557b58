package org.s3directupload.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The parts of sign-in that need no server: Basic headers and where the form may lead. */
class SignInMechanismTest {

  private static String basic(String pair) {
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void basicHeadersGiveNameAndPasswordInUtf8() {
    UsernamePasswordCredential credential = BasicHeader.credential(basic("jürgen:pa:ss wörd"));

    assertEquals("jürgen", credential.getCaller());
    assertEquals("pa:ss wörd", credential.getPasswordAsString());
    assertEquals(
        "alice", BasicHeader.credential("bAsIc " + basic("alice:x").substring(6)).getCaller());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Bearer abc",
        "Basic",
        "Basic !!!",
        "Basic YWxpY2U=", // "alice": no colon
        "Basic OnBhc3N3b3Jk", // ":password": no name
        "Basic YWxpY2U6" // "alice:": no password, so no store is asked
      })
  void otherHeadersAreNotCredentials(String header) {
    assertNull(BasicHeader.credential(header));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/index.xhtml", "/bucket-doctor.xhtml", "/a/b.xhtml"})
  void plainPathsAreWhereTheFormMayLead(String path) {
    assertTrue(SignInTargets.isSafe(path));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "index.xhtml",
        "//evil.example/x",
        "/\\evil.example",
        "https://evil.example",
        "/../x",
        "/a/../../x",
        "/a/./b",
        "/%2e%2e/x",
        "/a?b=c",
        "/a#b",
        "/a b",
        "/a\nb"
      })
  void anythingElseIsNot(String path) {
    assertFalse(SignInTargets.isSafe(path), path);
  }
}
