package org.s3directupload.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hundreds of hostile requests to the signing endpoint. Each one must get either a 4xx in the JSON
 * error shape, or a 201 whose key lies inside the signed-in person's own segment (alice's, under
 * the configured prefix) with only safe segments.
 */
@OnTheServer
class HostileInputIT {

  private static final Pattern SAFE_KEY =
      Pattern.compile(
          "uploads/alice/\\d{4}/\\d{2}/\\d{2}/[0-9a-f-]{36}/[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}");
  private static final Map<String, Integer> OUTCOMES = new TreeMap<>();

  @ArquillianResource TheApp app;

  @AfterAll
  static void report() {
    int total = OUTCOMES.values().stream().mapToInt(Integer::intValue).sum();
    System.out.println("Hostile requests: " + total + ", by status: " + OUTCOMES);
  }

  private static String body(Object filename, Object contentType, Object size) {
    var json = Json.createObjectBuilder();
    add(json, "filename", filename);
    add(json, "contentType", contentType);
    add(json, "size", size);
    return json.build().toString();
  }

  private static void add(jakarta.json.JsonObjectBuilder json, String name, Object value) {
    if (value instanceof String text) {
      json.add(name, text);
    } else if (value instanceof Long number) {
      json.add(name, number);
    } else if (value instanceof Integer number) {
      json.add(name, number);
    } else if (value instanceof jakarta.json.JsonValue raw) {
      json.add(name, raw);
    }
  }

