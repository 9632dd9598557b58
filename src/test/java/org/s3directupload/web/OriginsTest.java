package org.s3directupload.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.s3directupload.config.InvalidSettingException;
import org.s3directupload.config.TestSettings;

class OriginsTest {

  @Test
  void noOriginsByDefault() {
    Origins cut = TestSettings.origins();

    assertEquals(List.of(), cut.allowed());
    assertFalse(cut.servedOnlyOverTls());
  }

  @Test
  void originsAreLowerCaseWithoutRepeats() {
    Origins cut =
        TestSettings.origins(
            "upload.allowed-origins",
            "http://localhost:8080, https://Uploads.Example.com,https://uploads.example.com");

    assertEquals(List.of("http://localhost:8080", "https://uploads.example.com"), cut.allowed());
    assertTrue(cut.includes(" HTTPS://UPLOADS.example.com"));
    assertFalse(cut.includes("https://other.example.com"));
    assertFalse(cut.servedOnlyOverTls());
  }

  @Test
  void onlyHttpsOriginsMeanTls() {
    assertTrue(
        TestSettings.origins(
                "upload.allowed-origins", "https://a.example.com,https://b.example.com")
            .servedOnlyOverTls());
  }

  @ParameterizedTest
  @ValueSource(strings = {"*", "https://example.com/app", "example.com", "ftp://example.com"})
  void anythingButAnOriginStopsStartUp(String value) {
    InvalidSettingException thrown =
        assertThrows(
            InvalidSettingException.class,
            () -> TestSettings.origins("upload.allowed-origins", value));

    assertEquals("upload.allowed-origins", thrown.key());
  }

  @Test
  void anOriginWithCredentialsIsRefusedWithoutRepeatingThem() {
    InvalidSettingException thrown =
        assertThrows(
            InvalidSettingException.class,
            () ->
                TestSettings.origins(
                    "upload.allowed-origins",
                    "https://a.example.com,https://user:pass@b.example.com"));

    assertFalse(thrown.getMessage().contains("user:pass"), thrown.getMessage());
    assertFalse(thrown.getMessage().contains("b.example.com"), thrown.getMessage());
    assertTrue(thrown.getMessage().endsWith("but item 2 is not one."), thrown.getMessage());
  }
}
