package org.s3directupload.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class FileNamesTest {

  static Stream<String> hostileNames() {
    return Stream.of(
        "../../etc/passwd",
        "..\\..\\windows\\system32\\config\\sam",
        "..",
        ".",
        "...",
        "/",
        "\\",
        "a/../../b.pdf",
        "%2e%2e%2fsecret.pdf",
        "..%c0%af..%c0%afsecret.pdf",
        "\uFF0E\uFF0E\uFF0Fsecret.pdf", // full-width ../
        "\u2024\u2024/secret.pdf", // one-dot leaders
        "report\u202Efdp.exe", // right-to-left override
        "re\u0301sume\u0301.pdf", // combining accents
        "nul\u0000byte.pdf",
        "line\r\nbreak.pdf",
        "tab\there.pdf",
        "CON",
        "con.pdf",
        "LPT1.txt",
        "aux",
        "    ",
        "name with spaces.pdf",
        "\u202E",
        "\uD83D\uDE00.pdf",
        "x".repeat(5000) + ".pdf",
        "a".repeat(300),
        "C:\\fakepath\\report.pdf",
        "file:///etc/passwd",
        "~/.ssh/id_rsa",
        ".htaccess",
        "trailing.dots...",
        "uploads/other-person/../../x.pdf",
        "\u0085next-line.pdf",
        "\u2028separator.pdf",
        "\uFEFFbom.pdf",
        "\u200Bzero-width.pdf");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "report.pdf|report.pdf",
        "C:\\fakepath\\report.pdf|report.pdf",
        "../../etc/passwd|passwd",
        "résumé.pdf|resume.pdf",
        "Grüße 2026.pdf|Gru_e_2026.pdf",
        "..|file",
        "CON.pdf|_CON.pdf",
        ".htaccess|htaccess",
        "trailing.dots...|trailing.dots",
        "ｒｅｐｏｒｔ．ｐｄｆ|report.pdf",
      })
  void safeNameKeepsWhatIsReadable(String filename, String expected) {
    assertEquals(expected, FileNames.safeName(filename));
  }

  @Test
  void safeNameDropsInvisibleCharacters() {
    assertEquals("reportfdp.exe", FileNames.safeName("report\u202Efdp.exe"));
    assertEquals("nulbyte.pdf", FileNames.safeName("nul\u0000byte.pdf"));
  }

  @Test
  void aLongDeviceNameStaysDefused() {
    String safe = FileNames.safeName("con." + "x".repeat(200) + ".pdf");

    assertTrue(safe.startsWith("_con."), safe);
    assertEquals(FileNames.LONGEST_SAFE_NAME, safe.length());
    assertTrue(safe.endsWith(".pdf"), safe);
  }

  @Test
  void longNamesAreBoundedAndKeepTheirExtension() {
    String safe = FileNames.safeName("x".repeat(5000) + ".pdf");

    assertEquals(FileNames.LONGEST_SAFE_NAME, safe.length());
    assertTrue(safe.endsWith("x.pdf"), safe);
  }

  @Test
  void contentDispositionKeepsThePersonsNameEncoded() {
    assertEquals(
        "attachment; filename=\"Gru_e.pdf\"; filename*=UTF-8''Gr%C3%BC%C3%9Fe.pdf",
        FileNames.of("Grüße.pdf").contentDisposition());
  }

  @ParameterizedTest
  @MethodSource("hostileNames")
  void contentDispositionIsPlainAsciiWithoutHeaderBreaks(String filename) {
    String value = FileNames.of(filename).contentDisposition();

    assertTrue(value.startsWith("attachment; filename=\""), value);
    assertTrue(value.chars().allMatch(c -> c >= 0x20 && c < 0x7f), value);
    String encoded = value.substring(value.indexOf("filename*=UTF-8''") + 17);
    assertFalse(encoded.contains("\"") || encoded.contains(";") || encoded.contains(" "), value);
  }
}