  static Stream<Arguments> hostileRequests() {
    List<Arguments> cases = new ArrayList<>();
    List<String> traversals =
        List.of(
            "../../etc/passwd",
            "..\\..\\windows\\win.ini",
            "../",
            "..",
            ".",
            "...",
            "....//....//x.pdf",
            "..;/x.pdf",
            "%2e%2e%2fx.pdf",
            "%2e%2e/x.pdf",
            "..%2fx.pdf",
            "%252e%252e%252fx.pdf",
            "..%c0%afx.pdf",
            "..%c1%9cx.pdf",
            "/etc/passwd",
            "/",
            "\\",
            "//server/share/x.pdf",
            "\\\\server\\share\\x.pdf",
            "C:\\Windows\\x.pdf",
            "C:x.pdf",
            "file:///etc/passwd",
            "~/.ssh/id_rsa",
            "uploads/../../x.pdf",
            "\uFF0E\uFF0E\uFF0Fx.pdf",
            "\uFF0E\uFF0E\uFF3Cx.pdf",
            "\u2024\u2024/x.pdf",
            "\uFE52\uFE52/x.pdf",
            "..\u2215x.pdf",
            "..\u2044x.pdf",
            "..\u29F8x.pdf",
            "..\uFF0Fx.pdf",
            "\u0000../x.pdf",
            "x.pdf/..",
            "x.pdf/.",
            "a/./b/../../c.pdf");
    for (String traversal : traversals) {
      cases.add(
          Arguments.of(
              "traversal " + traversal, "application/json", body(traversal, "application/pdf", 1)));
      cases.add(
          Arguments.of(
              "traversal inside " + traversal,
              "application/json",
              body("a/" + traversal + "/b.pdf", "application/pdf", 1)));
    }
    List<String> unicode =
        List.of(
            "report\u202Efdp.exe",
            "\u202Dleft.pdf",
            "\u2066isolate\u2069.pdf",
            "zero\u200Bwidth.pdf",
            "join\u200Der.pdf",
            "\uFEFFbom.pdf",
            "e" + "\u0301".repeat(50) + ".pdf",
            "\u0430pple.pdf",
            "\uD83D\uDCA5.pdf",
            "\uDBFF\uDFFF.pdf",
            "\uFFFD.pdf",
            "\uFFFF.pdf",
            "\u2028line.pdf",
            "\u2029para.pdf",
            "\u00A0nbsp.pdf",
            "\u3000ideographic.pdf",
            "ｆｕｌｌ．ｐｄｆ",
            "ﬁle.pdf",
            "Ω≈ç√∫.pdf",
            "日本語のファイル.pdf",
            "عربي.pdf",
            "\u0301leading-mark.pdf");
    for (String name : unicode) {
      cases.add(
          Arguments.of(
              "unicode " + escape(name), "application/json", body(name, "application/pdf", 1)));
    }
    for (int c = 0; c < 0x20; c++) {
      cases.add(
          Arguments.of(
              "control U+" + Integer.toHexString(c),
              "application/json",
              body("a" + (char) c + "b.pdf", "application/pdf", 1)));
    }
    cases.add(
        Arguments.of(
            "control DEL", "application/json", body("a\u007Fb.pdf", "application/pdf", 1)));
    cases.add(
        Arguments.of(
            "control NEL", "application/json", body("a\u0085b.pdf", "application/pdf", 1)));
    for (String device :
        List.of(
            "CON",
            "PRN",
            "AUX",
            "NUL",
            "COM1",
            "COM9",
            "LPT1",
            "LPT9",
            "con.pdf",
            "nul.tar.gz",
            "Aux.PDF")) {
      cases.add(
          Arguments.of("device " + device, "application/json", body(device, "application/pdf", 1)));
    }
    for (int length : new int[] {255, 256, 1024, 1025, 4096, 100_000}) {
      cases.add(
          Arguments.of(
              "long name " + length,
              "application/json",
              body("n".repeat(length - 4) + ".pdf", "application/pdf", 1)));
    }
    for (String name :
        List.of(
            "",
            " ",
            "\t",
            ".pdf",
            "-",
            "_",
            "'; DROP TABLE uploads; --.pdf",
            "<script>.pdf",
            "a\"b.pdf",
            "${jndi:ldap://x}.pdf",
            "%00.pdf",
            "a?b#c.pdf",
            "a*b.pdf",
            "a|b.pdf")) {
      cases.add(
          Arguments.of(
              "odd name " + escape(name), "application/json", body(name, "application/pdf", 1)));
    }
    List<Object> types =
        List.of(
            "application/pdf\r\nX-Injected: 1",
            "application/pdf\nX-Injected: 1",
            "application/pdf\r",
            "application/pdf; charset=utf-8",
            "application/pdf;",
            " application/pdf",
            "application/pdf ",
            "application /pdf",
            "application/ pdf",
            "APPLICATION/PDF",
            "Application/Pdf",
            "\u0430pplication/pdf",
            "application\uFF0Fpdf",
            "application/pdf\u0000",
            "*/*",
            "application/*",
            "application/",
            "/pdf",
            "pdf",
            "",
            "text/html",
            "image/svg+xml",
            "application/x-msdownload",
            "application/pdf/extra",
            "a".repeat(10_000) + "/pdf",
            jakarta.json.JsonValue.NULL,
            Json.createValue(42),
            Json.createArrayBuilder().add("application/pdf").build(),
            Json.createObjectBuilder().add("type", "application/pdf").build(),
            jakarta.json.JsonValue.TRUE);
    for (Object type : types) {
      cases.add(
          Arguments.of(
              "content type " + escape(String.valueOf(type)),
              "application/json",
              body("a.pdf", type, 1)));
    }
    List<String> sizes =
        List.of(
            "-1",
            "-0",
            "0",
            "1.5",
            "1e3",
            "1E+3",
            "1.0",
            "0.1e1",
            "-1e3",
            "1e400",
            "1e-400",
            "9223372036854775807",
            "9223372036854775808",
            "-9223372036854775809",
            "5368709120",
            "5368709121",
            "10485760",
            "10485761",
            "\"12\"",
            "true",
            "false",
            "null",
            "[]",
            "{}",
            "NaN",
            "Infinity",
            "0x10",
            "01",
            "+1",
            "1_000");
    for (String size : sizes) {
      cases.add(
          Arguments.of(
              "size " + size,
              "application/json",
              "{\"filename\":\"a.pdf\",\"contentType\":\"application/pdf\",\"size\":"
                  + size
                  + "}"));
    }
    List<String> bodies =
        List.of(
            "",
            " ",
            "null",
            "true",
            "42",
            "\"text\"",
            "[]",
            "[{}]",
            "{",
            "}",
            "{\"filename\":}",
            "{\"filename\":\"a.pdf\",}",
            "{'filename':'a.pdf'}",
            "{\"filename\":\"a.pdf\" \"size\":1}",
            "{\"filename\":\"a.pdf\",\"contentType\":\"application/pdf\",\"size\":1} trailing",
            "{\"filename\":\"a.pdf\",\"contentType\":\"application/pdf\",\"size\":1}{}",
            "\uFEFF{\"filename\":\"a.pdf\",\"contentType\":\"application/pdf\",\"size\":1}",
            "{\"filename\":\"a.pdf\",\"filename\":\"../x\",\"contentType\":\"application/pdf\",\"size\":1}",
            "{\"filename\":\"a.pdf\",\"contentType\":\"application/pdf\",\"size\":1,\"key\":\"../other/x\"}",
            "{\"filename\":\"a.pdf\",\"contentType\":\"application/pdf\",\"size\":1,\"__proto__\":{}}",
            "[".repeat(10_000),
            "{\"a\":".repeat(10_000),
            "{\"filename\":\"" + "x".repeat(20_000) + "\"}",
            "{\"filename\":\"\\ud800\",\"contentType\":\"application/pdf\",\"size\":1}",
            "{\"filename\":\"\\u0000\",\"contentType\":\"application/pdf\",\"size\":1}",
            "{\"filename\":\"a\\u002f..\\u002f..\\u002fx\",\"contentType\":\"application/pdf\",\"size\":1}");
    for (String body : bodies) {
      cases.add(
          Arguments.of(
              "body " + escape(body.length() > 60 ? body.substring(0, 60) + "…" : body),
              "application/json",
              body));
    }
    String valid = body("a.pdf", "application/pdf", 1);
    for (String type :
        List.of(
            "text/plain",
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x",
            "application/xml",
            "text/html",
            "application/octet-stream",
            "application/jsonp")) {
      cases.add(Arguments.of("request type " + type, type, valid));
    }
    return cases.stream();
  }

  private static String escape(String text) {
    StringBuilder out = new StringBuilder();
    text.codePoints()
        .limit(40)
        .forEach(
            cp -> {
              if (cp < 0x20 || cp > 0x7e) {
                out.append(String.format("\\u%04x", cp));
              } else {
                out.appendCodePoint(cp);
              }
            });
    return out.toString();
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("hostileRequests")
  void answeredWithAJsonRefusalOrAKeyInsideThePrefix(String name, String requestType, String body)
      throws Exception {
    HttpResponse<String> response =
        Http.send(
            People.ALICE
                .request(app.uploads())
                .header("Content-Type", requestType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build());
    synchronized (OUTCOMES) {
      OUTCOMES.merge(Integer.toString(response.statusCode()), 1, Integer::sum);
    }

    int status = response.statusCode();
    if (status == 201) {
      String key = Http.json(response).getString("key");
      assertTrue(SAFE_KEY.matcher(key).matches(), key);
      List<String> segments = List.of(key.split("/", -1));
      assertFalse(segments.contains("..") || segments.contains(".") || segments.contains(""), key);
      assertFalse(key.contains("\\"), key);
      return;
    }
    assertTrue(status >= 400 && status < 500, status + " " + response.body());
    JsonObject error = Http.json(response);
    assertEquals(Set.of("error", "message"), error.keySet(), response.body());
    assertFalse(error.getString("message").isBlank());
    assertFalse(response.body().contains("Exception"), response.body());
  }
}
